import type { DataSource } from 'typeorm';
import type { ServiceDeps } from '../common/services';
import type { Logger } from '../logger';
import { EventBridge } from './event-bridge';
import { sql } from '../common/sql';
import { EventHub, type EventFilter, type EventStream } from './event-hub';
import { eventFilterSql, loggedEvents, type LoggedEvent } from './event-log';

/** Undelivered events a subscription may hold before it is cut off (1013). */
export const DEFAULT_MAX_QUEUED_EVENTS = 256;

/**
 * The realtime side of one API process: the LISTEN bridge that reads each
 * committed event once, and the hub that hands it to local subscriptions.
 * Knows nothing of GraphQL or WebSocket.
 */
export class RealtimeService {
  readonly hub = new EventHub();
  /** Undelivered events a subscription may hold before it is cut off; tests lower it. */
  maxQueuedEvents = DEFAULT_MAX_QUEUED_EVENTS;

  private readonly dataSource: DataSource;
  private readonly logger: Logger;
  private bridge: EventBridge | undefined;
  private starting: Promise<void> | undefined;
  private stopped = false;
  private readonly channels: Record<string, (payload: string) => void> = {};
  private readonly listeningWatchers: ((listening: boolean) => void)[] = [];

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.logger = deps.logger;
  }

  /** The LISTEN bridge, once started. */
  get listener(): EventBridge | undefined {
    return this.bridge;
  }

  /**
   * Also LISTENs on `channel` over the same connection (one per process),
   * handing its payloads to `handler`, and tells `onListening` whether
   * notifications are being received. Call before start().
   */
  watch(
    channel: string,
    handler: (payload: string) => void,
    onListening?: (listening: boolean) => void,
  ): void {
    if (this.starting) throw new Error(`watch(${channel}) after the LISTEN bridge started`);
    this.channels[channel] = handler;
    if (onListening) this.listeningWatchers.push(onListening);
  }

  /**
   * Opens the LISTEN connection and starts following the log. Idempotent;
   * subscriptions start it on first use too. Throws when the database
   * cannot be reached.
   */
  start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('realtime service is stopped'));
    this.starting ??= (async () => {
      const url = (this.dataSource.options as { url?: string }).url;
      if (!url) throw new Error('realtime needs the DataSource to be configured with a url');
      const bridge = new EventBridge({
        url,
        logger: this.logger,
        publish: (event) => this.hub.publish(event),
        channels: this.channels,
        onListening: (listening) => {
          for (const watcher of this.listeningWatchers) watcher(listening);
        },
      });
      this.bridge = bridge;
      this.hub.reset(await bridge.start());
    })();
    return this.starting;
  }

  /** Completes every local subscription and closes the LISTEN connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    this.hub.closeAll();
    await this.bridge?.stop();
  }

  /**
   * A stream of the events matching `filter` after position `after` (null:
   * from now), replayed from the log and then live, in order, each once.
   * It is attached before this resolves, so the caller may check what it
   * needs afterwards without missing anything; call `return()` to drop it.
   */
  async open(filter: EventFilter, after: number | null): Promise<EventStream> {
    await this.start();
    return this.hub.open(
      filter,
      after,
      (f, from, upTo, limit) => this.read(f, from, upTo, limit),
      this.maxQueuedEvents,
    );
  }

  /** Logged events matching `filter` with position in (after, upTo], oldest first. */
  async read(
    filter: EventFilter,
    after: number,
    upTo: number,
    limit: number,
  ): Promise<LoggedEvent[]> {
    return loggedEvents(
      this.dataSource,
      sql`WHERE e.position > ${after} AND e.position <= ${upTo} AND ${eventFilterSql(filter)}
          ORDER BY e.position LIMIT ${limit}`,
    );
  }
}
