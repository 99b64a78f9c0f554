import type { DataSource } from 'typeorm';
import { parseOptionalId } from '../../common/ids';
import type { ServiceDeps } from '../../common/services';
import { checkYear } from '../../common/validate';
import { BadInputError, NotFoundError } from '../../errors';
import { Campaign, type CampaignKind, type CampaignStatus } from '../campaigns/campaign.entity';
import { Unit } from '../units/unit.entity';
import type { DashboardFilter } from './dashboard.inputs';
import type { CampaignStats, DashboardScope } from './dashboard.types';

/** The most units topUnits returns. */
export const MAX_TOP_UNITS = 100;

/** Collects positional parameters while a statement is written. */
class Params {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Counts of the scope that one statement computes. */
export interface ScopeCounts {
  units: number;
  people: number;
  activeCampaigns: number;
  achievements: number;
  advancedModels: number;
}

/** A campaign's row and its counts, as campaignStats reads them. */
interface CampaignStatsRow {
  id: string;
  code: string;
  name: string;
  theme: string | null;
  description: string | null;
  kind: CampaignKind;
  status: CampaignStatus;
  starts_on: string;
  ends_on: string;
  organizer_id: string;
  launched_at: Date | null;
  launched_at_conference_id: string | null;
  closed_at: Date | null;
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
 * loading rows). Awards and achievements are read from `award_tally` and
 * `achievement_tally`: per unit, the counts of its whole subtree by type,
 * year and campaign, which triggers keep exact in the writing transaction
 * (see the migration DashboardTallies). A dashboard of any unit reads only
 * that unit's tally rows, so its cost does not grow with the number of
 * awards; `people_tally` does the same for headcounts. Units and pledges
 * are counted from their tables through the indexed unit path
 * (`path LIKE 'prefix%'`).
 */
export class DashboardService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
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
      throw new BadInputError('filter.fromYear must not be after filter.toYear', {
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
    const params = new Params();
    const subtree = scope.unit ? params.add(`${scope.unit.path}%`) : null;
    const units = subtree ? `WHERE u.path LIKE ${subtree}` : '';
    const people = this.scopeUnits(scope, params, 'p');
    const achievements = this.activity(scope, params, 'h', this.scopeUnits(scope, params, 'h'));
    const campaigns = this.campaignScope(scope, params, subtree, 'c');
    const sql = `
      SELECT (SELECT count(*) FROM unit u ${units})::int AS units,
             (SELECT coalesce(sum(p.people), 0) FROM people_tally p WHERE ${people})::int AS people,
             (SELECT count(*) FROM campaign c
               WHERE c.status = 'LAUNCHED' AND ${campaigns})::int AS "activeCampaigns",
             h.achievements, h."advancedModels"
        FROM (SELECT coalesce(sum(h.verified), 0)::int AS achievements,
                     coalesce(sum(h.advanced), 0)::int AS "advancedModels"
                FROM achievement_tally h WHERE ${achievements}) h`;
    const [row] = await this.dataSource.query(sql, params.values);
    return row as ScopeCounts;
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
    const params = new Params();
    const where = this.activity(scope, params, 'a', this.scopeUnits(scope, params, 'a'));
    const sql = `
      WITH grouped AS (
        SELECT grouping(a.type_id) AS by_type_off, grouping(a.year) AS by_year_off, a.type_id, a.year,
               coalesce(sum(a.awards), 0)::int AS n,
               coalesce(sum(a.individual), 0)::int AS individual,
               coalesce(sum(a.leaders), 0)::int AS leaders
          FROM award_tally a
         WHERE ${where}
         GROUP BY GROUPING SETS ((a.type_id), (a.year), ())
      )
      SELECT g.by_type_off, g.by_year_off, g.type_id, g.year, g.n,
             coalesce(g.leaders::float8 / nullif(g.individual, 0), 0) AS leader_share
        FROM grouped g LEFT JOIN award_type t ON t.id = g.type_id
       WHERE g.n > 0 OR (g.by_type_off = 1 AND g.by_year_off = 1)
       ORDER BY g.by_type_off, g.by_year_off, g.n DESC, t.sort_order, t.code, g.year`;
    const rows: {
      by_type_off: number;
      by_year_off: number;
      type_id: string | null;
      year: number | null;
      n: number;
      leader_share: number;
    }[] = await this.dataSource.query(sql, params.values);
    const summary: AwardSummary = { total: 0, leaderShare: 0, byType: [], byYear: [] };
    for (const row of rows) {
      if (row.by_type_off === 0) summary.byType.push({ awardTypeId: row.type_id!, count: row.n });
      else if (row.by_year_off === 0) summary.byYear.push({ year: row.year!, count: row.n });
      else {
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
      throw new BadInputError(`limit must be between 0 and ${MAX_TOP_UNITS}`, { field: 'limit' });
    if (limit === 0) return [];
    const params = new Params();
    let candidates: string;
    if (scope.unit) {
      candidates = `a.unit_id IN (SELECT id FROM unit WHERE parent_id = ${params.add(scope.unit.id)})`;
    } else {
      const roots: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM unit WHERE parent_id IS NULL LIMIT 2`,
      );
      candidates =
        roots.length === 1
          ? `a.unit_id IN (SELECT id FROM unit WHERE parent_id = ${params.add(roots[0]!.id)})`
          : `a.unit_id IN (SELECT id FROM unit WHERE parent_id IS NULL)`;
    }
    const where = this.activity(scope, params, 'a', candidates);
    const sql = `
      SELECT a.unit_id AS "unitId", sum(a.awards)::int AS count
        FROM award_tally a JOIN unit c ON c.id = a.unit_id
       WHERE ${where}
       GROUP BY a.unit_id, c.code
      HAVING sum(a.awards) > 0
       ORDER BY count DESC, c.code
       LIMIT ${params.add(limit)}`;
    return this.dataSource.query(sql, params.values);
  }

  /**
   * One row per campaign in scope (see campaignScope; any status), newest
   * period first: the scope's units that pledged (whatever the years), and
   * the campaign's VERIFIED achievements, advanced models and counted awards
   * in the subtree and years.
   */
  async campaignStats(scope: DashboardScope): Promise<CampaignStats[]> {
    const params = new Params();
    const subtree = scope.unit ? params.add(`${scope.unit.path}%`) : null;
    const campaigns = this.campaignScope(scope, params, subtree, 'c');
    const pledged = subtree
      ? `WHERE r.unit_id IN (SELECT id FROM unit WHERE path LIKE ${subtree})`
      : '';
    const achievements = this.activity(scope, params, 'h', this.scopeUnits(scope, params, 'h'));
    const awards = this.activity(scope, params, 'a', this.scopeUnits(scope, params, 'a'));
    const sql = `
      WITH pledges AS (
        SELECT r.campaign_id, count(*)::int AS n FROM campaign_registration r ${pledged} GROUP BY 1
      ), achieved AS (
        SELECT h.campaign_id, sum(h.verified)::int AS verified, sum(h.advanced)::int AS advanced
          FROM achievement_tally h WHERE h.campaign_id IS NOT NULL AND ${achievements} GROUP BY 1
      ), awarded AS (
        SELECT a.campaign_id, sum(a.awards)::int AS n
          FROM award_tally a WHERE a.campaign_id IS NOT NULL AND ${awards} GROUP BY 1
      )
      SELECT c.id, c.code, c.name, c.theme, c.description, c.kind, c.status, c.starts_on,
             c.ends_on, c.organizer_id, c.launched_at, c.launched_at_conference_id, c.closed_at,
             coalesce(p.n, 0) AS registered_units,
             coalesce(h.verified, 0) AS achievements,
             coalesce(h.advanced, 0) AS advanced_models,
             coalesce(a.n, 0) AS awards
        FROM campaign c
        LEFT JOIN pledges p ON p.campaign_id = c.id
        LEFT JOIN achieved h ON h.campaign_id = c.id
        LEFT JOIN awarded a ON a.campaign_id = c.id
       WHERE ${campaigns}
       ORDER BY c.starts_on DESC, c.id DESC`;
    const rows: CampaignStatsRow[] = await this.dataSource.query(sql, params.values);
    return rows.map((row) => ({
      campaign: Object.assign(new Campaign(), {
        id: row.id,
        code: row.code,
        name: row.name,
        theme: row.theme,
        description: row.description,
        kind: row.kind,
        status: row.status,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        organizerId: row.organizer_id,
        launchedAt: row.launched_at,
        launchedAtConferenceId: row.launched_at_conference_id,
        closedAt: row.closed_at,
      }),
      registeredUnits: row.registered_units,
      achievements: row.achievements,
      advancedModels: row.advanced_models,
      awards: row.awards,
    }));
  }

  /**
   * The tally rows (alias `t`) that stand for the whole scope: the filter
   * unit's own rows (its subtree's counts), or without a unit filter those
   * of the roots.
   */
  private scopeUnits(scope: DashboardScope, params: Params, t: string): string {
    return scope.unit
      ? `${t}.unit_id = ${params.add(scope.unit.id)}`
      : `${t}.unit_id IN (SELECT id FROM unit WHERE parent_id IS NULL)`;
  }

  /** `units` narrowed to the scope's years and campaign, on tally alias `t`. */
  private activity(scope: DashboardScope, params: Params, t: string, units: string): string {
    const conditions = [units];
    if (scope.fromYear !== null) conditions.push(`${t}.year >= ${params.add(scope.fromYear)}`);
    if (scope.toYear !== null) conditions.push(`${t}.year <= ${params.add(scope.toYear)}`);
    if (scope.campaignId) conditions.push(`${t}.campaign_id = ${params.add(scope.campaignId)}`);
    return conditions.join(' AND ');
  }

  /**
   * The campaigns a scope concerns, on alias `c`: with a unit filter, those
   * organised by a unit of the subtree or pledged to by one; whose period
   * overlaps the years; the filter campaign only, when given.
   */
  private campaignScope(
    scope: DashboardScope,
    params: Params,
    subtree: string | null,
    c: string,
  ): string {
    const conditions = ['true'];
    if (scope.campaignId) conditions.push(`${c}.id = ${params.add(scope.campaignId)}`);
    if (scope.fromYear !== null)
      conditions.push(`${c}.ends_on >= make_date(${params.add(scope.fromYear)}, 1, 1)`);
    if (scope.toYear !== null)
      conditions.push(`${c}.starts_on <= make_date(${params.add(scope.toYear)}, 12, 31)`);
    if (subtree) {
      conditions.push(`(${c}.organizer_id IN (SELECT id FROM unit WHERE path LIKE ${subtree})
        OR EXISTS (SELECT 1 FROM campaign_registration cr JOIN unit cu ON cu.id = cr.unit_id
                    WHERE cr.campaign_id = ${c}.id AND cu.path LIKE ${subtree}))`);
    }
    return conditions.join(' AND ');
  }
}
