import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import { Role } from '../../src/modules/accounts/account.entity';
import { RealtimeService } from '../../src/realtime/realtime.service';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildConference, buildUnit } from '../helpers/factories';
import { disposeAllWs, subscribe, wsClient } from '../helpers/ws';

// Issue 11, item 2: a burst of more than 256 events cut off every
// subscriber, fast readers included (close 1013) — as when the LISTEN
// bridge catches up after a reconnect with many events pending.

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await disposeAllWs();
  await app?.stop();
});

const SUBSCRIBERS = 100;
const BURST = 1_000;

describe('a burst of events', () => {
  it('reaches 100 fast subscribers whole and in order when the bridge catches up 1,000 events at once', async () => {
    const realtime = app.app.server.services.get(RealtimeService);
    const host = await buildUnit(app.dataSource);
    const conference = await buildConference(app.dataSource, {
      host,
      status: ConferenceStatus.LIVE,
    });
    const viewer = app.tokenFor({ role: Role.VIEWER });
    const clients = Array.from({ length: SUBSCRIBERS }, () => wsClient(app.wsUrl, viewer));
    const feeds = clients.map((ws) =>
      subscribe(
        ws,
        `subscription($id: ID!) { conferenceEvents(conferenceId: $id) { cursor } }`,
        { id: conference.id },
        'conferenceEvents',
      ),
    );
    while (realtime.hub.size < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 20));

    // Take the LISTEN connection down, commit the burst while it is down:
    // on reconnecting, the bridge reads and publishes all of it at once.
    const pid = realtime.listener!.backendPid;
    await app.dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await app.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO conference_event (type, conference_id)
         SELECT 'CONFERENCE_STARTED', $1 FROM generate_series(1, $2)`,
        [conference.id, BURST],
      );
    });
    const logged: { position: number }[] = await app.dataSource.query(
      `SELECT position FROM conference_event WHERE conference_id = $1 ORDER BY position`,
      [conference.id],
    );
    expect(logged).toHaveLength(BURST);

    for (const feed of feeds) await feed.waitFor(BURST, 60_000);
    // Every subscriber got every event, once, in the log's order.
    const positions = logged.map((row) => Number(row.position));
    const position = (cursor: string) =>
      Number(Buffer.from(cursor, 'base64url').toString('utf8').split(':')[1]);
    for (const feed of feeds) {
      expect(feed.items.map((item) => position(item.cursor))).toEqual(positions);
      expect(feed.errors).toEqual([]);
    }
    for (const ws of clients) expect(ws.closes).toEqual([]);
    // And they are all still attached, live.
    expect(realtime.hub.size).toBe(SUBSCRIBERS);
  }, 120_000);
});
