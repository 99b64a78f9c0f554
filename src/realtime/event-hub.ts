import { EventType, type LoggedEvent } from './event-log';

/** Which events a subscription wants. */
export type EventFilter =
  /** Every event of one conference (conferenceEvents). */
  | { kind: 'conference'; conferenceId: string }
  /** Award announcements of one conference, or of all when conferenceId is null (awardAnnounced). */
  | { kind: 'announcements'; conferenceId: string | null }
  /** Pledges to one campaign that can be shown under a conference (campaignRegistered). */
  | { kind: 'pledges'; campaignId: string }
  /** Changes of the dossiers of one unit's subtree (dossierUpdated); `unitPath` is that unit's path. */
  | { kind: 'dossiers'; unitId: string; unitPath: string };

/** True when `event` is delivered to a subscription with `filter`. */
export function deliverable(filter: EventFilter, event: LoggedEvent): boolean {
  switch (filter.kind) {
    case 'conference':
      return event.conferenceId === filter.conferenceId;
    case 'announcements':
      return (
        event.type === EventType.AWARD_ANNOUNCED &&
        (filter.conferenceId === null || event.conferenceId === filter.conferenceId)
      );
    case 'pledges':
      return (
        event.type === EventType.CAMPAIGN_REGISTERED &&
        event.campaignId === filter.campaignId &&
        event.displayConferenceId !== null
      );
    case 'dossiers':
      return event.dossierUnitPath?.startsWith(filter.unitPath) ?? false;
    default: {
      const never: never = filter;
      return never;
    }
  }
}

/**
 * True when `event` is the last one a subscription with `filter` can ever
 * get: a conference's events end with ConferenceEnded (nothing can be logged
 * for a conference once it has ENDED), so its streams complete there.
 */
export function isFinal(filter: EventFilter, event: LoggedEvent): boolean {
  return (
    event.type === EventType.CONFERENCE_ENDED &&
    filter.kind !== 'pledges' &&
    filter.kind !== 'dossiers' &&
    filter.conferenceId !== null &&
    event.conferenceId === filter.conferenceId
  );
}

/** Reads logged events for a replay: position in (after, upTo], in order, at most `limit`. */
export type ReplayReader = (
  filter: EventFilter,
  after: number,
  upTo: number,
  limit: number,
) => Promise<LoggedEvent[]>;

/** Events read from the log per replay query. */
const REPLAY_PAGE = 100;

/**
 * How much a stream may hold in memory for a subscriber that is not taking
 * its events. Past it, the stream lets go of what it holds and catches up
 * from the log at the subscriber's pace instead.
 */
export interface QueueLimits {
  /** Undelivered live events a stream may hold for `graceMs` without the subscriber taking one. */
  maxQueued: number;
  /** How long the subscriber may take nothing while more than maxQueued events wait. */
  graceMs: number;
  /** Undelivered live events never held, however recently the subscriber took one. */
  hardCap: number;
}

/** Where a stream is attached, and where the head of the log is. */
export interface StreamHost {
  /** The position of the last event published. */
  readonly head: number;
  /** Starts pushing events to the stream. */
  attach(stream: EventStream): void;
  /** Stops pushing events to the stream. */
  detach(stream: EventStream): void;
  /** The stream ended. */
  forget?(stream: EventStream): void;
}

/** Default limits: a conference's bursts never near them; a stalled reader costs at most ~4,096 references. */
export const DEFAULT_QUEUE_LIMITS: QueueLimits = { maxQueued: 256, graceMs: 5_000, hardCap: 4_096 };

/** Where a stream is in its life. */
export type StreamState =
  /** Reading logged events up to the hub's head when it attached; live ones queue meanwhile. */
  | 'replaying'
  /** Past the replay: delivering what the hub pushes (after what is left of the last page). */
  | 'live'
  /**
   * Fell behind (its queue overflowed): detached and holding nothing, it
   * reads the log from its last event up to the hub's head, page by page at
   * the subscriber's pace, and attaches again, live, once it has caught up.
   */
  | 'catching-up'
  /** Took its final event (ConferenceEnded) and detached: its next read ends it. */
  | 'completing'
  /** Ended: returned, closed by the hub, or completed. Reads are done. */
  | 'closed';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Why EventStream.poll gave no event: see there. */
