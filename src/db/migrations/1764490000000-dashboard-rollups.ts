import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tallies rolled up from the dashboard tallies (DashboardTallies), so that a
 * dashboard reads a number of rows that does not grow with the data.
 *
 * `award_tally` is keyed by (unit, type, year, campaign): a unit's rows grow
 * with the number of campaigns, which grows with the data (2,782,160 rows for
 * 10,000,000 awards; the province's own rows alone are tens of thousands).
 * Most of the dashboard does not look at campaigns, and the part that does
 * looks at one campaign or lists campaigns without their types. So:
 *
 * - `award_rollup` (unit, type, year): awards, individual, leaders summed
 *   over campaigns; at most (types × years) rows per unit, whatever the data;
 * - `award_campaign_rollup` (unit, campaign, year): awards summed over types,
 *   for the per-campaign figures (rows only for awards under a campaign);
 * - `achievement_rollup` (unit, year): verified and advanced summed over
 *   campaigns;
 * - an index on `award_tally (unit_id, campaign_id)` for dashboards filtered
 *   on one campaign (its rows of one unit are at most types × years).
 *
 * They are kept from the tallies themselves: statement-level triggers on
 * `award_tally` and `achievement_tally` add the difference between the new
 * and the old rows of each statement (one grouped upsert per statement, in
 * key order), so every path that changes the tallies (awards and
 * achievements written, a leader's post, a unit moving, the rebuild, a bulk
 * load) keeps the rollups exact in the same transaction, with no second
 * copy of those rules. Enabled ALWAYS, like the tallies' own triggers, so
 * that bulk loads under session_replication_role = replica keep them too.
 */
export class DashboardRollups1764490000000 implements MigrationInterface {
  name = 'DashboardRollups1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE award_rollup (
        unit_id uuid NOT NULL,
        type_id uuid NOT NULL,
        year int NOT NULL,
        awards int NOT NULL,
        individual int NOT NULL,
        leaders int NOT NULL,
        PRIMARY KEY (unit_id, type_id, year)
      )`);
    await q.query(`
      CREATE TABLE award_campaign_rollup (
        unit_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        year int NOT NULL,
        awards int NOT NULL,
        PRIMARY KEY (unit_id, campaign_id, year)
      )`);
    await q.query(`
      CREATE TABLE achievement_rollup (
        unit_id uuid NOT NULL,
        year int NOT NULL,
        verified int NOT NULL,
        advanced int NOT NULL,
        PRIMARY KEY (unit_id, year)
      )`);
    await q.query(`CREATE INDEX award_tally_unit_campaign ON award_tally (unit_id, campaign_id)`);

    // `changes` is a set of tally rows with sign +1 (new) or -1 (old).
    const awardChanges = (changes: string) => `
      INSERT INTO award_rollup AS t (unit_id, type_id, year, awards, individual, leaders)
      SELECT c.unit_id, c.type_id, c.year, sum(c.sign * c.awards), sum(c.sign * c.individual),
             sum(c.sign * c.leaders)
        FROM (${changes}) c
       GROUP BY 1, 2, 3
      HAVING sum(c.sign * c.awards) <> 0 OR sum(c.sign * c.individual) <> 0
          OR sum(c.sign * c.leaders) <> 0
       ORDER BY 1, 2, 3
      ON CONFLICT (unit_id, type_id, year)
      DO UPDATE SET awards = t.awards + excluded.awards,
                    individual = t.individual + excluded.individual,
                    leaders = t.leaders + excluded.leaders;
      INSERT INTO award_campaign_rollup AS t (unit_id, campaign_id, year, awards)
      SELECT c.unit_id, c.campaign_id, c.year, sum(c.sign * c.awards)
        FROM (${changes}) c
       WHERE c.campaign_id IS NOT NULL
       GROUP BY 1, 2, 3
      HAVING sum(c.sign * c.awards) <> 0
       ORDER BY 1, 2, 3
      ON CONFLICT (unit_id, campaign_id, year) DO UPDATE SET awards = t.awards + excluded.awards;`;
    const awardRows = (rows: string, sign: number) =>
      `SELECT r.unit_id, r.type_id, r.year, r.campaign_id, r.awards, r.individual, r.leaders,
              ${sign} AS sign FROM ${rows} r`;
    const achievementChanges = (changes: string) => `
      INSERT INTO achievement_rollup AS t (unit_id, year, verified, advanced)
      SELECT c.unit_id, c.year, sum(c.sign * c.verified), sum(c.sign * c.advanced)
        FROM (${changes}) c
       GROUP BY 1, 2
      HAVING sum(c.sign * c.verified) <> 0 OR sum(c.sign * c.advanced) <> 0
       ORDER BY 1, 2
      ON CONFLICT (unit_id, year)
      DO UPDATE SET verified = t.verified + excluded.verified,
                    advanced = t.advanced + excluded.advanced;`;
    const achievementRows = (rows: string, sign: number) =>
      `SELECT r.unit_id, r.year, r.verified, r.advanced, ${sign} AS sign FROM ${rows} r`;

    const functions: [name: string, body: string][] = [
      ['award_rollup_insert', awardChanges(awardRows('new_rows', 1))],
      ['award_rollup_delete', awardChanges(awardRows('old_rows', -1))],
      [
        'award_rollup_update',
        awardChanges(`${awardRows('new_rows', 1)} UNION ALL ${awardRows('old_rows', -1)}`),
      ],
      ['award_rollup_truncate', 'TRUNCATE award_rollup, award_campaign_rollup;'],
      ['achievement_rollup_insert', achievementChanges(achievementRows('new_rows', 1))],
      ['achievement_rollup_delete', achievementChanges(achievementRows('old_rows', -1))],
      [
        'achievement_rollup_update',
        achievementChanges(
          `${achievementRows('new_rows', 1)} UNION ALL ${achievementRows('old_rows', -1)}`,
        ),
      ],
      ['achievement_rollup_truncate', 'TRUNCATE achievement_rollup;'],
    ];
    for (const [name, body] of functions) {
      await q.query(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${body}
          RETURN NULL;
        END $$`);
    }
    for (const [table, name, definition] of ROLLUP_TRIGGERS) {
      await q.query(`CREATE TRIGGER ${name} ${definition} EXECUTE FUNCTION ${name}()`);
      await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${name}`);
    }

    // The tallies already there.
    await q.query(`
      INSERT INTO award_rollup (unit_id, type_id, year, awards, individual, leaders)
      SELECT unit_id, type_id, year, sum(awards), sum(individual), sum(leaders)
        FROM award_tally GROUP BY 1, 2, 3
      HAVING sum(awards) <> 0 OR sum(individual) <> 0 OR sum(leaders) <> 0`);
    await q.query(`
      INSERT INTO award_campaign_rollup (unit_id, campaign_id, year, awards)
      SELECT unit_id, campaign_id, year, sum(awards)
        FROM award_tally WHERE campaign_id IS NOT NULL GROUP BY 1, 2, 3
      HAVING sum(awards) <> 0`);
    await q.query(`
      INSERT INTO achievement_rollup (unit_id, year, verified, advanced)
      SELECT unit_id, year, sum(verified), sum(advanced)
        FROM achievement_tally GROUP BY 1, 2
      HAVING sum(verified) <> 0 OR sum(advanced) <> 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of ROLLUP_TRIGGERS) {
      await q.query(`DROP TRIGGER ${name} ON ${table}`);
      await q.query(`DROP FUNCTION ${name}()`);
    }
    await q.query(`DROP INDEX award_tally_unit_campaign`);
    await q.query(`DROP TABLE achievement_rollup`);
    await q.query(`DROP TABLE award_campaign_rollup`);
    await q.query(`DROP TABLE award_rollup`);
  }
}

const ROLLUP_TRIGGERS: [table: string, name: string, definition: string][] = [
  ['award_tally', 'award_rollup_insert', 'AFTER INSERT ON award_tally REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['award_tally', 'award_rollup_update', 'AFTER UPDATE ON award_tally REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['award_tally', 'award_rollup_delete', 'AFTER DELETE ON award_tally REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'],
  ['award_tally', 'award_rollup_truncate', 'AFTER TRUNCATE ON award_tally FOR EACH STATEMENT'],
  ['achievement_tally', 'achievement_rollup_insert', 'AFTER INSERT ON achievement_tally REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['achievement_tally', 'achievement_rollup_update', 'AFTER UPDATE ON achievement_tally REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['achievement_tally', 'achievement_rollup_delete', 'AFTER DELETE ON achievement_tally REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'],
  ['achievement_tally', 'achievement_rollup_truncate', 'AFTER TRUNCATE ON achievement_tally FOR EACH STATEMENT'],
]; // prettier-ignore
