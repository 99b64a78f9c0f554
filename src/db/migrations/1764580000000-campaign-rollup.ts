import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  createStatementTrigger,
  dropStatementTrigger,
  TRIGGER_EVENTS,
  type TriggerEvent,
} from './statement-triggers';

/** The figures a campaign_rollup row carries, in column order. */
const FIGURES = ['pledges', 'organized', 'verified', 'advanced', 'awards'] as const;
type Figure = (typeof FIGURES)[number];

/** The statements a source's triggers follow. */

/**
 * Every per-campaign figure of a unit's subtree in one row, summed over
 * years, so that a dashboard without a year filter lists its campaigns from
 * one index range of one table, with no aggregation.
 *
 * Before, the campaign list summed three tallies per request: `campaign_tally`
 * (pledges, organizer), `achievement_tally` (by year and campaign) and
 * `award_campaign_rollup` (by campaign and year): at national scale 2,000 +
 * 4,558 + 4,558 rows of the root, grouped by campaign (13–34 ms of
 * PostgreSQL per dashboard). `campaign_rollup` holds, per (unit, campaign),
 * `pledges` and `organized` (as campaign_tally), `verified` and `advanced`
 * (achievement_tally's campaign rows summed over years) and `awards`
 * (award_campaign_rollup summed over years). A dashboard with a year filter
 * still reads the yearly tallies.
 *
 * It is kept from those tallies, the way DashboardRollups keeps its rollups
 * from the tallies: statement-level triggers add the difference between a
 * statement's new and old rows (one grouped upsert, in key order), so every
 * path that changes them (awards, achievements, pledges and campaigns
 * written, a leader's post, a unit moving, the rebuild, a bulk load) keeps it
 * exact in the same transaction, with no second copy of their rules: on
 * `campaign_tally` and `achievement_tally` its own triggers; for awards, the
 * hot write path, the statement triggers of `award_tally` that already keep
 * `award_campaign_rollup` (DashboardRollups' award_rollup_insert, _update and
 * _delete, redefined here) add the same rows summed over years, which costs
 * one upsert per award statement instead of another level of triggers.
 * Enabled ALWAYS, so bulk loads under session_replication_role = replica keep
 * it too. A truncated tally zeroes only its own figures.
 */
export class CampaignRollup1764580000000 implements MigrationInterface {
  name = 'CampaignRollup1764580000000';

  async up(q: QueryRunner): Promise<void> {
    // No writer may change a source between the backfill and the triggers. award_tally first: an award
    // write blocked later, inside award_tally's triggers, would finish with their old bodies.
    await q.query(
      `LOCK TABLE award_tally, campaign_tally, achievement_tally, award_campaign_rollup IN SHARE ROW EXCLUSIVE MODE`,
    );
    await q.query(`
      CREATE TABLE campaign_rollup (
        unit_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        pledges int NOT NULL,
        organized int NOT NULL,
        verified int NOT NULL,
        advanced int NOT NULL,
        awards int NOT NULL
      )`);
    // Set-based, then the index built once over the loaded rows (faster than
    // inserting 10^6 rows into a btree).
    await q.query(`
      INSERT INTO campaign_rollup (unit_id, campaign_id, ${FIGURES.join(', ')})
      SELECT s.unit_id, s.campaign_id, ${FIGURES.map((f) => `sum(s.${f})`).join(', ')}
        FROM (${SOURCES.map((source) => figuresOf(source.table, source, 1, source.where)).join(
          ' UNION ALL ',
        )}) s
       GROUP BY 1, 2
      HAVING ${FIGURES.map((f) => `sum(s.${f}) <> 0`).join(' OR ')}`);
    await q.query(`
      ALTER TABLE campaign_rollup
        ADD PRIMARY KEY (unit_id, campaign_id) INCLUDE (${FIGURES.join(', ')})`);

    for (const source of SOURCES) {
      const rows = (name: string, sign: number) => figuresOf(name, source, sign, source.where);
      const bodies: Record<TriggerEvent, string> = {
        insert: upsert(rows('new_rows', 1)),
        update: upsert(`${rows('new_rows', 1)} UNION ALL ${rows('old_rows', -1)}`),
        delete: upsert(rows('old_rows', -1)),
        truncate: zero(source.figures),
      };
      for (const event of source.chained ? TRIGGER_EVENTS : (['truncate'] as const)) {
        const name = `campaign_rollup_${source.short}_${event}`;
        await createStatementTrigger(q, source.table, event, name, bodies[event]);
      }
    }
    for (const [name, changes] of AWARD_ROLLUP) {
      await q.query(replaceFunction(name, awardRollup(changes) + awardCampaigns(changes)));
    }
    await q.query(`ANALYZE campaign_rollup`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name, changes] of AWARD_ROLLUP) {
      await q.query(replaceFunction(name, awardRollup(changes)));
    }
    for (const source of SOURCES) {
      for (const event of source.chained ? TRIGGER_EVENTS : (['truncate'] as const)) {
        await dropStatementTrigger(q, source.table, `campaign_rollup_${source.short}_${event}`);
      }
    }
    await q.query(`DROP TABLE campaign_rollup`);
  }
}

