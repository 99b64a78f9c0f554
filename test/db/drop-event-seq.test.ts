import { DropEventSeq1764480000000 } from '../../src/db/migrations/1764480000000-drop-event-seq';
import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import { appendEvent, EventType } from '../../src/realtime/event-log';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildCampaign, buildConference, buildUnit } from '../helpers/factories';
import { pledge } from '../realtime/scripted';

/** The migration that drops `seq`: positions are the order, and `down` brings the numbering back. */
describe('migration DropEventSeq', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t?.stop());

  const columns = async (table: string): Promise<string[]> =>
    (
      await t.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1`,
        [table],
      )
    ).map((row: { column_name: string }) => row.column_name);

  const log = (conferenceId: string) =>
    t.dataSource.transaction((manager) =>
      appendEvent(manager, { type: EventType.CONFERENCE_STARTED, conferenceId }),
    );

  it('leaves no seq column, and down numbers each conference again in position order', async () => {
    expect(await columns('conference_event')).not.toContain('seq');
    expect(await columns('conference')).not.toContain('last_event_seq');

    const host = await buildUnit(t.dataSource);
    const a = await buildConference(t.dataSource, { host, status: ConferenceStatus.LIVE });
    const b = await buildConference(t.dataSource, { host, status: ConferenceStatus.LIVE });
    const quiet = await buildConference(t.dataSource, { host });
    // Interleaved: a, b, a, (a pledge outside any conference), b, a.
    await log(a.id);
    await log(b.id);
    await log(a.id);
    await pledge(t.dataSource, await buildCampaign(t.dataSource, { organizer: host }), host);
    await log(b.id);
    await log(a.id);

    const migration = new DropEventSeq1764480000000();
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await migration.down(runner);
      const events: { conference_id: string | null; seq: number | null }[] = await runner.query(
        `SELECT conference_id, seq FROM conference_event
          WHERE conference_id = ANY($1) OR conference_id IS NULL ORDER BY position`,
        [[a.id, b.id]],
      );
      expect(events).toEqual([
        { conference_id: a.id, seq: 1 },
        { conference_id: b.id, seq: 1 },
        { conference_id: a.id, seq: 2 },
        { conference_id: null, seq: null },
        { conference_id: b.id, seq: 2 },
        { conference_id: a.id, seq: 3 },
      ]);
      const lasts: { id: string; last_event_seq: number }[] = await runner.query(
        `SELECT id, last_event_seq FROM conference WHERE id = ANY($1) ORDER BY title`,
        [[a.id, b.id, quiet.id]],
      );
      expect(Object.fromEntries(lasts.map((row) => [row.id, row.last_event_seq]))).toEqual({
        [a.id]: 3,
        [b.id]: 2,
        [quiet.id]: 0,
      });
      // The old constraints are back: one number per conference, none without one.
      await runner.query(`SAVEPOINT before_duplicate`);
      await expect(
        runner.query(`UPDATE conference_event SET seq = 1 WHERE conference_id = $1 AND seq = 2`, [
          a.id,
        ]),
      ).rejects.toMatchObject({ driverError: { code: '23505' } });
      await runner.query(`ROLLBACK TO SAVEPOINT before_duplicate`);
      await expect(
        runner.query(`UPDATE conference_event SET seq = NULL WHERE conference_id = $1`, [a.id]),
      ).rejects.toMatchObject({ driverError: { code: '23514' } });
      await runner.query(`ROLLBACK TO SAVEPOINT before_duplicate`);

      await migration.up(runner);
      const after: { column_name: string }[] = await runner.query(
        `SELECT column_name FROM information_schema.columns
          WHERE (table_name, column_name) IN (('conference_event', 'seq'), ('conference', 'last_event_seq'))`,
      );
      expect(after).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
