import {
  GraphQLID,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from 'graphql';
import { EventHub, type EventFilter } from '../../src/realtime/event-hub';
import type { LoggedEvent } from '../../src/realtime/event-log';
import { nextFrames } from '../../src/realtime/frames';
import { CONFERENCE, loggedEvent } from '../helpers/events';
import {
  subscribeShared,
  toPayloadBytes,
  type PayloadBytes,
  type SharedSubscriptionOptions,
} from '../../src/realtime/shared-execution';

/**
 * The delivery loop of subscribeShared over an in-memory hub and a schema of
 * one subscription field, with sends whose flush the test controls (the
 * WebSocket side is covered by the subscription tests over real sockets).
 */
const filter: EventFilter = { kind: 'conference', conferenceId: CONFERENCE };

const event = loggedEvent;

/** A subscription `events(conferenceId)` over `hub`, counting how often a payload is resolved. */
function schemaOver(hub: EventHub) {
  const counts = { executed: 0 };
  const Event = new GraphQLObjectType({
    name: 'Event',
    fields: {
      position: { type: GraphQLString, resolve: (e: LoggedEvent) => String(e.position) },
      // Resolved asynchronously, as a field loaded through a DataLoader is.
      label: {
        type: GraphQLString,
        resolve: async (e: LoggedEvent) => {
          counts.executed += 1;
          await new Promise((resolve) => setImmediate(resolve));
          return `Sự kiện ${e.position}`;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        events: {
          type: Event,
          args: { conferenceId: { type: new GraphQLNonNull(GraphQLID) } },
          subscribe: () => hub.open(filter, null, async () => []),
          resolve: (e: LoggedEvent) => e,
        },
      },
    }),
  });
  return { schema, counts };
}

const document = parse(`subscription($c: ID!) { events(conferenceId: $c) { position label } }`);

/** A subscriber whose sends are flushed only when the test says so (or at once when `auto`). */
function subscriber(id: string, auto: boolean) {
  const message = nextFrames(id).message;
  const state = {
    received: [] as string[],
    inFlight: 0,
    maxInFlight: 0,
    flushes: [] as (() => void)[],
    refuse: false,
  };
  const send = (payload: PayloadBytes, _event: unknown, done: (sent: boolean) => void) => {
    if (state.refuse) return done(false);
    const parsed = JSON.parse(message(payload).toString('utf8'));
    expect(parsed.id).toBe(id);
    state.received.push(parsed.payload.data.events.label);
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    const flush = () => {
      state.inFlight -= 1;
      done(true);
    };
    if (auto) setImmediate(flush);
    else state.flushes.push(flush);
  };
  return { state, send };
}

async function start(schema: GraphQLSchema, send: SharedSubscriptionOptions['send']) {
  const iterator = (await subscribeShared(
    { schema, document, variableValues: { c: CONFERENCE } },
    {
      key: 'viewer',
      contextFor: () => ({}),
      serialize: (result: ExecutionResult) => toPayloadBytes(result),
      send,
    },
  )) as AsyncIterableIterator<ExecutionResult>;
  const ended = iterator.next();
  return { iterator, ended };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((r) => setImmediate(r));
  expect(condition()).toBe(true);
};

describe('subscribeShared', () => {
  it('executes each event once for every subscriber with the key, sends one at a time, in order', async () => {
    const hub = new EventHub();
    const { schema, counts } = schemaOver(hub);
    const fast = subscriber('fast', true);
    const slow = subscriber('slow', false);
    const a = await start(schema, fast.send);
    const b = await start(schema, slow.send);
    expect(hub.size).toBe(2);

    for (let position = 1; position <= 5; position++) hub.publish(event(position));
    const labels = [1, 2, 3, 4, 5].map((p) => `Sự kiện ${p}`);
    await until(() => fast.state.received.length === 5);
    expect(fast.state.received).toEqual(labels);
    // The slow one has its first event in flight and the rest queued on its stream.
    expect(slow.state.received).toEqual(labels.slice(0, 1));
    while (slow.state.received.length < 5) {
      slow.state.flushes.shift()!();
      await until(() => slow.state.flushes.length === 1);
    }
    expect(slow.state.received).toEqual(labels);
    expect(slow.state.maxInFlight).toBe(1);
    expect(fast.state.maxInFlight).toBe(1);
    // One execution per event, shared by both subscribers.
    expect(counts.executed).toBe(5);

    slow.state.flushes.shift()!();
    await a.iterator.return!();
    await b.iterator.return!();
    await expect(a.ended).resolves.toEqual({ done: true, value: undefined });
    await expect(b.ended).resolves.toEqual({ done: true, value: undefined });
    expect(hub.size).toBe(0);
  });

  it('ends a subscription whose send fails, leaving the hub, while the others go on', async () => {
    const hub = new EventHub();
    const { schema } = schemaOver(hub);
    const gone = subscriber('gone', true);
    const stays = subscriber('stays', true);
    const a = await start(schema, gone.send);
    const b = await start(schema, stays.send);
    gone.state.refuse = true;
    hub.publish(event(1));
    await expect(a.ended).resolves.toEqual({ done: true, value: undefined });
    expect(hub.size).toBe(1);
    hub.publish(event(2));
    await until(() => stays.state.received.length === 2);
    expect(stays.state.received).toEqual(['Sự kiện 1', 'Sự kiện 2']);
    await b.iterator.return!();
    await b.ended;
  });

  it('tells a send that waits (a token re-check) that its subscription was completed meanwhile', async () => {
    const hub = new EventHub();
    const { schema } = schemaOver(hub);
    const waiting: { live: () => boolean; done: (sent: boolean) => void }[] = [];
    const a = await start(schema, (_payload, _event, done, live) => {
      waiting.push({ live, done });
    });
    hub.publish(event(1));
    await until(() => waiting.length === 1);
    expect(waiting[0]!.live()).toBe(true);
    // The client completes the subscription while the send waits.
    await a.iterator.return!();
    await a.ended;
    expect(waiting[0]!.live()).toBe(false);
    waiting[0]!.done(false);
  });
});