/** A tally campaign_rollup is kept from: which figures it gives, from which of its columns. */
interface Source {
  table: string;
  /** Short name for the trigger functions. */
  short: string;
  figures: Partial<Record<Figure, string>>;
  /** Rows that concern a campaign. */
  where?: string;
  /**
   * Kept by the tally's own triggers (false: by award_tally's, see
   * AWARD_ROLLUP); a truncate is followed either way.
   */
  chained: boolean;
}

const SOURCES: Source[] = [
  {
    table: 'campaign_tally',
    short: 'pledges',
    figures: { pledges: 'pledges', organized: 'organized' },
    chained: true,
  },
  {
    table: 'achievement_tally',
    short: 'achievements',
    figures: { verified: 'verified', advanced: 'advanced' },
    where: 'campaign_id IS NOT NULL',
    chained: true,
  },
  {
    table: 'award_campaign_rollup',
    short: 'awards',
    figures: { awards: 'awards' },
    chained: false,
  },
];

/** Rows of `rows` (a table or transition table of `source`) as signed figures. */
function figuresOf(rows: string, source: Source, sign: number, where?: string): string {
  const values = FIGURES.map((f) => {
    const column = source.figures[f];
    return column ? `${sign} * r.${column} AS ${f}` : `0 AS ${f}`;
  });
  return `SELECT r.unit_id, r.campaign_id, ${values.join(', ')} FROM ${rows} r${where ? ` WHERE r.${where}` : ''}`;
}

/** Adds a statement's signed figures to campaign_rollup: one grouped upsert in key order. */
function upsert(changes: string): string {
  return `
    INSERT INTO campaign_rollup AS t (unit_id, campaign_id, ${FIGURES.join(', ')})
    SELECT c.unit_id, c.campaign_id, ${FIGURES.map((f) => `sum(c.${f})`).join(', ')}
      FROM (${changes}) c
     GROUP BY 1, 2
    HAVING ${FIGURES.map((f) => `sum(c.${f}) <> 0`).join(' OR ')}
     ORDER BY 1, 2
    ON CONFLICT (unit_id, campaign_id)
    DO UPDATE SET ${FIGURES.map((f) => `${f} = t.${f} + excluded.${f}`).join(', ')};`;
}

/** A source emptied: its figures go to 0, and rows left with no figure at all go. */
function zero(figures: Source['figures']): string {
  const own = FIGURES.filter((f) => figures[f]);
  const others = FIGURES.filter((f) => !figures[f]);
  return `
    DELETE FROM campaign_rollup WHERE ${others.map((f) => `${f} = 0`).join(' AND ')};
    UPDATE campaign_rollup SET ${own.map((f) => `${f} = 0`).join(', ')}
     WHERE ${own.map((f) => `${f} <> 0`).join(' OR ')};`;
}

// ------------------------------------------------------------------ awards
// award_tally rows as signed changes, as DashboardRollups' trigger functions read them.
const awardRows = (rows: string, sign: number) =>
  `SELECT r.unit_id, r.type_id, r.year, r.campaign_id, r.awards, r.individual, r.leaders,
          ${sign} AS sign FROM ${rows} r`;

/** DashboardRollups' award_tally trigger functions, each with the changes it reads. */
const AWARD_ROLLUP: [name: string, changes: string][] = [
  ['award_rollup_insert', awardRows('new_rows', 1)],
  ['award_rollup_update', `${awardRows('new_rows', 1)} UNION ALL ${awardRows('old_rows', -1)}`],
  ['award_rollup_delete', awardRows('old_rows', -1)],
];

/** What DashboardRollups' award_rollup_* functions do (its SQL, unchanged). */
function awardRollup(changes: string): string {
  return `
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
}

/** The same award changes added to campaign_rollup, summed over types and years. */
function awardCampaigns(changes: string): string {
  return upsert(`
    SELECT c.unit_id, c.campaign_id, 0 AS pledges, 0 AS organized, 0 AS verified, 0 AS advanced,
           c.sign * c.awards AS awards
      FROM (${changes}) c WHERE c.campaign_id IS NOT NULL`);
}

function replaceFunction(name: string, body: string): string {
  return `
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body}
      RETURN NULL;
    END $$`;
}
