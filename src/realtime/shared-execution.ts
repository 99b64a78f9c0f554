import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  print,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import { EventStream, SlowConsumerError } from './event-hub';

/**
 * The results of one event, by operation key. Held by the event object
 * itself (weakly), so they go away with the last subscriber that holds it.
 */
const resultsByEvent = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/**
 * What makes two subscriptions' results for the same event identical: the
 * operation with the root field's arguments removed (they only choose which
 * events arrive; every subscription root resolver returns its payload as it
 * is), the values of the variables still used, and `scope` (whatever of the
 * caller results may depend on, e.g. role, unit and person).
 */
export function operationKey(args: ExecutionArgs, scope: string): string {
  const operation = getOperationAST(args.document, args.operationName);
  const variables = (args.variableValues ?? {}) as Record<string, unknown>;
  if (!operation || operation.operation !== 'subscription') {
    return `${scope}\n${JSON.stringify(variables)}\n${print(args.document)}`;
  }
  const stripped = visit(args.document, {
    OperationDefinition(node: OperationDefinitionNode) {
      if (node !== operation) return null;
      return {
        ...node,
        selectionSet: {
          ...node.selectionSet,
          selections: node.selectionSet.selections.map((selection) =>
            selection.kind === Kind.FIELD ? { ...selection, arguments: [] } : selection,
          ),
        },
      };
    },
  }) as DocumentNode;
  const used = new Set<string>();
  visit(stripped, {
    VariableDefinition: () => false,
    Variable(node) {
      used.add(node.name.value);
    },
  });
  const values = [...used].sort().map((name) => [name, variables[name] ?? null]);
  return `${scope}\n${JSON.stringify(values)}\n${print(stripped)}`;
}

/** How a shared subscription runs. */
export interface SharedSubscriptionOptions {
  /** From operationKey: subscriptions with equal keys share each event's result. */
  key: string;
  /** A fresh context for executing one event (new DataLoaders: nothing is cached across events). */
  contextFor: () => unknown;
  /** Called (maybe more than once) when the subscriber fell too far behind. */
  onSlowConsumer: () => void;
}

/**
 * graphql-js `subscribe`, except that each source event is executed once per
 * distinct operation key and the result reused by every subscription with the
 * same key. The source stream (the root field's `subscribe`) is still made
 * per subscription, so arguments, roles and errors apply to each; returns
 * the ExecutionResult with errors when it fails.
 */
export async function subscribeShared(
  args: ExecutionArgs,
  options: SharedSubscriptionOptions,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  // Cut a stalled subscriber off as soon as its queue overflows, not when it
  // next reads: it may be stuck on a send that never completes.
  if (iterator instanceof EventStream) iterator.onOverflow = options.onSlowConsumer;

  const resultOf = (payload: unknown): Promise<ExecutionResult> => {
    const run = () =>
      Promise.resolve(execute({ ...args, rootValue: payload, contextValue: options.contextFor() }));
    if (typeof payload !== 'object' || payload === null) return run();
    let results = resultsByEvent.get(payload);
    if (!results) {
      results = new Map();
      resultsByEvent.set(payload, results);
    }
    let result = results.get(options.key);
    if (!result) {
      result = run();
      results.set(options.key, result);
    }
    return result;
  };

  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      try {
        const item = await iterator.next();
        if (item.done) return done;
        return { done: false, value: await resultOf(item.value) };
      } catch (error) {
        if (error instanceof SlowConsumerError) {
          options.onSlowConsumer();
          return done;
        }
        throw error;
      }
    },
    async return() {
      await iterator.return?.();
      return done;
    },
    async throw(error?: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return mapped;
}
