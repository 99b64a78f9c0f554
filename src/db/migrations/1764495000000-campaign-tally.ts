import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ids of a unit's path, root first, ending with the unit itself: its ancestors-or-self. */
const ANCESTORS = (unit: string) =>
  `unnest(string_to_array(trim(both '/' from ${unit}.path), '/')::uuid[])`;

/**
 * A per-unit tally of the campaigns that concern the unit's subtree, so that
 * the dashboard's campaign figures no longer count pledges row by row.
 *
 * `campaign_tally` holds, per (unit, campaign), `pledges`: the units of the
 * unit's subtree (the unit included) that pledged to the campaign, and
 * `organized`: 1 when the campaign's organizer is in that subtree, else 0. A
 * campaign is in a unit's dashboard scope when either is above 0, and its
 * `registeredUnits` is `pledges`. A dashboard reads only its unit's rows (at
 * most one per campaign that concerns it, from the primary key's index alone:
 * it carries the counts) instead of scanning every pledge (492,372 at
 * national scale, 180 ms per dashboard).
 *
 * Kept exact in the writing transaction, the way DashboardTallies keeps the
 * award tallies:
 * - statement-level triggers on `campaign_registration` and `campaign` add
 *   each statement's new rows and take away its old ones (rows whose keys did
 *   not change cancel out and are skipped), one grouped upsert in key order;
 *   enabled ALWAYS, so that bulk loads under session_replication_role =
 *   replica keep it too;
 * - the pledging or organizing unit is read under FOR SHARE, so a unit move
 *   cannot interleave; a move shifts the moved unit's rows from the ancestors
 *   it leaves to those it joins (a row trigger on `unit`, beside
 *   tally_unit_moved);
 * - `rebuild_dashboard_tallies()` now also rebuilds it; the function it
 *   replaces is kept as `rebuild_subtree_tallies()` and called first.
 */
