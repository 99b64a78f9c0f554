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
import { MessageType } from 'graphql-ws';

declare const payloadJsonBrand: unique symbol;

/**
 * The JSON of one ExecutionResult, as `toPayloadJson` makes it: the only
 * text a `next` message takes as it is.
 */
export type PayloadJson = string & { readonly [payloadJsonBrand]: true };

/** Serializes a result (already masked) for `next` messages. */
export function toPayloadJson(result: ExecutionResult): PayloadJson {
  return JSON.stringify(result) as PayloadJson;
}

/**
 * Makes the graphql-ws `next` messages of subscription `id`. The envelope is
 * JSON.stringify's own, worked out once per subscription; each message puts
 * a serialized result into it as it is, so one serialization of an event
 * serves every subscriber with the same operation.
 */
export function nextMessages(id: string): (payload: PayloadJson) => string {
  const envelope = JSON.stringify({ id, type: MessageType.Next });
  // `{"id":…,"type":"next"}` without its closing brace, then the payload member.
  const head = `${envelope.slice(0, -1)},"payload":`;
  return (payload) => `${head}${payload}}`;
}

/**
 * The serialized results of one event, by operation key. Held by the event
 * object itself (weakly), so they go away with the last subscriber that holds it.
 */
const resultsByEvent = new WeakMap<object, Map<string, Promise<PayloadJson>>>();

/** Identical operation keys share one string, so 10,000 screens do not hold 10,000 copies. */
const keys = new Map<string, string>();

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
  return intern(`${scope}\n${JSON.stringify(values)}\n${print(stripped)}`);
}

function intern(key: string): string {
  const known = keys.get(key);
  if (known) return known;
  if (keys.size >= 10_000) keys.clear();
  keys.set(key, key);
  return key;
}

/** How a shared subscription runs. */
export interface SharedSubscriptionOptions {
  /** From operationKey: subscriptions with equal keys share each event's result. */
  key: string;
  /** A fresh context for executing one event (new DataLoaders: nothing is cached across events). */
  contextFor: () => unknown;
  /**
   * Turns a result into the JSON of a `next` message payload (errors masked);
   * called once per event and key.
   */
  serialize: (result: ExecutionResult) => PayloadJson;
  /**
   * Sends one `next` message with this payload JSON (the result of `event`)
   * and resolves once it is flushed (that is the backpressure); false when
   * the socket is gone.
   */
  send: (payload: PayloadJson, event: unknown) => Promise<boolean>;
}

/**
 * graphql-js `subscribe`, except that each source event is executed and
 * serialized once per distinct operation key, and that JSON is sent to every
 * subscription with the same key: the per-subscriber cost of an event is one
 * string concatenation and one socket write. The source stream (the root
 * field's `subscribe`) is still made per subscription, so arguments, roles
 * and errors apply to each; returns the ExecutionResult with errors when it
 * fails.
 *
 * The iterator returned sends the `next` messages itself and never yields:
 * graphql-ws awaits it and sends `complete` when it ends (the source
 * completed, or the socket went away).
 */
export async function subscribeShared(
  args: ExecutionArgs,
  options: SharedSubscriptionOptions,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();

  const payloadOf = (event: unknown): Promise<PayloadJson> => {
    const run = async () =>
      options.serialize(
        await execute({ ...args, rootValue: event, contextValue: options.contextFor() }),
      );
    if (typeof event !== 'object' || event === null) return run();
    let results = resultsByEvent.get(event);
    if (!results) {
      results = new Map();
      resultsByEvent.set(event, results);
    }
    let payload = results.get(options.key);
    if (!payload) {
      payload = run();
      results.set(options.key, payload);
    }
    return payload;
  };

  let stopped = false;
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      try {
        while (!stopped) {
          const item = await iterator.next();
          if (item.done || stopped) break;
          const payload = await payloadOf(item.value);
          if (stopped || !(await options.send(payload, item.value))) break;
        }
      } finally {
        stopped = true;
      }
      await iterator.return?.();
      return done;
    },
    async return() {
      stopped = true;
      await iterator.return?.();
      return done;
    },
    async throw(error?: unknown) {
      stopped = true;
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return mapped;
}
