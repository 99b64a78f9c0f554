import type { DataSource } from 'typeorm';
import { parseOptionalId } from '../../common/ids';
import { entityRows, type EntityRows } from '../../common/rows';
import type { ServiceDeps } from '../../common/services';
import { queryPrepared } from '../../common/prepared';
import { compile, sql, type SqlFragment } from '../../common/sql';
import { checkYear } from '../../common/validate';
import { BadInputError, NotFoundError } from '../../errors';
import { msg } from '../../i18n/i18n';
import { Campaign } from '../campaigns/campaign.entity';
import { Unit } from '../units/unit.entity';
import type { DashboardFilter } from './dashboard.inputs';
import type { CampaignStats, DashboardScope } from './dashboard.types';

/** The most units topUnits returns. */
export const MAX_TOP_UNITS = 100;

/** Counts of the scope that one statement computes. */
export interface ScopeCounts {
  units: number;
  people: number;
  activeCampaigns: number;
  achievements: number;
  advancedModels: number;
}

/** A campaign's counts, as campaignStats reads them beside the campaign's row. */
interface CampaignCounts {
  registered_units: number;
  achievements: number;
  advanced_models: number;
  awards: number;
}

/** The award aggregates one statement computes. */
export interface AwardSummary {
  total: number;
  leaderShare: number;
  byType: { awardTypeId: string; count: number }[];
  byYear: { year: number; count: number }[];
}

/**
 * Dashboard aggregates, each computed by SQL in the database (never by
 * loading rows). Awards and achievements are read from tallies that
 * triggers keep exact in the writing transaction: per unit, the counts of
 * its whole subtree. Without a campaign filter they come from the rollups
 * (`award_rollup` by type and year, `achievement_rollup` by year: at most
 * types × years rows per unit, whatever the number of awards or campaigns;
 * migration DashboardRollups); with one, from `award_tally` and
 * `achievement_tally`, which are also keyed by campaign (migration
 * DashboardTallies); per-campaign figures from `campaign_rollup` (summed
 * over years; migration CampaignRollup), or with years from
 * `award_campaign_rollup` and `achievement_tally`. A dashboard of any unit
 * reads only that unit's rows; `people_tally` does the same for headcounts,
 * `unit_tally` for units (migration UnitTally), and `campaign_tally` for
 * the campaigns that concern a subtree and its pledges (migration
 * CampaignTally).
 */
