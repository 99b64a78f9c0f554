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

declare const payloadBytesBrand: unique symbol;

/**
 * The UTF-8 JSON of one ExecutionResult, as `toPayloadBytes` makes it: the
 * only bytes a `next` message takes as they are.
 */
export type PayloadBytes = Buffer & { readonly [payloadBytesBrand]: true };

/** Serializes a result (already masked) for `next` messages, encoded once for every subscriber. */
export function toPayloadBytes(result: ExecutionResult): PayloadBytes {
  return Buffer.from(JSON.stringify(result)) as PayloadBytes;
}

/**
 * One event's payload for one operation key: executed and serialized once,
 * then handed to every subscription with that key. Subscriptions that take
 * the event while it is executing wait in `waiting` and are handed it in one
 * synchronous pass when it is ready (no promise per subscriber).
 */
interface SharedPayload {
  bytes?: PayloadBytes;
  failed?: { error: unknown };
  waiting: SharedSubscription[];
}

/**
 * The payloads of one event, by operation key. Held by the event object
 * itself (weakly), so they go away with the last subscriber that holds it.
 */
const payloadsByEvent = new WeakMap<object, Map<string, SharedPayload>>();

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
   * Turns a result into the bytes of a `next` message payload (errors
   * masked); called once per event and key.
   */
  serialize: (result: ExecutionResult) => PayloadBytes;
  /**
   * Sends one `next` message with this payload (the result of `event`) and
   * calls `done` once it is flushed (that is the backpressure: the next event
   * is not taken before), with false when the socket is gone or may no longer
   * receive. `done` may be called before `send` returns only with false.
   * `live` says whether the subscription still runs: a send that waits
   * before writing (a token re-check) must not write once it has stopped
   * (the client may have completed it and reused its id).
   */
  send: (
    payload: PayloadBytes,
    event: unknown,
    done: (sent: boolean) => void,
    live: () => boolean,
  ) => void;
}

/**
 * A source of events as EventStream offers it: taken synchronously while
 * there are some, with a callback when there may be more. Other sources are
 * read through their async iterator alone.
 */
interface PollableSource<T> extends AsyncIterator<T> {
  poll(): T | 'wait' | 'read' | 'done';
  onReady(ready: () => void): void;
}

function isPollable<T>(source: AsyncIterator<T>): source is PollableSource<T> {
  const candidate = source as Partial<PollableSource<T>>;
  return typeof candidate.poll === 'function' && typeof candidate.onReady === 'function';
}

/**
 * graphql-js `subscribe`, except that each source event is executed and
 * serialized once per distinct operation key, and those bytes are sent to
 * every subscription with the same key: the per-subscriber cost of an event
 * is one buffer copy and one socket write. The source stream (the root
 * field's `subscribe`) is still made per subscription, so arguments, roles
 * and errors apply to each; returns the ExecutionResult with errors when it
 * fails.
 *
 * A subscriber that is live and has nothing in flight is handed each event
 * synchronously from the hub's publish (EventStream.onReady) and, once the
 * event's payload is ready, sent it in the same pass as every other
 * subscriber waiting for it; one that is replaying, catching up or still
 * flushing takes its next event when that is done. Events go one at a time,
 * in order, the next once the previous is flushed.
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
  const subscription = new SharedSubscription(args, options, iterator);
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      await subscription.run();
      return done;
    },
    async return() {
      await subscription.stop();
      return done;
    },
    async throw(error?: unknown) {
      await subscription.stop();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return mapped;
}

/**
 * One subscription's delivery loop (see subscribeShared): a small state
 * machine driven by callbacks — the source's readiness, the payload's
 * execution, the socket's flush — rather than a chain of promises.
 */
class SharedSubscription {
  /** A read of the source, an event's execution or a send is under way: take nothing more. */
  private busy = false;
  private pumping = false;
  private stopped = false;
  /** The event waiting for its payload. */
  private pending: unknown;
  private readonly finished: Promise<void>;
  private finish!: () => void;
  private fail!: (error: unknown) => void;
  private readonly pollable: boolean;

  constructor(
    private readonly args: ExecutionArgs,
    private readonly options: SharedSubscriptionOptions,
    private readonly source: AsyncIterator<unknown>,
  ) {
    this.pollable = isPollable(source);
    this.finished = new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
  }

