import { createClient, type Client } from 'graphql-ws';
import { ApiError, graphql, graphqlWsUrl, NETWORK } from './api.js';
import { EVENT_FIELDS, type ConferenceEventView } from './events.js';

/** What a page shows about its connection. */
export type FeedState =
  /** Loading what already happened. */
  | 'loading'
  /** Subscribed: events arrive as they happen. */
  | 'live'
  /** The conference has not started: checking for its start every few seconds. */
  | 'waiting'
  /** The connection dropped; the next attempt resumes after the last event shown. */
  | 'reconnecting'
  /** The conference ended: nothing more will come. */
  | 'ended';

/** Options of a ConferenceFeed. */
export interface FeedOptions {
  conferenceId: string;
  token: string;
  /**
   * The cursor of the last event this display showed before (kept across
   * reloads). Events up to it are handed over as `replayed`, the ones after
   * it as new; null on a first visit, when everything so far is `replayed`.
   */
  resumeAfter: string | null;
  /** Each event once, in order. `replayed`: shown before, or before this display existed. */
  onEvent(event: ConferenceEventView, replayed: boolean): void;
  onState(state: FeedState, retryInSeconds?: number): void;
  /** The token was refused (expired, or the server's secret changed) or its role may not subscribe. */
  onRefused(code: 'UNAUTHENTICATED' | 'FORBIDDEN', message: string): void;
}

/** The page size of the history query (the server's maximum). */
const PAGE = 100;
/** How often a display checks whether a conference without events has started. */
const WAIT_POLL_MS = 2_000;
/** The longest pause between reconnection attempts. */
const MAX_BACKOFF_MS = 10_000;
/** graphql-ws keep-alive: ping every KEEP_ALIVE_MS, give up on the socket after PONG_TIMEOUT_MS without a pong. */
const KEEP_ALIVE_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;

const HISTORY = `query ConferenceHistory($id: ID!, $after: String, $first: Int) {
  conference(id: $id) { events(after: $after, first: $first) { ${EVENT_FIELDS} } }
}`;
const SUBSCRIPTION = `subscription ConferenceFeed($id: ID!, $after: String) {
  conferenceEvents(conferenceId: $id, after: $after) { ${EVENT_FIELDS} }
}`;

/** Why one subscription stopped. */
type Outcome =
  | { kind: 'ended' }
  | { kind: 'refused'; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string }
  | { kind: 'dropped' }
  | { kind: 'stopped' };

/**
 * A conference's events for a display: what already happened (from the
 * `events` query), then the live `conferenceEvents` subscription, resumed with
 * `after` = the last cursor handed over after every drop. Each event is handed
 * over exactly once and in order: a cursor already seen is dropped, and the
 * server replays everything after the cursor a subscription starts from.
 */
export class ConferenceFeed {
  private cursor: string | null = null;
  private readonly seen = new Set<string>();
  /** Whether the first history load is done: later loads find new events. */
  private loaded = false;
  /** Whether ConferenceEnded was handed over: nothing can follow it. */
  private ended = false;
  private client: Client | undefined;
  private stopped = false;
  /** The token the next request and socket use (renewed while the feed runs). */
  private token: string;
  /** Set while the socket is closed on purpose to reconnect with a renewed token. */
  private renewing = false;
  /** The open socket, if any. */
  private socket: WebSocket | undefined;
  /** Wakes a pending backoff early (the browser is back online). */
  private wake: (() => void) | undefined;
  private readonly onOnline = () => this.wake?.();

  constructor(private readonly options: FeedOptions) {
    this.token = options.token;
  }