export class DashboardService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /**
   * Runs one of the dashboard's statements, as a named prepared statement
   * once its text is hot: each connection parses and plans it once, not on
   * every dashboard (1–5 ms of PostgreSQL's planning per statement at
   * national scale).
   */
  private run<Row = Record<string, unknown>>(statement: SqlFragment): Promise<Row[]> {
    return queryPrepared<Row>(this.dataSource, compile(statement));
  }

  /**
   * Checks a filter and resolves it to a scope. BAD_USER_INPUT for malformed
   * ids, implausible years or fromYear after toYear; NOT_FOUND for an
   * unknown unit or campaign.
   */
  async scope(filter: DashboardFilter | null | undefined): Promise<DashboardScope> {
    const unitId = parseOptionalId(filter?.unitId, 'filter.unitId');
    const campaignId = parseOptionalId(filter?.campaignId, 'filter.campaignId') ?? null;
    const fromYear = filter?.fromYear ?? null;
    const toYear = filter?.toYear ?? null;
    if (fromYear !== null) checkYear(fromYear, 'filter.fromYear');
    if (toYear !== null) checkYear(toYear, 'filter.toYear');
    if (fromYear !== null && toYear !== null && fromYear > toYear) {
      throw new BadInputError(msg('dashboard.yearsReversed'), {
        field: 'filter.fromYear',
      });
    }
    let unit: DashboardScope['unit'] = null;
    if (unitId) {
      const row = await this.dataSource.getRepository(Unit).findOneBy({ id: unitId });
      if (!row) throw new NotFoundError('Unit', unitId);
      unit = { id: row.id, path: row.path, depth: row.depth };
    }
    if (campaignId && !(await this.dataSource.getRepository(Campaign).existsBy({ id: campaignId })))
      throw new NotFoundError('Campaign', campaignId);
    return { unit, fromYear, toYear, campaignId };
  }

  /**
   * units and people of the subtree (years and campaign do not apply: they
   * are structure, not activity); VERIFIED achievements and advanced models
   * held in the subtree, achieved in the years, of the campaign; LAUNCHED
   * campaigns in scope (see campaignScope). One statement.
   */
  async counts(scope: DashboardScope): Promise<ScopeCounts> {
    const [row] = await this.run<ScopeCounts>(sql`
      SELECT (SELECT coalesce(sum(u.units), 0) FROM unit_tally u
               WHERE ${scopeUnits(scope, 'u')})::int AS units,
             (SELECT coalesce(sum(p.people), 0) FROM people_tally p
               WHERE ${scopeUnits(scope, 'p')})::int AS people,
             (SELECT count(*) FROM campaign c
               WHERE c.status = 'LAUNCHED' AND ${campaignScope(scope)})::int AS "activeCampaigns",
             h.achievements, h."advancedModels"
        FROM (SELECT coalesce(sum(h.verified), 0)::int AS achievements,
                     coalesce(sum(h.advanced), 0)::int AS "advancedModels"
                FROM ${achievementTally(scope)} h WHERE ${activity(scope, 'h')}) h`);
    return row;
  }

  /**
   * APPROVED or ANNOUNCED awards to recipients in the subtree (the unit
   * itself, its subunits, people of them), of the years and the campaign:
   * the total, by type (most first), by year (oldest first), and the share
   * of individual awards that went to people holding leadership posts (0
   * when there are none). One pass over the scope unit's tally rows,
   * grouped three ways.
   */
  async awardSummary(scope: DashboardScope): Promise<AwardSummary> {
    const rows = await this.run<{
      by_type_off: number;
      by_year_off: number;
      type_id: string | null;
      year: number | null;
      n: number;
      leader_share: number;
    }>(sql`
      WITH grouped AS (
        SELECT grouping(a.type_id) AS by_type_off, grouping(a.year) AS by_year_off, a.type_id, a.year,
               coalesce(sum(a.awards), 0)::int AS n,
               coalesce(sum(a.individual), 0)::int AS individual,
               coalesce(sum(a.leaders), 0)::int AS leaders
          FROM ${awardTally(scope)} a
         WHERE ${activity(scope, 'a')}
         GROUP BY GROUPING SETS ((a.type_id), (a.year), ())
      )
      SELECT g.by_type_off, g.by_year_off, g.type_id, g.year, g.n,
             coalesce(g.leaders::float8 / nullif(g.individual, 0), 0) AS leader_share
        FROM grouped g LEFT JOIN award_type t ON t.id = g.type_id
       WHERE g.n > 0 OR (g.by_type_off = 1 AND g.by_year_off = 1)
       ORDER BY g.by_type_off, g.by_year_off, g.n DESC, t.sort_order, t.code, g.year`);
    const summary: AwardSummary = { total: 0, leaderShare: 0, byType: [], byYear: [] };
    for (const row of rows) {
      if (row.type_id !== null && row.by_type_off === 0) {
        summary.byType.push({ awardTypeId: row.type_id, count: row.n });
      } else if (row.year !== null && row.by_year_off === 0) {
        summary.byYear.push({ year: row.year, count: row.n });
      } else {
        summary.total = row.n;
        summary.leaderShare = Number(row.leader_share);
      }
    }
    summary.byYear.sort((a, b) => a.year - b.year);
    return summary;
  }

  /**
   * The units whose subtree received the most counted awards, most first
   * (ties by code). The candidates are the children of the filter unit;
   * without a unit filter, the children of the root when the tree has one
   * root, else the roots. Awards to the filter unit itself and to its own
   * people count in `awards` but in no row here.
   */
  async topUnits(
    scope: DashboardScope,
    limit: number,
  ): Promise<{ unitId: string; count: number }[]> {
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_TOP_UNITS)
      throw new BadInputError(msg('dashboard.limitRange', { max: MAX_TOP_UNITS }), {
        field: 'limit',
      });
    if (limit === 0) return [];
    let parent: SqlFragment;
    if (scope.unit) {
      parent = sql`parent_id = ${scope.unit.id}`;
    } else {
      const roots = await this.run<{ id: string }>(
        sql`SELECT id FROM unit WHERE parent_id IS NULL LIMIT 2`,
      );
      parent = roots.length === 1 ? sql`parent_id = ${roots[0]?.id}` : sql`parent_id IS NULL`;
    }
    const candidates = sql`a.unit_id IN (SELECT id FROM unit WHERE ${parent})`;
    return this.run(sql`
      SELECT a.unit_id AS "unitId", sum(a.awards)::int AS count
        FROM ${awardTally(scope)} a JOIN unit c ON c.id = a.unit_id
       WHERE ${activity(scope, 'a', candidates)}
       GROUP BY a.unit_id, c.code
      HAVING sum(a.awards) > 0
       ORDER BY count DESC, c.code
       LIMIT ${limit}`);
  }

  /**
   * One row per campaign in scope (see campaignScope; any status), newest
   * period first: the scope's units that pledged (whatever the years), and
   * the campaign's VERIFIED achievements, advanced models and counted awards
   * in the subtree and years. Without years, every figure comes from the
   * scope unit's rows of `campaign_rollup` (summed over years; migration
   * CampaignRollup), one index range; with years, from the yearly tallies.
   */
  async campaignStats(
    scope: DashboardScope,
    campaigns: EntityRows<Campaign> = entityRows(this.dataSource, Campaign),
  ): Promise<CampaignStats[]> {
    const rows = await this.run<CampaignCounts & Record<string, unknown>>(
      scope.fromYear === null && scope.toYear === null
        ? campaignsOverAllYears(scope, campaigns.columns('c'))
        : campaignsOfYears(scope, campaigns.columns('c')),
    );
    return rows.map((row) => ({
      campaign: campaigns.hydrate(row),
      registeredUnits: row.registered_units,
      achievements: row.achievements,
      advancedModels: row.advanced_models,
      awards: row.awards,
    }));
  }
}

