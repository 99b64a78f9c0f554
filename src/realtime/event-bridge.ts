import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from '../logger';
import { query, sql } from '../common/sql';
import { EVENT_CHANNEL, loggedEvents, type LoggedEvent } from './event-log';

/** How long a gap in positions is waited for before it is skipped. */
const GAP_PATIENCE_MS = 5_000;

/** How the bridge behaves; every field has a default. */
export interface EventBridgeOptions {
  /** PostgreSQL URL of the database whose log to follow. */
  url: string;
  logger: Logger;
  /** Receives committed events once each, in position order, without gaps. */
  publish: (event: LoggedEvent) => void;
  /** First reconnect delay; doubles up to maxBackoffMs (with jitter). Default 100 ms. */
  minBackoffMs?: number;
  /** Default 5 s. */
  maxBackoffMs?: number;
  /** A safety re-read of the log while connected, in case a wake-up is ever missed. Default 10 s. */
  pollMs?: number;
  /** Events read per query. Default 500. */
  batchSize?: number;
  /** Other channels to LISTEN on over the same connection, each with what receives its payloads. */
  channels?: Record<string, (payload: string) => void>;
  /**
   * Told true once the connection listens (at start and after each
   * reconnect) and false when it is lost or stopped: notifications sent
   * while it was down were missed.
   */
  onListening?: (listening: boolean) => void;
}

/**
 * Follows the event log for one API process over ONE dedicated PostgreSQL
 * connection (a plain `pg` Client, not from the pool): it LISTENs on the
 * event channel and, on each notification, reads the events after the last
 * position it published, in order, and publishes them.
 *
 * Notifications only wake it up; what it reads is decided by `position`,
 * which is gapless and commit-ordered across all conferences (see the
 * EventLogPosition migration). So when the connection drops, it reconnects
 * with exponential backoff and catches up with `position > last`: nothing is
 * lost and nothing is published twice, however the writers' commits
 * interleaved meanwhile.
 */
export class EventBridge {
  private client: Client | undefined;
  private last = 0;
  private started = false;
  private stopped = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private pid: number | null = null;
  private gapSince: number | undefined;
  private reconnectCount = 0;
  private lostAt: number | undefined;
  private readonly applicationName = `thidua-listen-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: EventBridgeOptions) {
    this.minBackoffMs = options.minBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.pollMs = options.pollMs ?? 10_000;
    this.batchSize = options.batchSize ?? 500;
  }

  /** Position of the last event published. */
  get position(): number {
    return this.last;
  }

  /** The server process id of the LISTEN connection, or null while disconnected (for tests and metrics). */
  get backendPid(): number | null {
    return this.pid;
  }

  /** Times the LISTEN connection was re-established after a loss (for metrics). */
  get reconnects(): number {
    return this.reconnectCount;
  }

  /** How long the LISTEN connection has been down, in ms; 0 while it is up (for /readyz). */
  get downForMs(): number {
    return this.lostAt === undefined || this.stopped ? 0 : Date.now() - this.lostAt;
  }

  /** The application_name of the LISTEN connection, as pg_stat_activity shows it. */
  get connectionName(): string {
    return this.applicationName;
  }

  /**
   * Connects, LISTENs and reads the log's head; events committed after that
   * are published. Returns the head position. Throws when the first
   * connection fails (later losses are retried forever).
   */
  async start(): Promise<number> {
    if (this.started) return this.last;
    this.started = true;
    const client = await this.connect();
    // LISTEN before reading the head: an event committed in between is both
    // above the head and announced, so it cannot fall between the two.
    const [{ last_position }] = await query<{ last_position: number }>(
      client,
      sql`SELECT last_position FROM conference_event_head`,
    );
    this.last = Number(last_position);
    this.schedulePoll();
    return this.last;
  }

  /** Stops following and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.pollTimer);
    const client = this.client;
    this.client = undefined;
    this.pid = null;
    if (client) this.options.onListening?.(false);
    await this.draining?.catch(() => undefined);
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.url,
      application_name: this.applicationName,
      keepAlive: true,
      // A half-open connection must not hang a catch-up, nor a hung server a reconnect, forever.
      query_timeout: 15_000,
      connectionTimeoutMillis: 10_000,
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      const other = this.options.channels?.[message.channel];
      if (other) other(message.payload ?? '');
      else this.requestDrain();
    });
    try {
      await client.connect();
      await query(client, sql`LISTEN ${sql.ident(EVENT_CHANNEL)}`);
      for (const channel of Object.keys(this.options.channels ?? {})) {
        await query(client, sql`LISTEN ${sql.ident(channel)}`);
      }
      const [row] = await query<{ pid: number }>(client, sql`SELECT pg_backend_pid() AS pid`);
      this.pid = row?.pid ?? null;
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.attempt = 0;
    this.options.onListening?.(true);
    return client;
  }

  /** The LISTEN connection failed or ended: drop it and reconnect with backoff. */
  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.pid = null;
    this.lostAt ??= Date.now();
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    this.options.onListening?.(false);
    if (this.stopped) return;
    this.options.logger.warn(
      { err: error, position: this.last },
      'event listener connection lost; reconnecting',
    );
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const base = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** this.attempt);
    const delay = Math.round(base * (0.5 + Math.random() / 2));
    this.attempt += 1;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = undefined;
      if (this.stopped) return;
      try {
        await this.connect();
        if (this.stopped) {
          await this.client?.end().catch(() => undefined);
          return;
        }
        this.reconnectCount += 1;
        this.lostAt = undefined;
        this.options.logger.info({ position: this.last }, 'event listener reconnected');
        this.requestDrain();
      } catch (error) {
        this.options.logger.warn({ err: error }, 'event listener reconnect failed');
        this.scheduleReconnect();
      }
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.requestDrain();
      this.schedulePoll();
    }, this.pollMs);
    this.pollTimer.unref?.();
  }

  /** Reads and publishes what is new; coalesces wake-ups that arrive meanwhile. */
  private requestDrain(): void {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.drainAgain && !this.stopped) {
        this.drainAgain = false;
        this.requestDrain();
      }
    });
  }

  /** True once a gap has lasted GAP_PATIENCE_MS (then it is skipped, with an error logged). */
  private gapExpired(): boolean {
    const now = Date.now();
    this.gapSince ??= now;
    if (now - this.gapSince < GAP_PATIENCE_MS) return false;
    this.options.logger.error({ after: this.last }, 'skipping a persistent gap in the event log');
    return true;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const client = this.client;
      if (!client || this.stopped) return;
      let events: LoggedEvent[];
      try {
        events = await loggedEvents(
          client,
          sql`WHERE e.position > ${this.last} ORDER BY e.position LIMIT ${this.batchSize}`,
        );
      } catch (error) {
        // Whatever failed (connection lost, timeout), start over on a fresh
        // connection: the catch-up after reconnecting reads from `last`.
        this.lost(client, error as Error);
        return;
      }
      for (const event of events) {
        if (event.position !== this.last + 1 && !this.gapExpired()) {
          // Cannot happen while positions are assigned at commit; never skip
          // ahead of a gap unless it persists (rows deleted by hand).
          this.options.logger.warn(
            { expected: this.last + 1, found: event.position },
            'gap in the event log; re-reading',
          );
          setTimeout(() => this.requestDrain(), 100).unref?.();
          return;
        }
        this.gapSince = undefined;
        this.last = event.position;
        try {
          this.options.publish(event);
        } catch (error) {
          this.options.logger.error({ err: error, position: event.position }, 'publish failed');
        }
      }
      if (events.length < this.batchSize) return;
    }
  }
}