export type PollWait = 'wait' | 'read' | 'done';

/**
 * One subscription's events: first the logged ones after its start position
 * (read from the database in pages, up to the hub's head when it attached),
 * then live ones pushed by the hub, skipping any it has already passed.
 *
 * Overflow is judged by what the subscriber has not taken, not by the size of
 * a batch: a burst of events (the bridge catching up after a reconnect)
 * queues up for a subscriber that keeps taking them. Only when more than
 * `maxQueued` wait and the subscriber has taken none for `graceMs` (or
 * `hardCap` wait at all) does the stream drop its queue and catch up from the
 * log instead: memory stays bounded, and nothing is lost or repeated. A
 * socket that stops taking bytes altogether is cut off by the WebSocket
 * layer, not here.
 */
export class EventStream implements AsyncIterableIterator<LoggedEvent> {
  private state: StreamState;
  /** Live events pushed by the hub, not yet read. */
  private queue: LoggedEvent[] = [];
  /** The replay page being delivered. */
  private replayed: LoggedEvent[] = [];
  /** Position of the last event taken (delivered or skipped): anything at or below it is a duplicate. */
  private last: number;
  /** When the subscriber last took an event, or the queue last became non-empty, whichever is later. */
  private progressAt = Date.now();
  private waiter: (() => void) | undefined;

  constructor(
    readonly filter: EventFilter,
    /** Deliver events after this position. */
    after: number,
    /** Replay from the log up to this position; live events start after it. */
    private readonly replayUpTo: number,
    private readonly readReplay: ReplayReader,
    private readonly limits: QueueLimits,
    private readonly host: StreamHost,
  ) {
    this.last = after;
    this.state = after >= replayUpTo ? 'live' : 'replaying';
  }

  /** Where the stream is in its life. */
  get status(): StreamState {
    return this.state;
  }

  /** Number of live events waiting to be read. */
  get queued(): number {
    return this.queue.length;
  }

  /** Called by the hub, in position order, for every event the filter may want. */
  push(event: LoggedEvent): void {
    switch (this.state) {
      case 'replaying':
      case 'live': {
        const now = Date.now();
        if (this.queue.length === 0) this.progressAt = Math.max(this.progressAt, now);
        this.queue.push(event);
        const { maxQueued, graceMs, hardCap } = this.limits;
        if (
          this.queue.length >= hardCap ||
          (this.queue.length > maxQueued && now - this.progressAt >= graceMs)
        ) {
          this.fallBehind();
          return;
        }
        this.wake();
        return;
      }
      case 'catching-up':
      case 'completing':
      case 'closed':
        return;
      default: {
        const never: never = this.state;
        return never;
      }
    }
  }

  /**
   * Takes the next event if one can be taken without waiting: the event, or
   * what stands in the way — `'wait'` (live, nothing pushed yet: `onReady`
   * tells when), `'read'` (the log's next page is needed: `next()` reads it)
   * or `'done'`. `next()` is this plus the waiting; a consumer may mix both.
   */
  poll(): LoggedEvent | PollWait {
    for (;;) {
      let event: LoggedEvent | undefined;
      switch (this.state) {
        case 'completing':
          this.state = 'closed';
          return 'done';
        case 'closed':
          return 'done';
        case 'replaying':
        case 'catching-up':
          event = this.replayed.shift();
          if (!event) return 'read';
          break;
        case 'live':
          event = this.replayed.shift() ?? this.queue.shift();
          if (!event) return 'wait';
          break;
        default: {
          const never: never = this.state;
          return never;
        }
      }
      this.progressAt = Date.now();
      if (event.position <= this.last) continue;
      this.last = event.position;
      // Deliver the final event when it is wanted, then complete.
      if (isFinal(this.filter, event)) this.end('completing');
      if (deliverable(this.filter, event)) return event;
    }
  }

