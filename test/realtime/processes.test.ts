import { Role } from '../../src/modules/accounts/account.entity';
import { encodeEventCursor } from '../../src/realtime/cursor';
import { RealtimeService } from '../../src/realtime/realtime.service';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor } from '../helpers/graphql';
import { disposeAllWs, rawSocket, subscribe, wsClient } from '../helpers/ws';
import { startChildApp, type ChildApp } from './fixtures/child-app';
import { buildStage, CONFERENCE_EVENTS, label, script } from './scripted';

let app: TestApp;
let second: TestApp;
let child: ChildApp;
let viewer: string;

beforeAll(async () => {
  app = await startTestApp();
  const databaseUrl = app.config.DATABASE_URL!;
  [second, child] = await Promise.all([
    startTestApp({ DATABASE_URL: databaseUrl }),
    startChildApp(databaseUrl),
  ]);
  viewer = app.tokenFor({ role: Role.VIEWER });
}, 90_000);

afterAll(async () => {
  await disposeAllWs();
  await child?.stop();
  await second?.stop();
  await app?.stop();
});

/** Application names of this database's LISTEN connections. */
async function listeners(): Promise<string[]> {
  const rows: { application_name: string }[] = await app.dataSource.query(
    `SELECT application_name FROM pg_stat_activity
      WHERE datname = current_database() AND application_name LIKE 'thidua-listen-%'`,
  );
  return rows.map((r) => r.application_name).sort();
}

describe('several API processes on one database', () => {
  it('keeps exactly one LISTEN connection per process', async () => {
    const names = await listeners();
    expect(names).toHaveLength(3);
    expect(names).toContain(app.app.server.services.get(RealtimeService).listener!.connectionName);
    expect(names.some((name) => name.startsWith(`thidua-listen-${child.child.pid}-`))).toBe(true);
  });

  it('delivers what one process announces to subscribers on the others, in order', async () => {
    const stage = await buildStage(app, 5);
    const { steps, expected } = script(stage, app.dataSource);
    // Subscribers on the second in-process server and on the child process;
    // the secretary's mutations go to the first server. The child's screen
    // starts from the log's current head, so it cannot miss the first event
    // however late its subscription is attached.
    const from = await headCursor();
    const feeds = [
      subscribe(
        wsClient(second.wsUrl, viewer),
        CONFERENCE_EVENTS,
        { conferenceId: stage.conference.id },
        'conferenceEvents',
      ),
      subscribe(
        wsClient(child.wsUrl, viewer),
        CONFERENCE_EVENTS,
        { conferenceId: stage.conference.id, after: from },
        'conferenceEvents',
      ),
    ];
    await waitAttached(second, 1);
    for (const step of steps) await step();
    const want = expected();
    for (const feed of feeds) {
      await feed.waitFor(want.length);
      await feed.ended;
      expect(feed.items.map(label)).toEqual(want);
    }
  });

  it('delivers what the child process announces to a subscriber here', async () => {
    const stage = await buildStage(app, 3);
    const feed = subscribe(
      wsClient(app.wsUrl, viewer),
      CONFERENCE_EVENTS,
      { conferenceId: stage.conference.id },
      'conferenceEvents',
    );
    await waitAttached(app, 1);
    const remote = clientFor(child.url, app.tokenFor({ role: Role.SECRETARY }));
    await remote.data(`mutation($id: ID!) { startConference(id: $id) { id } }`, {
      id: stage.conference.id,
    });
    for (const award of stage.awards) {
      await remote.data(
        `mutation($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`,
        { c: stage.conference.id, a: award.id },
      );
    }
    await remote.data(`mutation($id: ID!) { endConference(id: $id) { id } }`, {
      id: stage.conference.id,
    });
    await feed.ended;
    expect(feed.items.map(label)).toEqual([
      'ConferenceStarted',
      ...stage.awards.map((a) => `AwardAnnounced:${a.id}`),
      'ConferenceEnded',
    ]);
  });

  it('on SIGTERM closes subscriptions with 1001, releases its LISTEN connection and exits 0', async () => {
    const stage = await buildStage(app, 1);
    const socket = await rawSocket(child.wsUrl, { authorization: viewer });
    await socket.next((m) => m.type === 'connection_ack');
    socket.send({
      id: '1',
      type: 'subscribe',
      payload: { query: CONFERENCE_EVENTS, variables: { conferenceId: stage.conference.id } },
    });
    await socket.next((m) => m.type === 'next' || m.type === 'error', 1_000).catch(() => undefined);
    const pid = child.child.pid;
    expect(await child.stop()).toBe(0);
    expect((await socket.closed).code).toBe(1001);
    expect((await listeners()).some((name) => name.startsWith(`thidua-listen-${pid}-`))).toBe(
      false,
    );
  });

  it('an in-process server stopped with app.stop() does the same', async () => {
    const stage = await buildStage(app, 1);
    const feed = subscribe(
      wsClient(second.wsUrl, viewer),
      CONFERENCE_EVENTS,
      { conferenceId: stage.conference.id },
      'conferenceEvents',
    );
    await waitAttached(second, 1);
    const name = second.app.server.services.get(RealtimeService).listener!.connectionName;
    const socket = await rawSocket(second.wsUrl, { authorization: viewer });
    await socket.next((m) => m.type === 'connection_ack');
    await second.stop();
    expect((await socket.closed).code).toBe(1001);
    await feed.ended;
    expect(await listeners()).not.toContain(name);
  });
});

async function waitAttached(testApp: TestApp, n: number): Promise<void> {
  const hub = testApp.app.server.services.get(RealtimeService).hub;
  const deadline = Date.now() + 5_000;
  while (hub.size < n) {
    if (Date.now() > deadline) throw new Error(`${hub.size} streams attached, expected ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The cursor of the log's current head: "everything from now on", for a process we cannot look into. */
async function headCursor(): Promise<string> {
  const [{ last_position }] = await app.dataSource.query(
    `SELECT last_position FROM conference_event_head`,
  );
  return encodeEventCursor(Number(last_position));
}
