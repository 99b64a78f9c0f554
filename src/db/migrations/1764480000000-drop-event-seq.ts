import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the per-conference event numbering (`conference_event.seq`, kept by
 * `conference.last_event_seq`). `position` (EventLogPosition) already orders
 * every event, one conference's as all of them, gaplessly and in commit
 * order, and is what readers use; keeping `seq` meant updating the
 * conference row for every event it logged, which is why announcing had to
 * lock the conference exclusively. Dropping the column also drops the CHECK
 * that tied it to conference_id. `down` numbers the events of each
 * conference again in position order, as they were numbered.
 */
export class DropEventSeq1764480000000 implements MigrationInterface {
  name = 'DropEventSeq1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conference_event_order`);
    await q.query(`ALTER TABLE conference_event DROP COLUMN seq`);
    await q.query(`ALTER TABLE conference DROP COLUMN last_event_seq`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conference ADD COLUMN last_event_seq int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE conference_event ADD COLUMN seq int`);
    await q.query(`
      UPDATE conference_event e SET seq = n.seq
        FROM (SELECT id, row_number() OVER (PARTITION BY conference_id ORDER BY position, id) AS seq
                FROM conference_event WHERE conference_id IS NOT NULL) n
       WHERE n.id = e.id`);
    await q.query(`
      UPDATE conference c SET last_event_seq = n.last
        FROM (SELECT conference_id, max(seq) AS last FROM conference_event
               WHERE conference_id IS NOT NULL GROUP BY conference_id) n
       WHERE n.conference_id = c.id`);
    await q.query(
      `ALTER TABLE conference_event ADD CONSTRAINT conference_event_check CHECK ((conference_id IS NULL) = (seq IS NULL))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX conference_event_order ON conference_event (conference_id, seq)`,
    );
  }
}
