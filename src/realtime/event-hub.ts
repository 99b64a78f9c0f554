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

/** Thrown from a stream whose subscriber fell too far behind; the socket is closed with 1013. */
export class SlowConsumerError extends Error {
  constructor(readonly queued: number) {
    super(`Subscriber fell ${queued} events behind`);
    this.name = 'SlowConsumerError';
  }
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

/** Where a stream is in its life. */
export type StreamState =
  /** Reading logged events up to the hub's head when it attached; live ones queue meanwhile. */
  | 'replaying'
  /** Past the replay: delivering what the hub pushes (after what is left of the last page). */
  | 'live'
  /** Took its final event (ConferenceEnded) and detached: its next read ends it. */
  | 'completing'
  /** Ended: returned, closed by the hub, completed or cut off. Reads are done. */
  | 'closed'
  /** Fell more than maxQueued events behind and detached: its next read throws SlowConsumerError. */
  | 'overflowed';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One subscription's events: first the logged ones after its start position
 * (read from the database in pages, up to the hub's head when it attached),
 * then live ones pushed by the hub, skipping any it has already passed. The
 * live queue is bounded: past `maxQueued` undelivered events the stream
 * detaches, calls `onOverflow` (the WebSocket layer closes the socket with
 * 1013) and its next read throws SlowConsumerError.
 */
export class EventStream implements AsyncIterableIterator<LoggedEvent> {
  /** Called once when the live queue overflows. */
  onOverflow: (() => void) | undefined;

  private state: StreamState;
  /** Live events pushed by the hub, not yet read. */
  private queue: LoggedEvent[] = [];
  /** The replay page being delivered. */
  private replayed: LoggedEvent[] = [];
  /** Position of the last event taken (delivered or skipped): anything at or below it is a duplicate. */
  private last: number;
  private waiter: (() => void) | undefined;

  constructor(
    readonly filter: EventFilter,
    /** Deliver events after this position. */
    after: number,
    /** Replay from the log up to this position; live events start after it. */
    private readonly replayUpTo: number,
    private readonly readReplay: ReplayReader,
    private readonly maxQueued: number,
    private readonly detach: (stream: EventStream) => void,
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
      case 'live':
        if (this.queue.length >= this.maxQueued) {
          this.end('overflowed');
          this.onOverflow?.();
          return;
        }
        this.queue.push(event);
        this.wake();
        return;
      case 'completing':
      case 'closed':
      case 'overflowed':
        return;
      default: {
        const never: never = this.state;
        return never;
      }
    }
  }

  async next(): Promise<IteratorResult<LoggedEvent>> {
    for (;;) {
      let event: LoggedEvent | undefined;
      switch (this.state) {
        case 'overflowed':
          this.state = 'closed';
          throw new SlowConsumerError(this.maxQueued);
        case 'completing':
          this.state = 'closed';
          return DONE;
        case 'closed':
          return DONE;
        case 'replaying':
          event = this.replayed.shift();
          if (!event) {
            await this.readPage();
            continue;
          }
          break;
        case 'live':
          event = this.replayed.shift() ?? this.queue.shift();
          if (!event) {
            await new Promise<void>((resolve) => (this.waiter = resolve));
            continue;
          }
          break;
        default: {
          const never: never = this.state;
          return never;
        }
      }
      if (event.position <= this.last) continue;
      this.last = event.position;
      // Deliver the final event when it is wanted, then complete.
      if (isFinal(this.filter, event)) this.end('completing');
      if (deliverable(this.filter, event)) return { done: false, value: event };
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

  /** Reads the next replay page; the last one (a short page) makes the stream live. */
  private async readPage(): Promise<void> {
    const page = await this.readReplay(this.filter, this.last, this.replayUpTo, REPLAY_PAGE);
    // Closed or cut off while reading: the page is not wanted any more.
    if (this.state !== 'replaying') return;
    this.replayed = page;
    if (page.length < REPLAY_PAGE) this.state = 'live';
  }

  /** Leaves the hub (once) and drops what is buffered; a pending read wakes up. */
  private end(state: 'completing' | 'closed' | 'overflowed'): void {
    const attached = this.state === 'replaying' || this.state === 'live';
    this.state = state;
    this.queue = [];
    this.replayed = [];
    if (attached) this.detach(this);
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
export class EventHub {
  private headPosition = 0;
  private readonly byConference = new Map<string, Set<EventStream>>();
  private readonly byCampaign = new Map<string, Set<EventStream>>();
  private readonly allAnnouncements = new Set<EventStream>();
  /** Dossier streams by the unit whose subtree they follow. */
  private readonly byDossierUnit = new Map<string, Set<EventStream>>();

  /** The position of the last event published (or the log's head when the bridge started). */
  get head(): number {
    return this.headPosition;
  }

  /** Sets the head before anything is published. */
  reset(head: number): void {
    this.headPosition = head;
  }

  /** Number of attached streams. */
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
   */
  open(
    filter: EventFilter,
    after: number | null,
    readReplay: ReplayReader,
    maxQueued: number,
  ): EventStream {
    const head = this.headPosition;
    const stream = new EventStream(filter, after ?? head, head, readReplay, maxQueued, (s) =>
      this.detach(s),
    );
    const set = this.setFor(filter, true);
    set.add(stream);
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
    const all = [
      ...this.allAnnouncements,
      ...[...this.byConference.values()].flatMap((set) => [...set]),
      ...[...this.byCampaign.values()].flatMap((set) => [...set]),
      ...[...this.byDossierUnit.values()].flatMap((set) => [...set]),
    ];
    for (const stream of all) void stream.return();
  }

  private detach(stream: EventStream): void {
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
