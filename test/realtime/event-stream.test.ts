import {
  EventHub,
  SlowConsumerError,
  type EventFilter,
  type ReplayReader,
} from '../../src/realtime/event-hub';
import { EventType, type LoggedEvent } from '../../src/realtime/event-log';
import { nextMessages, toPayloadJson } from '../../src/realtime/shared-execution';
import { parseMessage } from 'graphql-ws';

/**
 * The stream's life as a state machine, in memory: the log is an array and
 * the replay reader reads it as the database query does (the SQL side is
 * covered by the subscription tests over real sockets).
 */
const CONFERENCE = 'c0000000-0000-4000-8000-000000000001';
const filter: EventFilter = { kind: 'conference', conferenceId: CONFERENCE };

function event(position: number, type = EventType.AWARD_ANNOUNCED): LoggedEvent {
  return {
    id: position,
    position,
    type,
    conferenceId: CONFERENCE,
    awardId: null,
    campaignId: null,
    registrationId: null,
    delegationId: null,
    registrationCount: null,
    occurredAt: new Date(0),
    displayConferenceId: CONFERENCE,
    dossierId: null,
    dossierTransitionId: null,
    dossierUnitPath: null,
  };
}

/** A reader over `log`, counting its reads; `gate` holds a read until it is opened. */
function readerOf(log: LoggedEvent[], gate?: Promise<void>) {
  const reads: number[] = [];
  const read: ReplayReader = async (_filter, after, upTo, limit) => {
    reads.push(after);
    await gate;
    return log.filter((e) => e.position > after && e.position <= upTo).slice(0, limit);
  };
  return { read, reads };
}

async function take(stream: AsyncIterator<LoggedEvent>, n: number): Promise<number[]> {
  const positions: number[] = [];
  for (let i = 0; i < n; i++) {
    const item = await stream.next();
    if (item.done) break;
    positions.push(item.value.position);
  }
  return positions;
}

describe('EventStream', () => {
  it('replays the log in pages, then goes live, each event once', async () => {
    const log = Array.from({ length: 250 }, (_, i) => event(i + 1));
    const hub = new EventHub();
    hub.reset(250);
    const { read, reads } = readerOf(log);
    const stream = hub.open(filter, 0, read, 10);
    expect(stream.status).toBe('replaying');
    // Live events while replaying: one already in the log (a duplicate), two new.
    hub.publish(event(250));
    hub.publish(event(251));
    hub.publish(event(252));
    expect(await take(stream, 252)).toEqual(Array.from({ length: 252 }, (_, i) => i + 1));
    expect(reads).toEqual([0, 100, 200]);
    expect(stream.status).toBe('live');
  });

  it('starts live without a cursor, and completes after ConferenceEnded', async () => {
    const hub = new EventHub();
    hub.reset(5);
    const stream = hub.open(filter, null, readerOf([]).read, 10);
    expect(stream.status).toBe('live');
    const pending = take(stream, 5);
    hub.publish(event(6));
    hub.publish(event(7, EventType.CONFERENCE_ENDED));
    hub.publish(event(8));
    expect(await pending).toEqual([6, 7]);
    expect(stream.status).toBe('closed');
    expect(hub.size).toBe(0);
  });

  it('cuts off a subscriber that falls behind: one SlowConsumerError, then done', async () => {
    const hub = new EventHub();
    const stream = hub.open(filter, null, readerOf([]).read, 2);
    const onOverflow = jest.fn();
    stream.onOverflow = onOverflow;
    for (let position = 1; position <= 4; position++) hub.publish(event(position));
    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(stream.status).toBe('overflowed');
    expect(hub.size).toBe(0);
    await expect(stream.next()).rejects.toBeInstanceOf(SlowConsumerError);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('ends at return(): detached, later events ignored, a pending read released', async () => {
    const hub = new EventHub();
    const stream = hub.open(filter, null, readerOf([]).read, 10);
    const pending = stream.next();
    await stream.return();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    hub.publish(event(1));
    expect(stream.queued).toBe(0);
    expect(hub.size).toBe(0);
    expect(stream.status).toBe('closed');
  });

  it('drops a replay page that arrives after the stream was closed', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const hub = new EventHub();
    hub.reset(3);
    const stream = hub.open(filter, 0, readerOf([event(1), event(2), event(3)], gate).read, 10);
    const pending = stream.next();
    await stream.return();
    open();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });
});

describe('graphql-ws next messages', () => {
  it('carry the id and the serialized result as a valid message', () => {
    const result = {
      data: { awardAnnounced: { cursor: 'ZXZlbnQ6MQ', note: 'a "quoted" } brace' } },
    };
    for (const id of ['1', 'sub "one"}', 'ünï\u2028cødé\\']) {
      const message = nextMessages(id)(toPayloadJson(result));
      expect(parseMessage(message)).toEqual({ id, type: 'next', payload: result });
    }
  });
});
