import { EventHub, type EventFilter, type ReplayReader } from '../../src/realtime/event-hub';
import { EventType, type LoggedEvent } from '../../src/realtime/event-log';
import { CONFERENCE, loggedEvent } from '../helpers/events';
import { nextFrames } from '../../src/realtime/frames';
import { toPayloadBytes } from '../../src/realtime/shared-execution';
import { parseMessage } from 'graphql-ws';

/**
 * The stream's life as a state machine, in memory: the log is an array and
 * the replay reader reads it as the database query does (the SQL side is
 * covered by the subscription tests over real sockets).
 */
const filter: EventFilter = { kind: 'conference', conferenceId: CONFERENCE };

const event = loggedEvent;

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

  it('lets a subscriber that takes nothing fall back to the log, then live again, each event once', async () => {
    const log: LoggedEvent[] = [];
    const publish = (position: number) => {
      log.push(event(position));
      hub.publish(event(position));
    };
    const hub = new EventHub();
    const { read, reads } = readerOf(log);
    const stream = hub.open(filter, null, read, { maxQueued: 2, graceMs: 0 });
    for (let position = 1; position <= 4; position++) publish(position);
    // It let go of its queue and of the hub: nothing is held for it.
    expect(stream.status).toBe('catching-up');
    expect(stream.queued).toBe(0);
    expect(hub.size).toBe(0);
    // It reads what it missed from the log, attaches again, and goes on live.
    expect(await take(stream, 4)).toEqual([1, 2, 3, 4]);
    expect(reads).toEqual([0]);
    expect(stream.status).toBe('live');
    expect(hub.size).toBe(1);
    publish(5);
    expect(await take(stream, 1)).toEqual([5]);
  });

  it('keeps reading the log while events keep coming during its catch-up', async () => {
    const log: LoggedEvent[] = [];
    const hub = new EventHub();
    const publish = (position: number) => {
      log.push(event(position));
      hub.publish(event(position));
    };
    let reads = 0;
    const read: ReplayReader = async (_filter, after, upTo, limit) => {
      // Every read of the log races with two more events.
      if (reads++ < 3) {
        publish(log.length + 1);
        publish(log.length + 1);
      }
      return log.filter((e) => e.position > after && e.position <= upTo).slice(0, limit);
    };
    const stream = hub.open(filter, null, read, { maxQueued: 1, graceMs: 0 });
    for (let position = 1; position <= 3; position++) publish(position);
    expect(stream.status).toBe('catching-up');
    expect(await take(stream, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stream.status).toBe('live');
    publish(10);
    expect(await take(stream, 1)).toEqual([10]);
  });

  it('holds a burst for a subscriber that keeps taking, up to its hard cap', async () => {
    const hub = new EventHub();
    const stream = hub.open(filter, null, readerOf([]).read, {
      maxQueued: 2,
      graceMs: 60_000,
      hardCap: 1_000,
    });
    for (let position = 1; position <= 500; position++) hub.publish(event(position));
    expect(stream.status).toBe('live');
    expect(stream.queued).toBe(500);
    expect(await take(stream, 500)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    for (let position = 501; position <= 1_500; position++) hub.publish(event(position));
    expect(stream.status).toBe('catching-up');
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

  it('hands events to a polling consumer synchronously, and falls back to the log past its bounds', async () => {
    const log = Array.from({ length: 4 }, (_, i) => event(i + 1));
    const hub = new EventHub();
    const stream = hub.open(filter, null, readerOf(log).read, {
      maxQueued: 2,
      graceMs: 0,
      hardCap: 100,
    });
    const at = (step: ReturnType<typeof stream.poll>) =>
      typeof step === 'string' ? step : step.position;
    expect(stream.poll()).toBe('wait');
    const woken: (number | string)[] = [];
    stream.onReady(() => woken.push(at(stream.poll())));
    // Waiting: the event is taken inside publish, nothing queues.
    hub.publish(log[0]!);
    expect(woken).toEqual([1]);
    expect(stream.queued).toBe(0);
    // Not waiting (the consumer is busy): events queue, then overflow.
    hub.publish(log[1]!);
    hub.publish(log[2]!);
    expect(stream.queued).toBe(2);
    hub.publish(log[3]!);
    expect(stream.status).toBe('catching-up');
    expect(woken).toEqual([1]);
    expect(stream.poll()).toBe('read');
    // The log gives back what was dropped, each once, and the stream is live again.
    expect(await take(stream, 1)).toEqual([2]);
    expect([stream.poll(), stream.poll(), stream.poll()].map(at)).toEqual([3, 4, 'wait']);
    expect(stream.status).toBe('live');
    stream.onReady(() => woken.push(at(stream.poll())));
    await stream.return();
    expect(woken).toEqual([1, 'done']);
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
      data: {
        awardAnnounced: { cursor: 'ZXZlbnQ6MQ', note: 'a "quoted" } brace, Nguyễn Thị Ánh' },
      },
    };
    const payload = toPayloadBytes(result);
    for (const id of ['1', 'sub "one"}', 'ünï\u2028cødé\\']) {
      const message = nextFrames(id).message(payload);
      expect(parseMessage(new TextDecoder('utf-8', { fatal: true }).decode(message))).toEqual({
        id,
        type: 'next',
        payload: result,
      });
    }
    // The shared payload is copied, never written into.
    expect(JSON.parse(payload.toString('utf8'))).toEqual(result);
  });
});
