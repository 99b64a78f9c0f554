import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import type { WebSocketServer } from 'ws';
import type { Services } from '../common/services';
import { query, sql } from '../common/sql';
import { withTimeout } from '../common/timeout';
import type { Logger } from '../logger';
import { RealtimeService } from '../realtime/realtime.service';
import type { SocketObserver } from '../realtime/websocket';
import { accessLog, socketAccessLog } from './access-log';
import { Metrics, metricsHandler } from './metrics';

/** How long the LISTEN connection may be down before /readyz reports the process not ready. */
export const LISTENER_GRACE_MS = 5_000;

/** What /readyz answers. */
export interface Readiness {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  /** The LISTEN bridge: up, reconnecting (down for less than the grace), down, or not started. */
  listener: 'up' | 'reconnecting' | 'down' | 'not started';
}

/** How long /readyz waits for PostgreSQL's answer before it says the database is down. */
const READY_TIMEOUT_MS = 1_500;

/** The metrics, access logs and readiness of one server. */
export interface Observability {
  metrics: Metrics;
  /** Express middleware: one access log line per HTTP request. */
  accessLog: RequestHandler;
  /** Hooks for the WebSocket server (account ids for the access log, deliveries and errors for metrics). */
  socketObserver: SocketObserver;
  /** Starts logging the connections of the WebSocket server and counting its sockets. */
  watchSockets(server: WebSocketServer): void;
  /** GET /metrics, behind METRICS_TOKEN when set. */
  metricsHandler(token: string | undefined): RequestHandler;
  /** What /readyz reports: not ready when PostgreSQL does not answer or the LISTEN bridge is down past its grace. */
  readiness(): Promise<Readiness>;
}

/** Wires metrics, access logs and readiness to a server's database, realtime service and sockets. */
export function createObservability(options: {
  dataSource: DataSource;
  logger: Logger;
  services: Services;
}): Observability {
  const { dataSource, logger, services } = options;
  const realtime = services.get(RealtimeService);
  let sockets: WebSocketServer | undefined;
  const socketLog = socketAccessLog(logger);
  const metrics = new Metrics({
    sockets: () => sockets?.clients.size ?? 0,
    subscriptions: () => realtime.hub.size,
    bridge: () => {
      const bridge = realtime.listener;
      return bridge && { up: bridge.backendPid !== null, reconnects: bridge.reconnects };
    },
    pool: () => {
      const pool = (
        dataSource.driver as unknown as {
          master?: { totalCount: number; idleCount: number; waitingCount: number };
        }
      ).master;
      return pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
  });
  return {
    metrics,
    accessLog: accessLog(logger),
    socketObserver: {
      authenticated: (socket, actor) => socketLog.authenticated(socket, actor.accountId),
      operation: (socket) => socketLog.operation(socket),
      delivered: (event) => metrics.delivered(event),
      errors: (errors) => metrics.countErrors(errors),
    },
    watchSockets(server) {
      sockets = server;
      socketLog.attach(server);
    },
    metricsHandler: (token) => metricsHandler(metrics, token),
    async readiness() {
      let database: Readiness['database'] = 'up';
      try {
        // A PostgreSQL that hangs must not hang the probe: down when it does not answer in time.
        await withTimeout(query(dataSource, sql`SELECT 1`), READY_TIMEOUT_MS);
      } catch {
        database = 'down';
      }
      const bridge = realtime.listener;
      const listener: Readiness['listener'] = !bridge
        ? 'not started'
        : bridge.backendPid !== null
          ? 'up'
          : bridge.downForMs < LISTENER_GRACE_MS
            ? 'reconnecting'
            : 'down';
      const ready = database === 'up' && listener !== 'down';
      return { status: ready ? 'ok' : 'unavailable', database, listener };
    },
  };
}