/**
 * The campaign list of a scope without years, from `campaign_rollup`: with a
 * unit, the unit's rows that pledged or organized (the campaigns in its
 * scope) joined to their campaigns; without, every campaign with the roots'
 * rows (summed, for a forest of several roots).
 */
function campaignsOverAllYears(scope: DashboardScope, columns: SqlFragment): SqlFragment {
  const figures = sql`coalesce(r.pledges, 0) AS registered_units,
             coalesce(r.verified, 0) AS achievements,
             coalesce(r.advanced, 0) AS advanced_models,
             coalesce(r.awards, 0) AS awards`;
  const campaign = scope.campaignId && sql`c.id = ${scope.campaignId}`;
  if (scope.unit) {
    const inScope = sql`r.unit_id = ${scope.unit.id} AND (r.pledges > 0 OR r.organized > 0)`;
    return sql`
      SELECT ${columns}, ${figures}
        FROM campaign_rollup r JOIN campaign c ON c.id = r.campaign_id
       WHERE ${sql.and(inScope, campaign)}
       ORDER BY c.starts_on DESC, c.id DESC`;
  }
  return sql`
      WITH r AS (
        SELECT r.campaign_id, sum(r.pledges)::int AS pledges, sum(r.verified)::int AS verified,
               sum(r.advanced)::int AS advanced, sum(r.awards)::int AS awards
          FROM campaign_rollup r WHERE ${scopeUnits(scope, 'r')} GROUP BY 1
      )
      SELECT ${columns}, ${figures}
        FROM campaign c LEFT JOIN r ON r.campaign_id = c.id
       WHERE ${sql.and(campaign)}
       ORDER BY c.starts_on DESC, c.id DESC`;
}

