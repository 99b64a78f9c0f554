import { Role } from '../../src/modules/accounts/account.entity';
import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import { appendEvent, EventType } from '../../src/realtime/event-log';
import { RealtimeService } from '../../src/realtime/realtime.service';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAward,
  buildAwardType,
  buildCampaign,
  buildConference,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';
import { disposeAllWs, rawSocket, subscribe, wsClient } from '../helpers/ws';
import { buildStage, CONFERENCE_EVENTS, EVENT_FIELDS, label, pledge, script } from './scripted';

let app: TestApp;
let viewer: string;

beforeAll(async () => {
  app = await startTestApp();
  viewer = app.tokenFor({ role: Role.VIEWER });
});

afterEach(async () => {
  // Every test starts with no stream attached, so waitAttached can count.
  await disposeAllWs();
  await waitAttached(app, 0);
});

afterAll(async () => {
  await disposeAllWs();
  await app?.stop();
});

describe('conference screens', () => {
  it('two screens on one conference receive every event of a scripted conference in the same order', async () => {
    const stage = await buildStage(app, 4);
    const { steps, expected } = script(stage, app.dataSource);
    const screens = [wsClient(app.wsUrl, viewer), wsClient(app.wsUrl, viewer)];
    const feeds = screens.map((ws) =>
      subscribe(ws, CONFERENCE_EVENTS, { conferenceId: stage.conference.id }, 'conferenceEvents'),
    );
    // Both subscriptions are live once the server has attached them to its hub.
    await waitAttached(app, 2);
    for (const step of steps) await step();
    const want = expected();
    for (const feed of feeds) {
      await feed.waitFor(want.length);
      await feed.ended; // completes after ConferenceEnded
      expect(feed.items.map(label)).toEqual(want);
      expect(feed.errors).toEqual([]);
    }
    // Same cursors, strictly increasing, and the same as the logged events.
    const cursors = feeds.map((f) => f.items.map((e) => e.cursor));
    expect(cursors[0]).toEqual(cursors[1]);
    const { conference } = await clientFor(app.url, viewer).data(
      `query($id: ID!) { conference(id: $id) { events { ${EVENT_FIELDS} } } }`,
      { id: stage.conference.id },
    );
    expect(conference.events.map(label)).toEqual(want);
    expect(conference.events.map((e: any) => e.cursor)).toEqual(cursors[0]);
  });

  it('a screen that reconnects with its last cursor ends with exactly the full sequence', async () => {
    const stage = await buildStage(app, 6);
    const { steps, expected } = script(stage, app.dataSource);
    const first = wsClient(app.wsUrl, viewer);
    const feed = subscribe(
      first,
      CONFERENCE_EVENTS,
      { conferenceId: stage.conference.id },
      'conferenceEvents',
    );
    await waitAttached(app);
    const [start, ...rest] = steps;
    await start!();
    for (const step of rest.slice(0, 3)) await step();
    const seen = await feed.waitFor(4);
    await first.close();
    // Meanwhile the conference goes on.
    for (const step of rest.slice(3, 6)) await step();
    const again = wsClient(app.wsUrl, viewer);
    const resumed = subscribe(
      again,
      CONFERENCE_EVENTS,
      { conferenceId: stage.conference.id, after: seen.at(-1).cursor },
      'conferenceEvents',
    );
    // Replay and live meet while the rest is being announced.
    const remaining = rest.slice(6);
    await resumed.waitFor(3);
    for (const step of remaining) await step();
    const want = expected();
    await resumed.waitFor(want.length - seen.length);
    await resumed.ended;
    expect([...seen, ...resumed.items].map(label)).toEqual(want);
  });

  it('replays from any cursor, also after the conference ended, and completes', async () => {
    const stage = await buildStage(app, 3);
    const { steps, expected } = script(stage, app.dataSource);
    for (const step of steps) await step();
    const want = expected();
    const { conference } = await clientFor(app.url, viewer).data(
      `query($id: ID!) { conference(id: $id) { events(first: 2) { cursor } } }`,
      { id: stage.conference.id },
    );
    const feed = subscribe(
      wsClient(app.wsUrl, viewer),
      CONFERENCE_EVENTS,
      { conferenceId: stage.conference.id, after: conference.events[1].cursor },
      'conferenceEvents',
    );
    await feed.ended;
    expect(feed.items.map(label)).toEqual(want.slice(2));
    // From now on an ENDED conference: nothing, and complete.
    const now = subscribe(
      wsClient(app.wsUrl, viewer),
      CONFERENCE_EVENTS,
      { conferenceId: stage.conference.id },
      'conferenceEvents',
    );
    await now.ended;
    expect(now.items).toEqual([]);
  });

  it('never delivers a rolled-back announcement', async () => {
    const stage = await buildStage(app, 2);
    await stage.secretary.data(`mutation($id: ID!) { startConference(id: $id) { id } }`, {
      id: stage.conference.id,
    });
    const feed = subscribe(
      wsClient(app.wsUrl, viewer),
      CONFERENCE_EVENTS,
      { conferenceId: stage.conference.id },
      'conferenceEvents',
    );
    await waitAttached(app);
    // The announcement's writes, then a failure: the transaction rolls back.
    await expect(
      app.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE award SET status = 'ANNOUNCED', conference_id = $2 WHERE id = $1`,
          [stage.awards[0]!.id, stage.conference.id],
        );
        await appendEvent(manager, {
          type: EventType.AWARD_ANNOUNCED,
          conferenceId: stage.conference.id,
          awardId: stage.awards[0]!.id,
        });
        throw new Error('printer out of paper');
      }),
    ).rejects.toThrow('printer out of paper');
    await stage.secretary.data(
      `mutation($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`,
      { c: stage.conference.id, a: stage.awards[1]!.id },
    );
    await stage.secretary.data(`mutation($id: ID!) { endConference(id: $id) { id } }`, {
      id: stage.conference.id,
    });
    await feed.ended;
    // Subscribed "from now" just after the start: whether ConferenceStarted is seen depends on
    // whether the bridge had published it yet, which is not what this test is about.
    expect(feed.items.map(label).filter((item) => item !== 'ConferenceStarted')).toEqual([
      `AwardAnnounced:${stage.awards[1]!.id}`,
      'ConferenceEnded',
    ]);
    const [{ status }] = await app.dataSource.query(`SELECT status FROM award WHERE id = $1`, [
      stage.awards[0]!.id,
    ]);
    expect(status).toBe('APPROVED');
  });

  it('streams announcements of every conference with awardAnnounced, resumable from a cursor', async () => {
    const host = await buildUnit(app.dataSource);
    const person = await buildPerson(app.dataSource, { unit: host });
    const type = await buildAwardType(app.dataSource);
    const a = await buildConference(app.dataSource, { host, status: ConferenceStatus.LIVE });
    const b = await buildConference(app.dataSource, { host, status: ConferenceStatus.LIVE });
    const awards = [];
    for (let i = 0; i < 4; i++) awards.push(await buildAward(app.dataSource, { type, person }));
    const secretary = clientFor(app.url, app.tokenFor({ role: Role.SECRETARY }));
    const query = `subscription($after: String) { awardAnnounced(after: $after) { cursor award { id } conference { id } } }`;
    const all = subscribe(wsClient(app.wsUrl, viewer), query, {}, 'awardAnnounced');
    const onlyB = subscribe(
      wsClient(app.wsUrl, viewer),
      `subscription($c: ID) { awardAnnounced(conferenceId: $c) { award { id } } }`,
      { c: b.id },
      'awardAnnounced',
    );
    await waitAttached(app, 2);
    const at = [a, b, a, b];
    for (let i = 0; i < 4; i++) {
      await secretary.data(
        `mutation($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`,
        { c: at[i]!.id, a: awards[i]!.id },
      );
    }
    const got = await all.waitFor(4);
    expect(got.map((e) => e.award.id)).toEqual(awards.map((x) => x.id));
    expect(got.map((e) => e.conference.id)).toEqual(at.map((c) => c.id));
    expect((await onlyB.waitFor(2)).map((e) => e.award.id)).toEqual([awards[1]!.id, awards[3]!.id]);
    const resumed = subscribe(
      wsClient(app.wsUrl, viewer),
      query,
      { after: got[1].cursor },
      'awardAnnounced',
    );
    expect((await resumed.waitFor(2)).map((e) => e.award.id)).toEqual([
      awards[2]!.id,
      awards[3]!.id,
    ]);
  });

  it('streams pledges to a campaign with the running count, under their conference', async () => {
    const host = await buildUnit(app.dataSource);
    const conference = await buildConference(app.dataSource, {
      host,
      status: ConferenceStatus.LIVE,
    });
    const atConference = await buildCampaign(app.dataSource, {
      organizer: host,
      launchedAtConferenceId: conference.id,
    });
    const elsewhere = await buildCampaign(app.dataSource, { organizer: host });
    const units = [await buildUnit(app.dataSource), await buildUnit(app.dataSource)];
    const query = `subscription($id: ID!) { campaignRegistered(campaignId: $id) {
      registrationCount conference { id } registration { id }
    } }`;
    const feed = subscribe(
      wsClient(app.wsUrl, viewer),
      query,
      { id: atConference.id },
      'campaignRegistered',
    );
    const other = subscribe(
      wsClient(app.wsUrl, viewer),
      query,
      { id: elsewhere.id },
      'campaignRegistered',
    );
    await waitAttached(app, 2);
    // One pledge at the conference, one outside any conference: both under the launching conference.
    await pledge(app.dataSource, atConference, units[0]!, conference.id);
    await pledge(app.dataSource, atConference, units[1]!, null);
    // A campaign launched outside any conference: its pledges cannot be shown (see the README).
    await pledge(app.dataSource, elsewhere, units[0]!, null);
    await pledge(app.dataSource, elsewhere, units[1]!, conference.id);
    const got = await feed.waitFor(2);
    expect(got.map((e) => [e.registrationCount, e.conference.id])).toEqual([
      [1, conference.id],
      [2, conference.id],
    ]);
    const otherGot = await other.waitFor(1);
    expect(otherGot.map((e) => [e.registrationCount, e.conference.id])).toEqual([
      [2, conference.id],
    ]);
  });
});

describe('WebSocket access', () => {
  it('closes with 4403 without a token or with a bad one', async () => {
    const missing = await rawSocket(app.wsUrl, {});
    expect((await missing.closed).code).toBe(4403);
    const bad = await rawSocket(app.wsUrl, { authorization: 'Bearer not-a-token' });
    expect((await bad.closed).code).toBe(4403);
    const forged = await rawSocket(app.wsUrl, {
      authorization: app.tokens
        .sign({
          accountId: '00000000-0000-4000-8000-000000000000',
          username: 'x',
          role: Role.VIEWER,
          unitId: null,
          personId: null,
        })
        .replace(/.$/, 'x'),
    });
    expect((await forged.closed).code).toBe(4403);
  });

  it('gives FORBIDDEN for a subscription the role may not make, and keeps the socket', async () => {
    const host = await buildUnit(app.dataSource);
    const conference = await buildConference(app.dataSource, { host });
    for (const role of [Role.MEMBER, Role.COUNCIL, Role.UNIT_MANAGER]) {
      const ws = wsClient(app.wsUrl, app.tokenFor({ role }));
      const feed = subscribe(ws, CONFERENCE_EVENTS, { conferenceId: conference.id });
      await feed.ended;
      expect(feed.errorCode()).toBe('FORBIDDEN');
      // Reading over the same socket is still fine.
      const read = subscribe(ws, `query($id: ID!) { conference(id: $id) { title } }`, {
        id: conference.id,
      });
      await read.ended;
      expect(read.items[0].conference.title).toBe(conference.title);
    }
    for (const role of [Role.VIEWER, Role.SECRETARY, Role.ADMIN]) {
      const feed = subscribe(wsClient(app.wsUrl, app.tokenFor({ role })), CONFERENCE_EVENTS, {
        conferenceId: conference.id,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(feed.errors).toEqual([]);
    }
  });

  it('reports NOT_FOUND and BAD_USER_INPUT for a subscription to nothing', async () => {
    const ws = wsClient(app.wsUrl, viewer);
    const unknown = subscribe(ws, CONFERENCE_EVENTS, {
      conferenceId: '00000000-0000-4000-8000-000000000001',
    });
    await unknown.ended;
    expect(unknown.errorCode()).toBe('NOT_FOUND');
    const badCursor = subscribe(ws, CONFERENCE_EVENTS, {
      conferenceId: '00000000-0000-4000-8000-000000000001',
      after: 'nonsense',
    });
    await badCursor.ended;
    expect(badCursor.errorCode()).toBe('BAD_USER_INPUT');
  });

  it('refuses an operation over the limits over WebSocket as over HTTP', async () => {
    const deep = `query { conferences { edges { node { hostUnit { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } } } }`;
    const http = await clientFor(app.url, viewer).request(deep);
    expect(errorCode(http)).toBe('QUERY_TOO_COMPLEX');
    const ws = wsClient(app.wsUrl, viewer);
    const overWs = subscribe(ws, deep);
    await overWs.ended;
    expect(overWs.errorCode()).toBe('QUERY_TOO_COMPLEX');
    const host = await buildUnit(app.dataSource);
    const conference = await buildConference(app.dataSource, { host });
    const costly = subscribe(
      ws,
      `subscription($id: ID!) { conferenceEvents(conferenceId: $id) {
        conference { events(first: 100) { conference { events(first: 100) { cursor occurredAt conference { id } } } } } } }`,
      { id: conference.id },
    );
    await costly.ended;
    expect(costly.errorCode()).toBe('QUERY_TOO_COMPLEX');
  });
});

/** Waits until exactly `n` streams are attached to the app's hub (subscriptions are live). */
async function waitAttached(testApp: TestApp, n = 1): Promise<void> {
  const hub = testApp.app.server.services.get(RealtimeService).hub;
  const deadline = Date.now() + 5_000;
  while (hub.size !== n) {
    if (Date.now() > deadline) throw new Error(`${hub.size} streams attached, expected ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
