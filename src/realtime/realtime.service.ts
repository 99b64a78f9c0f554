import type { DataSource } from 'typeorm';
import type { ServiceDeps } from '../common/services';
import type { Logger } from '../logger';
import { EventBridge } from './event-bridge';
import { queryOne, sql } from '../common/sql';
import { BadInputError } from '../errors';
import { msg } from '../i18n/i18n';
import {
  DEFAULT_QUEUE_LIMITS,
  EventHub,
  type EventFilter,
  type EventStream,
  type QueueLimits,
} from './event-hub';
import { eventFilterSql, loggedEvents, type LoggedEvent } from './event-log';

/**
 * The realtime side of one API process: the LISTEN bridge that reads each
 * committed event once, and the hub that hands it to local subscriptions.
 * Knows nothing of GraphQL or WebSocket.
 */
export class RealtimeService {
  readonly hub = new EventHub();
  /**
   * What a subscription may hold for a subscriber that is not taking its
   * events before it catches up from the log instead (see EventStream);
   * tests lower them.
   */
  queueLimits: QueueLimits = { ...DEFAULT_QUEUE_LIMITS };
  /**
   * How long a WebSocket may leave bytes untaken (its send buffer never
   * empties) before it is closed with 1013; tests lower it.
   */
  stallGraceMs = 10_000;

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
   * BAD_USER_INPUT when `after` is past the end of the log.
   */
  async open(filter: EventFilter, after: number | null): Promise<EventStream> {
    await this.start();
    // A cursor past the end of the log would wait forever for events that
    // are not there: the client's mistake (BAD_USER_INPUT). This process's
    // head may lag the log by a moment, so the log itself decides.
    if (after !== null && after > this.hub.head) {
      const head = await queryOne<{ last_position: number }>(
        this.dataSource,
        sql`SELECT last_position FROM conference_event_head`,
      );
      if (after > Number(head?.last_position ?? 0)) {
        throw new BadInputError(msg('realtime.cursorPastHead', { field: 'after' }), {
          field: 'after',
        });
      }
    }
    return this.hub.open(
      filter,
      after,
      (f, from, upTo, limit) => this.read(f, from, upTo, limit),
      this.queueLimits,
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