  /**
   * Uses a renewed token from now on. The open socket was authorised with the
   * old one, which the server closes when it expires: it is replaced now by a
   * socket with the new token, resumed after the last event (nothing repeated
   * or skipped).
   */
  renew(token: string): void {
    this.token = token;
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.renewing = true;
      // Not 1000: graphql-ws would reconnect by itself with the old token.
      this.socket.close(4000, 'Token renewed');
    }
  }

  /** Starts loading and following; resolves when the feed ends or stops. */
  async run(): Promise<void> {
    window.addEventListener('online', this.onOnline);
    try {
      if (!(await this.catchUp(this.options.resumeAfter))) return;
      // Without any event yet there is no cursor to resume from: wait for the start.
      while (!this.cursor && !this.stopped) {
        this.options.onState('waiting');
        await this.pause(WAIT_POLL_MS);
        if (!(await this.catchUp(null))) return;
      }
      if (this.ended) {
        this.options.onState('ended');
        return;
      }
      await this.follow();
    } finally {
      window.removeEventListener('online', this.onOnline);
    }
  }

  /** Stops following (the page is leaving or signing out). */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    void this.client?.dispose();
  }

  /**
   * Reads the history page by page and hands over the events not seen yet:
   * those up to `resumeAfter` as replayed, stopping there (the subscription
   * replays the rest); without `resumeAfter`, or when it is not found (an old
   * cursor from another database), all of it. Retries with backoff while the
   * server cannot be reached. False when the feed must stop.
   */
  private async catchUp(resumeAfter: string | null): Promise<boolean> {
    const firstLoad = !this.loaded;
    if (firstLoad) this.options.onState('loading');
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        let after: string | null = null;
        for (;;) {
          const data: { conference: { events: ConferenceEventView[] } | null } = await graphql(
            HISTORY,
            { id: this.options.conferenceId, after, first: PAGE },
            this.token,
          );
          const events = data.conference?.events ?? [];
          for (const event of events) {
            // Everything is replayed on a first load; later polls find new events.
            this.deliver(event, firstLoad);
            if (event.cursor === resumeAfter) return (this.loaded = true);
          }
          if (events.length < PAGE) return (this.loaded = true);
          after = events[events.length - 1]!.cursor;
        }
      } catch (error) {
        if (error instanceof ApiError && error.code !== NETWORK) {
          if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') {
            this.options.onRefused(error.code, error.message);
            return false;
          }
        }
        const delay = backoff(attempt);
        this.options.onState('reconnecting', Math.ceil(delay / 1000));
        await this.pause(delay);
      }
    }
    return false;
  }

  /** Subscribes from the last cursor, again after every drop, until the conference ends. */
  private async follow(): Promise<void> {
    for (let attempt = 0; !this.stopped;) {
      const outcome = await this.subscribeOnce(() => (attempt = 0));
      await this.client?.dispose();
      this.client = undefined;
      switch (outcome.kind) {
        case 'ended':
          this.options.onState('ended');
          return;
        case 'refused':
          this.options.onRefused(outcome.code, outcome.message);
          return;
        case 'stopped':
          return;
        case 'dropped': {
          if (this.renewing) {
            // Closed on purpose for a renewed token: resubscribe at once.
            this.renewing = false;
            break;
          }
          const delay = backoff(attempt++);
          this.options.onState('reconnecting', Math.ceil(delay / 1000));
          await this.pause(delay);
          break;
        }
        default: {
          const unexpected: never = outcome;
          throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
        }
      }
    }
  }

  /** One subscription on one socket, from the current cursor. */
  private subscribeOnce(onConnected: () => void): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      let socket: WebSocket | undefined;
      let pongTimer: ReturnType<typeof setTimeout> | undefined;
      this.client = createClient({
        url: graphqlWsUrl(),
        // A browser cannot set Accept-Language on a WebSocket: the server reads this instead.
        connectionParams: { authorization: `Bearer ${this.token}`, language: 'vi' },
        lazy: true,
        retryAttempts: 0,
        keepAlive: KEEP_ALIVE_MS,
        on: {
          connected: (connected) => {
            socket = connected as WebSocket;
            this.socket = socket;
            onConnected();
            this.options.onState('live');
          },
          ping: (received) => {
            if (received) return;
            // A socket that stops answering (a dead network path) is closed and retried.
            pongTimer = setTimeout(() => {
              if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'Request Timeout');
            }, PONG_TIMEOUT_MS);
          },
          pong: (received) => {
            if (received) clearTimeout(pongTimer);
          },
          closed: () => {
            clearTimeout(pongTimer);
            this.socket = undefined;
          },
        },
      });
      this.client.subscribe<{ conferenceEvents: ConferenceEventView }>(
        { query: SUBSCRIPTION, variables: { id: this.options.conferenceId, after: this.cursor } },
        {
          next: (result) => {
            const event = result.data?.conferenceEvents;
            if (event) {
              this.deliver(event, false);
              return;
            }
            const error = result.errors?.[0];
            const code = error?.extensions?.code;
            resolve(refusalOrDrop(typeof code === 'string' ? code : undefined, error?.message));
          },
          error: (error: unknown) => {
            if (this.stopped) return resolve({ kind: 'stopped' });
            if (Array.isArray(error)) {
              const [first] = error as { message: string; extensions?: { code?: string } }[];
              return resolve(refusalOrDrop(first?.extensions?.code, first?.message));
            }
            // 4403: the server refused the token at connection time.
            if ((error as { code?: number })?.code === 4403) {
              return resolve({
                kind: 'refused',
                code: 'UNAUTHENTICATED',
                message: 'Phiên đăng nhập đã hết hạn hoặc không còn hiệu lực.',
              });
            }
            resolve({ kind: 'dropped' });
          },
          complete: () => resolve(this.stopped ? { kind: 'stopped' } : { kind: 'ended' }),
        },
      );
    });
  }

  /** Hands an event over once, in order, and remembers its cursor. */
  private deliver(event: ConferenceEventView, replayed: boolean): void {
    if (this.seen.has(event.cursor)) return;
    this.seen.add(event.cursor);
    this.cursor = event.cursor;
    if (event.__typename === 'ConferenceEnded') this.ended = true;
    this.options.onEvent(event, replayed);
  }

  /** Waits `ms`, or less when stopped or back online. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** A GraphQL error on the subscription: a refusal for the auth codes, else a drop to retry. */
function refusalOrDrop(code: string | undefined, message: string | undefined): Outcome {
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
    return { kind: 'refused', code, message: message ?? code };
  }
  return { kind: 'dropped' };
}

/** 0.5 s, 1 s, 2 s, ... up to MAX_BACKOFF_MS. */
function backoff(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
}