/** The campaign list of a scope with years, from the yearly tallies. */
function campaignsOfYears(scope: DashboardScope, columns: SqlFragment): SqlFragment {
  return sql`
      WITH pledges AS (
        SELECT p.campaign_id, sum(p.pledges)::int AS n
          FROM campaign_tally p WHERE ${scopeUnits(scope, 'p')} GROUP BY 1
      ), achieved AS (
        SELECT h.campaign_id, sum(h.verified)::int AS verified, sum(h.advanced)::int AS advanced
          FROM achievement_tally h WHERE h.campaign_id IS NOT NULL AND ${activity(scope, 'h')}
         GROUP BY 1
      ), awarded AS (
        SELECT a.campaign_id, sum(a.awards)::int AS n
          FROM award_campaign_rollup a WHERE ${activity(scope, 'a')} GROUP BY 1
      )
      SELECT ${columns},
             coalesce(p.n, 0) AS registered_units,
             coalesce(h.verified, 0) AS achievements,
             coalesce(h.advanced, 0) AS advanced_models,
             coalesce(a.n, 0) AS awards
        FROM campaign c
        LEFT JOIN pledges p ON p.campaign_id = c.id
        LEFT JOIN achieved h ON h.campaign_id = c.id
        LEFT JOIN awarded a ON a.campaign_id = c.id
       WHERE ${campaignScope(scope)}
       ORDER BY c.starts_on DESC, c.id DESC`;
}

/**
 * The award tallies to read for a scope: by (unit, type, year) summed over
 * campaigns, unless the scope is one campaign's.
 */
function awardTally(scope: DashboardScope): SqlFragment {
  return scope.campaignId ? sql`award_tally` : sql`award_rollup`;
}

/** The achievement tallies to read: by (unit, year) unless the scope is one campaign's. */
function achievementTally(scope: DashboardScope): SqlFragment {
  return scope.campaignId ? sql`achievement_tally` : sql`achievement_rollup`;
}

/**
 * The tally rows (alias `t`) that stand for the whole scope: the filter
 * unit's own rows (its subtree's counts), or without a unit filter those
 * of the roots.
 */
function scopeUnits(scope: DashboardScope, t: string): SqlFragment {
  return scope.unit
    ? sql`${sql.ident(t)}.unit_id = ${scope.unit.id}`
    : sql`${sql.ident(t)}.unit_id IN (SELECT id FROM unit WHERE parent_id IS NULL)`;
}

/**
 * The tally rows of alias `t` for the scope: `units` (by default the whole
 * scope, see scopeUnits) narrowed to the scope's years and campaign.
 */
function activity(
  scope: DashboardScope,
  t: string,
  units: SqlFragment = scopeUnits(scope, t),
): SqlFragment {
  const alias = sql.ident(t);
  return sql.and(
    units,
    scope.fromYear !== null && sql`${alias}.year >= ${scope.fromYear}`,
    scope.toYear !== null && sql`${alias}.year <= ${scope.toYear}`,
    scope.campaignId && sql`${alias}.campaign_id = ${scope.campaignId}`,
  );
}

/**
 * The campaigns a scope concerns, on alias `c`: with a unit filter, those
 * organised by a unit of the subtree or pledged to by one (the filter unit's
 * rows of campaign_tally); whose period overlaps the years; the filter
 * campaign only, when given.
 */
function campaignScope(scope: DashboardScope): SqlFragment {
  return sql.and(
    scope.campaignId && sql`c.id = ${scope.campaignId}`,
    scope.fromYear !== null && sql`c.ends_on >= make_date(${scope.fromYear}, 1, 1)`,
    scope.toYear !== null && sql`c.starts_on <= make_date(${scope.toYear}, 12, 31)`,
    scope.unit &&
      sql`c.id IN (SELECT s.campaign_id FROM campaign_tally s
                    WHERE s.unit_id = ${scope.unit.id} AND (s.pledges > 0 OR s.organized > 0))`,
  );
}
