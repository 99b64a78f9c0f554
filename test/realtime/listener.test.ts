import { Role } from '../../src/modules/accounts/account.entity';
import { RealtimeService } from '../../src/realtime/realtime.service';
import { startTestApp, type TestApp } from '../helpers/app';
import { disposeAllWs, subscribe, wsClient } from '../helpers/ws';
import { buildStage, CONFERENCE_EVENTS, label, script } from './scripted';

let app: TestApp;
let viewer: string;

beforeAll(async () => {
  app = await startTestApp();
  viewer = app.tokenFor({ role: Role.VIEWER });
});

afterAll(async () => {
  await disposeAllWs();
  await app?.stop();
});

describe('the LISTEN bridge', () => {
  it('loses nothing and repeats nothing when its connection is killed while events are announced', async () => {
    const realtime = app.app.server.services.get(RealtimeService);
    const stage = await buildStage(app, 24);
    const { steps, expected } = script(stage, app.dataSource);
    const feeds = [wsClient(app.wsUrl, viewer), wsClient(app.wsUrl, viewer)].map((ws) =>
      subscribe(ws, CONFERENCE_EVENTS, { conferenceId: stage.conference.id }, 'conferenceEvents'),
    );
    while (realtime.hub.size < 2) await new Promise((resolve) => setTimeout(resolve, 10));

    const pids = new Set<number>();
    const kill = async () => {
      // Wait for the bridge to be connected again, then kill it.
      while (realtime.listener!.backendPid === null) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const pid = realtime.listener!.backendPid;
      pids.add(pid);
      const [{ killed }] = await app.dataSource.query(`SELECT pg_terminate_backend($1) AS killed`, [
        pid,
      ]);
      expect(killed).toBe(true);
    };
    // Go on announcing while the listener is killed three times.
    const announcing = (async () => {
      for (const step of steps.slice(0, 8)) await step();
    })();
    await kill();
    await announcing;
    const more = (async () => {
      for (const step of steps.slice(8, 18)) await step();
    })();
    await kill();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await kill();
    await more;
    for (const step of steps.slice(18)) await step();

    const want = expected();
    for (const feed of feeds) {
      await feed.waitFor(want.length, 20_000);
      await feed.ended;
      expect(feed.items.map(label)).toEqual(want);
    }
    expect(pids.size).toBe(3);
    // It came back on a new connection.
    expect(realtime.listener!.backendPid).not.toBeNull();
    expect(pids.has(realtime.listener!.backendPid!)).toBe(false);
  });

  it('catches up events committed while it was disconnected, across conferences, in commit order', async () => {
    const realtime = app.app.server.services.get(RealtimeService);
    const stages = [await buildStage(app, 3), await buildStage(app, 3)];
    const scripts = stages.map((stage) => script(stage, app.dataSource));
    const feeds = stages.map((stage) =>
      subscribe(
        wsClient(app.wsUrl, viewer),
        CONFERENCE_EVENTS,
        { conferenceId: stage.conference.id },
        'conferenceEvents',
      ),
    );
    const announcements = subscribe(
      wsClient(app.wsUrl, viewer),
      `subscription { awardAnnounced { award { id } } }`,
      {},
      'awardAnnounced',
    );
    while (realtime.hub.size < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    // Interleave the two conferences' steps from concurrent writers.
    const position = realtime.listener!.position;
    await app.dataSource.query(`SELECT pg_terminate_backend($1)`, [realtime.listener!.backendPid]);
    await Promise.all(
      scripts.map(async ({ steps }) => {
        for (const step of steps) await step();
      }),
    );
    for (const [i, feed] of feeds.entries()) {
      const want = scripts[i]!.expected();
      await feed.waitFor(want.length, 20_000);
      await feed.ended;
      expect(feed.items.map(label)).toEqual(want);
    }
    const awards = stages.flatMap((stage) => stage.awards.map((a) => a.id));
    const got = await announcements.waitFor(awards.length);
    expect([...got.map((a) => a.award.id)].sort()).toEqual([...awards].sort());
    // The global order is the log's position order.
    const logged: { award_id: string }[] = await app.dataSource.query(
      `SELECT award_id FROM conference_event WHERE type = 'AWARD_ANNOUNCED' AND position > $1 ORDER BY position`,
      [position],
    );
    expect(got.map((a) => a.award.id)).toEqual(logged.map((row) => row.award_id));
  });
});
