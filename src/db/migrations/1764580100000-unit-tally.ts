import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  createStatementTrigger,
  dropStatementTrigger,
  TRIGGER_EVENTS,
  type TriggerEvent,
} from './statement-triggers';

/** The ids of a unit's path, root first, ending with the unit itself: its ancestors-or-self. */
const ANCESTORS = (unit: string) =>
  `unnest(string_to_array(trim(both '/' from ${unit}.path), '/')::uuid[])`;

/**
 * The number of units in each unit's subtree (the unit included), so that a
 * dashboard reads its `units` from one row instead of counting the subtree's
 * units (all 20,000 of them for the whole tree at national scale: 2–7 ms of
 * PostgreSQL per dashboard).
 *
 * `unit_tally` is kept from the units' paths alone: statement-level triggers
 * on `unit` add 1 to every ancestor-or-self of each new row's path and take 1
 * from those of each old row's path (rows whose path did not change cancel
 * out), one grouped upsert in key order. A move rewrites the paths of the
 * moved subtree in one statement, so its units leave the old ancestors and
 * join the new ones there. Enabled ALWAYS, so that bulk loads under
 * session_replication_role = replica keep it too. `rebuild_dashboard_tallies()`
 * now also rebuilds it; the function it replaces is kept as
 * `rebuild_campaign_tallies()` and called first.
 */
export class UnitTally1764580100000 implements MigrationInterface {
  name = 'UnitTally1764580100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE unit IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      CREATE TABLE unit_tally (
        unit_id uuid NOT NULL,
        units int NOT NULL,
        PRIMARY KEY (unit_id) INCLUDE (units)
      )`);

    // `changes` is a set of (path, sign): a unit that comes (+1) or goes (-1)
    // under every ancestor-or-self of the path.
    const apply = (changes: string) => `
      INSERT INTO unit_tally AS t (unit_id, units)
      SELECT k.unit_id, sum(c.sign)
        FROM (${changes}) c
        CROSS JOIN LATERAL ${ANCESTORS('c')} AS k(unit_id)
       GROUP BY 1
      HAVING sum(c.sign) <> 0
       ORDER BY 1
      ON CONFLICT (unit_id) DO UPDATE SET units = t.units + excluded.units;`;
    const rowsOf = (rows: string, sign: number) => `SELECT r.path, ${sign} AS sign FROM ${rows} r`;
    const bodies: Record<TriggerEvent, string> = {
      insert: apply(rowsOf('new_rows', 1)),
      update: apply(`${rowsOf('new_rows', 1)} UNION ALL ${rowsOf('old_rows', -1)}`),
      delete: apply(rowsOf('old_rows', -1)),
      truncate: 'TRUNCATE unit_tally;',
    };
    for (const event of TRIGGER_EVENTS) {
      await createStatementTrigger(q, 'unit', event, `unit_tally_${event}`, bodies[event]);
    }

    await q.query(`ALTER FUNCTION rebuild_dashboard_tallies() RENAME TO rebuild_campaign_tallies`);
    await q.query(`
      CREATE FUNCTION rebuild_dashboard_tallies() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM rebuild_campaign_tallies();
        TRUNCATE unit_tally;
        ${REBUILD_UNIT_TALLY}
      END $$`);
    await q.query(REBUILD_UNIT_TALLY);
    await q.query(`ANALYZE unit_tally`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rebuild_dashboard_tallies()`);
    await q.query(`ALTER FUNCTION rebuild_campaign_tallies() RENAME TO rebuild_dashboard_tallies`);
    for (const event of TRIGGER_EVENTS)
      await dropStatementTrigger(q, 'unit', `unit_tally_${event}`);
    await q.query(`DROP TABLE unit_tally`);
  }
}

/** Fills an empty unit_tally from the units' paths. */
const REBUILD_UNIT_TALLY = `
  INSERT INTO unit_tally (unit_id, units)
  SELECT k.unit_id, count(*) FROM unit u CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
   GROUP BY 1;`;