  /** Starts delivering; resolves when the subscription ends, rejects when an event could not be executed. */
  run(): Promise<void> {
    this.pump();
    return this.finished;
  }

  /** Ends the subscription (the client completed it, or its socket went away). */
  async stop(): Promise<void> {
    this.end();
    await this.source.return?.();
  }

  /** Called back when the source may have more. */
  private readonly resume = (): void => this.pump();

  /** Called back when a send is flushed (or failed). */
  private readonly live = (): boolean => !this.stopped;

  private readonly sent = (ok: boolean): void => {
    this.busy = false;
    if (ok) this.pump();
    else void this.stop().catch(() => undefined);
  };

  /** Takes and delivers events while that needs no waiting; re-entered calls are no-ops. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.stopped && !this.busy) {
        const step = this.pollable ? (this.source as PollableSource<unknown>).poll() : 'read';
        if (step === 'wait') {
          (this.source as PollableSource<unknown>).onReady(this.resume);
          return;
        }
        if (step === 'done') {
          void this.stop().catch(() => undefined);
          return;
        }
        if (step === 'read') {
          this.busy = true;
          this.source.next().then(this.read, this.failed);
          return;
        }
        this.take(step);
      }
    } catch (error) {
      this.failed(error);
    } finally {
      this.pumping = false;
    }
  }

  private readonly read = (item: IteratorResult<unknown>): void => {
    this.busy = false;
    if (item.done) {
      void this.stop().catch(() => undefined);
      return;
    }
    if (this.stopped) return;
    try {
      this.take(item.value);
    } catch (error) {
      return this.failed(error);
    }
    this.pump();
  };

  /** Ends the subscription with `error` (graphql-ws reports it as it did any iterator's). */
  private readonly failed = (error: unknown): void => {
    this.busy = false;
    if (this.stopped) return;
    this.stopped = true;
    this.fail(error);
    void Promise.resolve()
      .then(() => this.source.return?.())
      .catch(() => undefined);
  };

  /** Hands `event` on: at once when its payload is ready, else once it is. */
  private take(event: unknown): void {
    const payload = this.payloadOf(event);
    if (payload.bytes) return this.deliver(payload.bytes, event);
    if (payload.failed) return this.failed(payload.failed.error);
    this.busy = true;
    this.pending = event;
    payload.waiting.push(this);
  }

  /** The payload `event` waited for is ready (or failed). */
  settled(payload: SharedPayload): void {
    const event = this.pending;
    this.pending = undefined;
    this.busy = false;
    if (this.stopped) return;
    if (payload.failed) return this.failed(payload.failed.error);
    try {
      this.deliver(payload.bytes!, event);
    } catch (error) {
      return this.failed(error);
    }
    this.pump();
  }

  private deliver(bytes: PayloadBytes, event: unknown): void {
    if (this.stopped) return;
    this.busy = true;
    try {
      this.options.send(bytes, event, this.sent, this.live);
    } catch (error) {
      this.busy = false;
      throw error;
    }
  }

  /** The shared payload of `event` for this key, executing it when nobody has yet. */
  private payloadOf(event: unknown): SharedPayload {
    if (typeof event !== 'object' || event === null) return this.executeOnce(event);
    let payloads = payloadsByEvent.get(event);
    if (!payloads) {
      payloads = new Map();
      payloadsByEvent.set(event, payloads);
    }
    let payload = payloads.get(this.options.key);
    if (!payload) {
      payload = this.executeOnce(event);
      payloads.set(this.options.key, payload);
    }
    return payload;
  }

  private executeOnce(event: unknown): SharedPayload {
    const payload: SharedPayload = { waiting: [] };
    const { args, options } = this;
    Promise.resolve()
      .then(() => execute({ ...args, rootValue: event, contextValue: options.contextFor() }))
      .then((result) => {
        payload.bytes = options.serialize(result);
      })
      .catch((error: unknown) => {
        payload.failed = { error };
      })
      .then(() => {
        const waiting = payload.waiting;
        payload.waiting = [];
        for (const subscription of waiting) subscription.settled(payload);
      });
    return payload;
  }

  private end(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.finish();
  }
}
