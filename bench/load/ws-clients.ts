/**
 * Subscribers for the fan-out benchmark, run as a child process of
 * bench/run.ts (several of them share the sockets of a large run). Each is a
 * graphql-ws client over its own WebSocket, subscribed to one conference's
 * events as a VIEWER would be: the lean one of ws-clients-lean.ts (default)
 * or the `graphql-ws` package's client (`client: 'graphql-ws'`). Every
 * `next` is checked the same way with either: its key, duplicates, order and
 * losses.
 *
 * Messages in:
 *   { type: 'connect', spec: WsClientsSpec }   open and subscribe every client
 *   { type: 'collect', sent: Record<key, ms> } latency of each receipt after the mutation's response
 *   { type: 'cpu' }                            this process's CPU time so far: { type: 'cpu', cpuMs }
 *   { type: 'close' } or { type: 'stop' }      dispose every client and exit
 * Messages out:
 *   { type: 'connected', opened, failed, firstError }
 *   { type: 'delivered', key }                 every client of this process has event `key`
 *   { type: 'collected', ... }                 see CollectedResult
 *
 * Times are wall-clock milliseconds with sub-millisecond precision
 * (performance.timeOrigin + performance.now()), comparable across processes
 * of one machine.
 */
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { openLean } from './ws-clients-lean';

export interface WsClientsSpec {
  wsUrl: string;
  token: string;
  count: number;
  query: string;
  variables: Record<string, unknown>;
  /** Sockets opening at the same time. */
  openConcurrency: number;
  /** Give up on connecting after this long. */
  connectTimeoutMs: number;
  /**
   * Which client speaks graphql-ws: `lean` (bench/load/ws-clients-lean.ts,
   * the default) or the `graphql-ws` package's client over `ws`.
   */
  client?: WsClientKind;
}

export type WsClientKind = 'lean' | 'graphql-ws';

export interface CollectedResult {
  clients: number;
  /** Delivery latencies (ms, from the mutation's response), one per received event. */
  latencies: number[];
  /** Receipts that came before the mutation's response had arrived (counted as 0 ms). */
  early: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  closedEarly: number;
  firstError?: string;
}

export const now = () => performance.timeOrigin + performance.now();

interface Subscriber {
  dispose: () => unknown;
  received: Map<string, number>;
  order: string[];
  duplicates: number;
  closed: boolean;
  completed: boolean;
}

/** The key of a received event: the announced award's id, else the event cursor. */
function keyOf(data: any): string | undefined {
  const event = data?.conferenceEvents ?? data?.awardAnnounced;
  return event?.award?.id ?? event?.cursor;
}

if (require.main === module) {
  const subscribers: Subscriber[] = [];
  const counts = new Map<string, number>();
  let firstError: string | undefined;
  let active = 0;

  const open = (spec: WsClientsSpec, index: number) =>
    new Promise<boolean>((resolve) => {
      const subscriber: Subscriber = {
        dispose: () => undefined,
        received: new Map(),
        order: [],
        duplicates: 0,
        closed: false,
        completed: false,
      };
      let settled = false;
      const settle = (ok: boolean) => {
        if (!settled) {
          settled = true;
          resolve(ok);
        }
      };
      const next = (result: { data?: unknown; errors?: readonly unknown[] }) => {
        const at = now();
        if (result.errors?.length) {
          firstError ??= JSON.stringify(result.errors).slice(0, 300);
          return;
        }
        const key = keyOf(result.data);
        if (!key) return;
        if (subscriber.received.has(key)) {
          subscriber.duplicates++;
          return;
        }
        subscriber.received.set(key, at);
        subscriber.order.push(key);
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        if (count === active) process.send?.({ type: 'delivered', key });
      };
      const closed = (code: unknown, reason: unknown) => {
        subscriber.closed = true;
        if (!settled) firstError ??= `socket ${index} closed: ${code} ${reason}`;
        settle(false);
      };
      subscribers.push(subscriber);
      if ((spec.client ?? 'lean') === 'lean') {
        subscriber.dispose = openLean(
          {
            url: spec.wsUrl,
            connectionParams: { authorization: `Bearer ${spec.token}` },
            query: spec.query,
            variables: spec.variables,
          },
          {
            connected: () => settle(true),
            next,
            complete: () => {
              subscriber.completed = true;
            },
            error: (message) => {
              firstError ??= `socket ${index}: ${message}`;
              settle(false);
            },
            closed,
          },
        );
      } else {
        const client = createClient({
          url: spec.wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${spec.token}` },
          lazy: false,
          retryAttempts: 0,
          keepAlive: 0,
          on: {
            connected: () => settle(true),
            closed: (event: any) => closed(event?.code, event?.reason),
            error: (error) => {
              firstError ??= `socket ${index}: ${String((error as any)?.message ?? error)}`;
              settle(false);
            },
          },
        });
        subscriber.dispose = () => client.dispose();
        client.subscribe(
          { query: spec.query, variables: spec.variables },
          {
            next,
            error: (error) => {
              firstError ??= `subscription ${index}: ${JSON.stringify(error).slice(0, 300)}`;
            },
            complete: () => {
              subscriber.completed = true;
            },
          },
        );
      }
      setTimeout(() => settle(false), spec.connectTimeoutMs).unref();
    });

  const connect = async (spec: WsClientsSpec) => {
    let opened = 0;
    let failed = 0;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < spec.count; i = next++) {
        if (await open(spec, i)) opened++;
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(spec.openConcurrency, spec.count) }, worker));
    active = opened;
    process.send?.({ type: 'connected', opened, failed, firstError });
  };

  const collect = (sent: Record<string, number>): CollectedResult => {
    const keys = Object.keys(sent);
    const latencies: number[] = [];
    let early = 0;
    let lost = 0;
    let duplicates = 0;
    let outOfOrder = 0;
    let closedEarly = 0;
    for (const s of subscribers) {
      duplicates += s.duplicates;
      if (s.closed) closedEarly++;
      for (const key of keys) {
        const at = s.received.get(key);
        if (at === undefined) {
          lost++;
          continue;
        }
        const latency = at - sent[key]!;
        if (latency < 0) early++;
        latencies.push(Math.max(0, latency));
      }
      const seen = s.order.filter((key) => key in sent);
      const expected = keys.filter((key) => s.received.has(key));
      if (seen.join() !== expected.join()) outOfOrder++;
    }
    return {
      clients: subscribers.length,
      latencies,
      early,
      lost,
      duplicates,
      outOfOrder,
      closedEarly,
      firstError,
    };
  };

  process.on('message', (message: any) => {
    if (message?.type === 'connect') {
      void connect(message.spec as WsClientsSpec);
    } else if (message?.type === 'cpu') {
      const cpu = process.cpuUsage();
      process.send?.({ type: 'cpu', cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message?.type === 'collect') {
      process.send?.({ type: 'collected', result: collect(message.sent) });
    } else if (message?.type === 'close' || message?.type === 'stop') {
      // Let the server finish the streams it is completing (the conference
      // ended) before the sockets go, so it never writes to a closed one.
      const deadline = Date.now() + 3000;
      const close = () => {
        if (subscribers.some((s) => !s.completed && !s.closed) && Date.now() < deadline) {
          setTimeout(close, 20);
          return;
        }
        void Promise.allSettled(subscribers.map(async (s) => s.dispose())).then(() =>
          process.exit(0),
        );
      };
      close();
      setTimeout(() => process.exit(0), 8000).unref();
    }
  });
  process.on('disconnect', () => process.exit(0));
}