export class CampaignTally1764495000000 implements MigrationInterface {
  name = 'CampaignTally1764495000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_tally (
        unit_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        pledges int NOT NULL,
        organized int NOT NULL,
        PRIMARY KEY (unit_id, campaign_id) INCLUDE (pledges, organized)
      )`);

    // `changes` is a set of (unit_id, campaign_id, sign): a pledge or an
    // organizer that comes (+1) or goes (-1), added to `column` of every
    // ancestor-or-self of the unit.
    const apply = (changes: string, column: 'pledges' | 'organized') => `
      PERFORM 1 FROM unit u
        WHERE u.id IN (SELECT c.unit_id FROM (${changes}) c) ORDER BY u.id FOR SHARE;
      INSERT INTO campaign_tally AS t (unit_id, campaign_id, pledges, organized)
      SELECT k.unit_id, c.campaign_id,
             ${column === 'pledges' ? 'sum(c.sign), 0' : '0, sum(c.sign)'}
        FROM (${changes}) c
        JOIN unit u ON u.id = c.unit_id
        CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
       GROUP BY 1, 2
      HAVING sum(c.sign) <> 0
       ORDER BY 1, 2
      ON CONFLICT (unit_id, campaign_id) DO UPDATE SET ${column} = t.${column} + excluded.${column};`;
    // The rows of `rows` as changes, `unit` naming their unit column.
    const rowsOf = (rows: string, unit: string, campaign: string, sign: number) =>
      `SELECT r.${unit} AS unit_id, r.${campaign} AS campaign_id, ${sign} AS sign FROM ${rows} r`;
    // An update's changes: new rows in, old rows out, except rows whose
    // (id, unit, campaign) stayed the same (a campaign launched, a pledge's text edited).
    const updated = (unit: string, campaign: string) => {
      const same = (a: string, b: string) =>
        `${a}.id = ${b}.id AND ${a}.${unit} = ${b}.${unit} AND ${a}.${campaign} = ${b}.${campaign}`;
      return `${rowsOf('new_rows', unit, campaign, 1)}
               WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE ${same('o', 'r')})
              UNION ALL
              ${rowsOf('old_rows', unit, campaign, -1)}
               WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE ${same('n', 'r')})`;
    };

    const functions: [name: string, body: string][] = [
      [
        'campaign_tally_pledge_insert',
        apply(rowsOf('new_rows', 'unit_id', 'campaign_id', 1), 'pledges'),
      ],
      [
        'campaign_tally_pledge_delete',
        apply(rowsOf('old_rows', 'unit_id', 'campaign_id', -1), 'pledges'),
      ],
      ['campaign_tally_pledge_update', apply(updated('unit_id', 'campaign_id'), 'pledges')],
      [
        'campaign_tally_pledge_truncate',
        `DELETE FROM campaign_tally WHERE organized = 0;
         UPDATE campaign_tally SET pledges = 0 WHERE pledges <> 0;`,
      ],
      [
        'campaign_tally_campaign_insert',
        apply(rowsOf('new_rows', 'organizer_id', 'id', 1), 'organized'),
      ],
      [
        'campaign_tally_campaign_delete',
        apply(rowsOf('old_rows', 'organizer_id', 'id', -1), 'organized'),
      ],
      ['campaign_tally_campaign_update', apply(updated('organizer_id', 'id'), 'organized')],
      // Pledges cannot outlive their campaigns (foreign key): the whole tally goes.
      ['campaign_tally_campaign_truncate', 'TRUNCATE campaign_tally;'],
      // A unit moves: its subtree's rows leave the ancestors it no longer has
      // and join the new ones. Parents' paths do not change in a move (a unit
      // cannot move under its own subtree), so they give the old and new chains.
      [
        'campaign_tally_unit_moved',
        `
        old_chain := coalesce((SELECT string_to_array(trim(both '/' from p.path), '/')::uuid[]
                                 FROM unit p WHERE p.id = OLD.parent_id), '{}');
        new_chain := coalesce((SELECT string_to_array(trim(both '/' from p.path), '/')::uuid[]
                                 FROM unit p WHERE p.id = NEW.parent_id), '{}');
        INSERT INTO campaign_tally AS t (unit_id, campaign_id, pledges, organized)
        SELECT m.unit_id, s.campaign_id, m.sign * s.pledges, m.sign * s.organized
          FROM (SELECT a AS unit_id, -1 AS sign FROM unnest(old_chain) a WHERE a <> ALL (new_chain)
                UNION ALL
                SELECT a, 1 FROM unnest(new_chain) a WHERE a <> ALL (old_chain)) m
          JOIN campaign_tally s ON s.unit_id = NEW.id
         WHERE s.pledges <> 0 OR s.organized <> 0
         ORDER BY 1, 2
        ON CONFLICT (unit_id, campaign_id)
        DO UPDATE SET pledges = t.pledges + excluded.pledges,
                      organized = t.organized + excluded.organized;`,
      ],
    ];
    for (const [name, body] of functions) {
      const declare =
        name === 'campaign_tally_unit_moved' ? 'DECLARE old_chain uuid[]; new_chain uuid[];' : '';
      await q.query(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        ${declare}
        BEGIN
          ${body}
          RETURN NULL;
        END $$`);
    }
    for (const [table, name, definition] of TRIGGERS) {
      await q.query(`CREATE TRIGGER ${name} ${definition} EXECUTE FUNCTION ${name}()`);
      await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${name}`);
    }

    // The rebuild covers the new tally too; the old function does the rest.
    await q.query(`ALTER FUNCTION rebuild_dashboard_tallies() RENAME TO rebuild_subtree_tallies`);
    await q.query(`
      CREATE FUNCTION rebuild_dashboard_tallies() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE unit, person, award, achievement, campaign, campaign_registration IN SHARE MODE;
        PERFORM rebuild_subtree_tallies();
        TRUNCATE campaign_tally;
        ${REBUILD_CAMPAIGN_TALLY}
      END $$`);
    await q.query(REBUILD_CAMPAIGN_TALLY);
    await q.query(`ANALYZE campaign_tally`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rebuild_dashboard_tallies()`);
    await q.query(`ALTER FUNCTION rebuild_subtree_tallies() RENAME TO rebuild_dashboard_tallies`);
    for (const [table, name] of TRIGGERS) {
      await q.query(`DROP TRIGGER ${name} ON ${table}`);
      await q.query(`DROP FUNCTION ${name}()`);
    }
    await q.query(`DROP TABLE campaign_tally`);
  }
}

/** Fills an empty campaign_tally from the pledges and the campaigns' organizers. */
const REBUILD_CAMPAIGN_TALLY = `
  INSERT INTO campaign_tally (unit_id, campaign_id, pledges, organized)
  SELECT k.unit_id, c.campaign_id, sum(c.pledges), sum(c.organized)
    FROM (SELECT r.unit_id, r.campaign_id, 1 AS pledges, 0 AS organized FROM campaign_registration r
          UNION ALL
          SELECT g.organizer_id, g.id, 0, 1 FROM campaign g) c
    JOIN unit u ON u.id = c.unit_id
    CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
   GROUP BY 1, 2;`;

const TRIGGERS: [table: string, name: string, definition: string][] = [
  ['campaign_registration', 'campaign_tally_pledge_insert', 'AFTER INSERT ON campaign_registration REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['campaign_registration', 'campaign_tally_pledge_update', 'AFTER UPDATE ON campaign_registration REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['campaign_registration', 'campaign_tally_pledge_delete', 'AFTER DELETE ON campaign_registration REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'],
  ['campaign_registration', 'campaign_tally_pledge_truncate', 'AFTER TRUNCATE ON campaign_registration FOR EACH STATEMENT'],
  ['campaign', 'campaign_tally_campaign_insert', 'AFTER INSERT ON campaign REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['campaign', 'campaign_tally_campaign_update', 'AFTER UPDATE ON campaign REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'],
  ['campaign', 'campaign_tally_campaign_delete', 'AFTER DELETE ON campaign REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'],
  ['campaign', 'campaign_tally_campaign_truncate', 'AFTER TRUNCATE ON campaign FOR EACH STATEMENT'],
  ['unit', 'campaign_tally_unit_moved', 'AFTER UPDATE OF parent_id ON unit FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)'],
]; // prettier-ignore