  /**
   * Calls `ready` once, synchronously, at the next change `poll` may see: an
   * event pushed, the stream falling behind, or its end. It replaces an
   * earlier callback or pending `next()`'s wait (one consumer per stream).
   */
  onReady(ready: () => void): void {
    this.waiter = ready;
  }

  async next(): Promise<IteratorResult<LoggedEvent>> {
    for (;;) {
      const step = this.poll();
      if (step === 'read') await this.readPage();
      else if (step === 'wait') await new Promise<void>((resolve) => (this.waiter = resolve));
      else if (step === 'done') return DONE;
      else return { done: false, value: step };
    }
  }

  async return(): Promise<IteratorResult<LoggedEvent>> {
    this.end('closed');
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<LoggedEvent>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * Reads the next page of the log. Replaying, a short page makes the stream
   * live (it is attached already). Catching up, it reads up to the hub's
   * head as it is now, and a short page whose end is still the head makes it
   * attach again and go live — synchronously, so that no event published in
   * between can fall through.
   */
  private async readPage(): Promise<void> {
    const catching = this.state === 'catching-up';
    const upTo = catching ? this.host.head : this.replayUpTo;
    const page = await this.readReplay(this.filter, this.last, upTo, REPLAY_PAGE);
    // Closed while reading: the page is not wanted any more.
    if (this.state !== (catching ? 'catching-up' : 'replaying')) return;
    this.replayed = page;
    if (page.length === REPLAY_PAGE) return;
    if (!catching) {
      this.state = 'live';
    } else if (this.host.head === upTo) {
      this.state = 'live';
      this.queue = [];
      this.progressAt = Date.now();
      this.host.attach(this);
    } else if (page.length === 0) {
      // Nothing of ours up to `upTo`, but more was published meanwhile.
      this.last = Math.max(this.last, upTo);
    }
  }

  /** Too far behind: let go of the queue and the hub, and catch up from the log. */
  private fallBehind(): void {
    this.state = 'catching-up';
    this.queue = [];
    this.replayed = [];
    this.host.detach(this);
    this.wake();
  }

  /** Leaves the hub (once) and drops what is buffered; a pending read wakes up. */
  private end(state: 'completing' | 'closed'): void {
    const attached = this.state === 'replaying' || this.state === 'live';
    const open = attached || this.state === 'catching-up';
    this.state = state;
    this.queue = [];
    this.replayed = [];
    if (attached) this.host.detach(this);
    if (open) this.host.forget?.(this);
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}

/**
 * The in-process fan-out: the LISTEN bridge publishes each committed event
 * here once, in position order, and the hub hands it to the streams that may
 * want it, found through indexes by conference and campaign, so an event
 * costs O(its subscribers), not O(all subscribers).
 */
export class EventHub implements StreamHost {
  private headPosition = 0;
  private readonly byConference = new Map<string, Set<EventStream>>();
  private readonly byCampaign = new Map<string, Set<EventStream>>();
  private readonly allAnnouncements = new Set<EventStream>();
  /** Dossier streams by the unit whose subtree they follow. */
  private readonly byDossierUnit = new Map<string, Set<EventStream>>();
  /** Every stream not yet ended, attached or catching up (for closeAll). */
  private readonly streams = new Set<EventStream>();

  /** The position of the last event published (or the log's head when the bridge started). */
  get head(): number {
    return this.headPosition;
  }

  /** Sets the head before anything is published. */
  reset(head: number): void {
    this.headPosition = head;
  }

  /** Number of attached streams (not those catching up from the log). */
  get size(): number {
    let n = this.allAnnouncements.size;
    for (const set of this.byConference.values()) n += set.size;
    for (const set of this.byCampaign.values()) n += set.size;
    for (const set of this.byDossierUnit.values()) n += set.size;
    return n;
  }

  /**
   * Opens a stream of the events after position `after` (null: from now).
   * It is attached at once, so nothing published from here on is missed;
   * what was published before is replayed from the log by `readReplay`.
   * `limits` bounds what it holds for a subscriber that does not take its
   * events (a number: maxQueued, with the default grace and hard cap).
   */
  open(
    filter: EventFilter,
    after: number | null,
    readReplay: ReplayReader,
    limits: Partial<QueueLimits> | number = {},
  ): EventStream {
    const head = this.headPosition;
    const given = typeof limits === 'number' ? { maxQueued: limits } : limits;
    const maxQueued = given.maxQueued ?? DEFAULT_QUEUE_LIMITS.maxQueued;
    const stream = new EventStream(
      filter,
      after ?? head,
      head,
      readReplay,
      {
        maxQueued,
        graceMs: given.graceMs ?? DEFAULT_QUEUE_LIMITS.graceMs,
        hardCap: given.hardCap ?? Math.max(maxQueued * 16, DEFAULT_QUEUE_LIMITS.hardCap),
      },
      this,
    );
    this.streams.add(stream);
    this.attach(stream);
    return stream;
  }

  /** Hands one committed event to the streams that may want it. Events come in position order. */
  publish(event: LoggedEvent): void {
    if (event.position <= this.headPosition) return;
    this.headPosition = event.position;
    if (event.conferenceId) {
      const streams = this.byConference.get(event.conferenceId);
      if (streams) for (const stream of streams) stream.push(event);
    }
    if (event.type === EventType.AWARD_ANNOUNCED) {
      for (const stream of this.allAnnouncements) stream.push(event);
    }
    if (event.type === EventType.CAMPAIGN_REGISTERED && event.campaignId) {
      const streams = this.byCampaign.get(event.campaignId);
      if (streams) for (const stream of streams) stream.push(event);
    }
    if (event.dossierUnitPath) {
      // Every unit on the dossier's unit path follows it: O(depth) lookups.
      for (const unitId of event.dossierUnitPath.split('/')) {
        const streams = unitId ? this.byDossierUnit.get(unitId) : undefined;
        if (streams) for (const stream of streams) stream.push(event);
      }
    }
  }

  /** Ends every stream (their next read completes). */
  closeAll(): void {
    for (const stream of [...this.streams]) void stream.return();
  }

  attach(stream: EventStream): void {
    this.setFor(stream.filter, true).add(stream);
  }

  detach(stream: EventStream): void {
    const set = this.setFor(stream.filter, false);
    if (!set) return;
    set.delete(stream);
    if (set.size === 0) {
      const filter = stream.filter;
      if (filter.kind === 'pledges') this.byCampaign.delete(filter.campaignId);
      else if (filter.kind === 'dossiers') this.byDossierUnit.delete(filter.unitId);
      else if (filter.conferenceId !== null) this.byConference.delete(filter.conferenceId);
    }
  }

  forget(stream: EventStream): void {
    this.streams.delete(stream);
  }

  private setFor(filter: EventFilter, create: true): Set<EventStream>;
  private setFor(filter: EventFilter, create: false): Set<EventStream> | undefined;
  private setFor(filter: EventFilter, create: boolean): Set<EventStream> | undefined {
    let index: Map<string, Set<EventStream>>;
    let key: string;
    if (filter.kind === 'pledges') {
      index = this.byCampaign;
      key = filter.campaignId;
    } else if (filter.kind === 'dossiers') {
      index = this.byDossierUnit;
      key = filter.unitId;
    } else if (filter.conferenceId === null) {
      return this.allAnnouncements;
    } else {
      index = this.byConference;
      key = filter.conferenceId;
    }
    let set = index.get(key);
    if (!set && create) {
      set = new Set();
      index.set(key, set);
    }
    return set;
  }
}
