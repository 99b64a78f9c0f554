import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CollectFunction,
} from 'prom-client';
import type { Context } from '../context';
import { contextRecord } from './access-log';

/** What the gauges read when Prometheus scrapes; each may be missing (0 then). */
export interface MetricSources {
  /** Open graphql-ws sockets. */
  sockets(): number;
  /** Live subscriptions (event streams) of this process. */
  subscriptions(): number;
  /** The LISTEN bridge: connected or not, and how often it reconnected. */
  bridge(): { up: boolean; reconnects: number } | undefined;
  /** The pg pool: connections in use, idle, and callers waiting for one. */
  pool(): { total: number; idle: number; waiting: number } | undefined;
}

/** Distinct operation names kept as label values; later ones are counted as "other". */
const MAX_OPERATION_NAMES = 200;

/** Process metrics (CPU, memory, event loop, GC) are registered once per process. */
let processRegistry: Registry | undefined;

/**
 * The Prometheus metrics of one server, exposed at GET /metrics (prom-client):
 *
 * - `thidua_graphql_request_duration_seconds{operation,type,outcome}`: GraphQL
 *   over HTTP, by operation name, type and outcome (`ok`, `error` when the
 *   client got an expected error, `internal` for a masked one);
 * - `thidua_graphql_errors_total{code}`: errors sent to clients, HTTP and WebSocket;
 * - `thidua_websocket_connections`, `thidua_subscriptions`;
 * - `thidua_event_delivery_lag_seconds`: from the change that logged an event
 *   (its transaction's time) to the event's hand-over to a subscriber's socket;
 * - `thidua_event_bridge_up`, `thidua_event_bridge_reconnects_total`;
 * - `thidua_db_pool_connections{state}` (in_use, idle), `thidua_db_pool_waiting`;
 * - the process metrics of prom-client (`process_*`, `nodejs_*`).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly deliveryLag: Histogram;
  private readonly operationNames = new Set<string>();

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.requestDuration = new Histogram({
      name: 'thidua_graphql_request_duration_seconds',
      help: 'GraphQL operations over HTTP, from request to response, by operation name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'thidua_graphql_errors_total',
      help: 'GraphQL errors sent to clients (HTTP and WebSocket), by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.deliveryLag = new Histogram({
      name: 'thidua_event_delivery_lag_seconds',
      help: "From the change that logged an event (its transaction's time) to its hand-over to a subscriber's socket",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const gauge = (name: string, help: string, collect: CollectFunction<Gauge>) =>
      new Gauge({ name, help, registers, collect });
    gauge('thidua_websocket_connections', 'Open graphql-ws sockets', function () {
      this.set(sources.sockets());
    });
    gauge('thidua_subscriptions', 'Live subscriptions of this process', function () {
      this.set(sources.subscriptions());
    });
    gauge('thidua_event_bridge_up', '1 while the LISTEN connection is up, else 0', function () {
      this.set(sources.bridge()?.up ? 1 : 0);
    });
    let reconnectsSeen = 0;
    new Counter({
      name: 'thidua_event_bridge_reconnects_total',
      help: 'Times the LISTEN connection was re-established after a loss',
      registers,
      collect() {
        const reconnects = sources.bridge()?.reconnects ?? 0;
        if (reconnects > reconnectsSeen) this.inc(reconnects - reconnectsSeen);
        reconnectsSeen = Math.max(reconnectsSeen, reconnects);
      },
    });
    new Gauge({
      name: 'thidua_db_pool_connections',
      help: 'Connections of the PostgreSQL pool, in use or idle',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.pool();
        this.set({ state: 'in_use' }, pool ? pool.total - pool.idle : 0);
        this.set({ state: 'idle' }, pool?.idle ?? 0);
      },
    });
    gauge('thidua_db_pool_waiting', 'Callers waiting for a pool connection', function () {
      this.set(sources.pool()?.waiting ?? 0);
    });
    if (!processRegistry) {
      processRegistry = new Registry();
      collectDefaultMetrics({ register: processRegistry });
    }
  }

  /** The exposition text of this server's and the process's metrics. */
  async text(): Promise<string> {
    const own = await this.registry.metrics();
    const shared = processRegistry ? await processRegistry.metrics() : '';
    return `${own}\n${shared}`;
  }

  /** Counts errors as a client saw them (formatted, masked), by code. */
  countErrors(errors: readonly Pick<GraphQLFormattedError, 'extensions'>[] | undefined): void {
    for (const error of errors ?? []) {
      const code = error.extensions?.code;
      this.errors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
    }
  }

  /** One event handed to one subscriber's socket. */
  delivered(event: unknown): void {
    const occurredAt = (event as { occurredAt?: unknown } | null)?.occurredAt;
    if (occurredAt instanceof Date) {
      this.deliveryLag.observe(Math.max(0, (Date.now() - occurredAt.getTime()) / 1000));
    }
  }

  /** An operation name as a label value: bounded, so clients cannot grow the series without end. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (
      this.operationNames.size >= MAX_OPERATION_NAMES ||
      !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)
    ) {
      return 'other';
    }
    this.operationNames.add(name);
    return name;
  }

  /** Times GraphQL operations over HTTP and counts their errors; notes the operation for the access log. */
  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ contextValue, response, operationName, operation }) => {
            const errors =
              response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            this.countErrors(errors);
            const outcome = !errors?.length
              ? 'ok'
              : errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')
                ? 'internal'
                : 'error';
            const label = this.operationLabel(operationName);
            this.requestDuration.observe(
              { operation: label, type: operation?.operation ?? 'unknown', outcome },
              Number(process.hrtime.bigint() - started) / 1e9,
            );
            const record = contextRecord(contextValue);
            if (record) record.operation = operationName ?? undefined;
          },
        };
      },
    };
  }
}

/**
 * GET /metrics. With a token, only `Authorization: Bearer <token>` gets the
 * metrics (401 otherwise); without one, anyone who reaches the port does.
 */
export function metricsHandler(metrics: Metrics, token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return async (req, res) => {
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(401).set('www-authenticate', 'Bearer').json({ error: 'METRICS_TOKEN required' });
        return;
      }
    }
    res.set('content-type', metrics.registry.contentType).send(await metrics.text());
  };
}
