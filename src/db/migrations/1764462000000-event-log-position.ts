import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A global, gapless, commit-ordered `position` for every logged event.
 *
 * Event ids (bigserial) are taken when a row is inserted, so two transactions
 * can commit them out of order: a listener that has seen id 11 may later find
 * id 10. Reading "everything after the last id I saw" would then skip events.
 * `position` is instead assigned by a deferred constraint trigger at COMMIT,
 * under a row lock on `conference_event_head` that is held until the commit
 * is visible: the event with position p+1 can only be numbered once p is
 * committed. So every snapshot sees a gap-free prefix of positions, and
 * "position > last seen" is exact — for the LISTEN bridge's catch-up and for
 * clients resuming from a cursor, across all conferences. A rolled-back
 * transaction never reaches the trigger, so it takes no number.
 *
 * The lock is the last one a transaction takes and is held only while it
 * commits, so it cannot join a deadlock; it does serialise the commits of
 * event-writing transactions (announcements, launches, pledges), which are
 * human-paced in this domain.
 */
export class EventLogPosition1764462000000 implements MigrationInterface {
  name = 'EventLogPosition1764462000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conference_event_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        last_position bigint NOT NULL
      )`);
    await q.query(`ALTER TABLE conference_event ADD COLUMN position bigint`);
    // Rows logged before this migration (if any) are numbered in id order.
    await q.query(`
      UPDATE conference_event e SET position = n.rn
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM conference_event) n
       WHERE n.id = e.id`);
    await q.query(
      `INSERT INTO conference_event_head (last_position) SELECT count(*) FROM conference_event`,
    );
    await q.query(
      `CREATE UNIQUE INDEX conference_event_position_key ON conference_event (position)`,
    );
    await q.query(
      `CREATE INDEX conference_event_conference_position_idx ON conference_event (conference_id, position)
        WHERE conference_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX conference_event_announced_idx ON conference_event (position) WHERE type = 'AWARD_ANNOUNCED'`,
    );
    await q.query(`
      CREATE FUNCTION conference_event_assign_position() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        next_position bigint;
      BEGIN
        UPDATE conference_event_head SET last_position = last_position + 1
         RETURNING last_position INTO next_position;
        UPDATE conference_event SET position = next_position WHERE id = NEW.id;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER conference_event_position
        AFTER INSERT ON conference_event
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION conference_event_assign_position()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER conference_event_position ON conference_event`);
    await q.query(`DROP FUNCTION conference_event_assign_position()`);
    await q.query(`DROP INDEX conference_event_announced_idx`);
    await q.query(`DROP INDEX conference_event_conference_position_idx`);
    await q.query(`DROP INDEX conference_event_position_key`);
    await q.query(`ALTER TABLE conference_event DROP COLUMN position`);
    await q.query(`DROP TABLE conference_event_head`);
  }
}
