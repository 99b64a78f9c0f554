import type { DataSource } from 'typeorm';
import { parseOptionalId } from '../../common/ids';
import type { ServiceDeps } from '../../common/services';
import { checkYear } from '../../common/validate';
import { BadInputError, NotFoundError } from '../../errors';
import { Campaign } from '../campaigns/campaign.entity';
import { Unit } from '../units/unit.entity';
import type { DashboardFilter } from './dashboard.inputs';
import type { CampaignStats, DashboardScope } from './dashboard.types';

/** The award statuses a dashboard counts: decided in favour and not revoked. */
const COUNTED_AWARD_STATUSES = `('APPROVED','ANNOUNCED')`;

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

/** The award aggregates one statement computes. */
export interface AwardSummary {
  total: number;
  leaderShare: number;
  byType: { awardTypeId: string; count: number }[];
  byYear: { year: number; count: number }[];
}

/**
 * Dashboard aggregates, each computed by SQL in the database (never by
 * loading rows). Conditions are written so that PostgreSQL can use the
 * indexes: subtrees through `unit.path LIKE 'prefix%'` (text_pattern_ops)
 * joined to the denormalised `recipient_unit_id` / `holder_unit_id`, years
 * as ranges, campaigns by id.
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
    const people = subtree
      ? `WHERE p.unit_id IN (SELECT id FROM unit WHERE path LIKE ${subtree})`
      : '';
    const achievements = this.achievementConditions(scope, params, subtree, 'h');
    const campaigns = this.campaignScope(scope, params, subtree, 'c');
    const sql = `
      SELECT (SELECT count(*) FROM unit u ${units})::int AS units,
             (SELECT count(*) FROM person p ${people})::int AS people,
             (SELECT count(*) FROM campaign c
               WHERE c.status = 'LAUNCHED' AND ${campaigns})::int AS "activeCampaigns",
             h.achievements, h."advancedModels"
        FROM (SELECT count(*)::int AS achievements,
                     count(*) FILTER (WHERE h.advanced_model)::int AS "advancedModels"
                FROM achievement h WHERE ${achievements}) h`;
    const [row] = await this.dataSource.query(sql, params.values);
    return row as ScopeCounts;
  }

  /**
   * APPROVED or ANNOUNCED awards to recipients in the subtree (the unit
   * itself, its subunits, people of them), of the years and the campaign:
   * the total, by type (most first), by year (oldest first), and the share
   * of individual awards that went to people holding leadership posts (0
   * when there are none). One scan of the matching awards, grouped three ways.
   */
  async awardSummary(scope: DashboardScope): Promise<AwardSummary> {
    const params = new Params();
    const where = this.awardConditions(scope, params, 'a');
    const sql = `
      WITH matching AS (
        SELECT a.type_id, a.year, a.person_id IS NOT NULL AS individual,
               a.person_id IN (SELECT id FROM person WHERE is_leader) AS leader
          FROM award a WHERE ${where}
      ), grouped AS (
        SELECT grouping(type_id) AS by_type_off, grouping(year) AS by_year_off, type_id, year,
               count(*)::int AS n,
               count(*) FILTER (WHERE individual)::int AS individual,
               count(*) FILTER (WHERE leader)::int AS leaders
          FROM matching
         GROUP BY GROUPING SETS ((type_id), (year), ())
      )
      SELECT g.by_type_off, g.by_year_off, g.type_id, g.year, g.n,
             coalesce(g.leaders::float8 / nullif(g.individual, 0), 0) AS leader_share
        FROM grouped g LEFT JOIN award_type t ON t.id = g.type_id
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
    let level = scope.unit ? scope.unit.depth + 1 : 0;
    if (!scope.unit) {
      const [{ roots }] = await this.dataSource.query(
        `SELECT count(*)::int AS roots FROM (SELECT 1 FROM unit WHERE parent_id IS NULL LIMIT 2) r`,
      );
      if (roots === 1) level = 1;
    }
    const params = new Params();
    const where = this.awardConditions(scope, params, 'a');
    const depth = params.add(level);
    // Count per recipient unit first (one pass over the awards), then roll the
    // small per-unit counts up to the candidate ancestor read off the path.
    const sql = `
      WITH per_unit AS (
        SELECT a.recipient_unit_id AS unit_id, count(*) AS n FROM award a WHERE ${where} GROUP BY 1
      ), rolled AS (
        SELECT split_part(u.path, '/', ${depth} + 2)::uuid AS unit_id, sum(p.n)::int AS n
          FROM per_unit p JOIN unit u ON u.id = p.unit_id
         WHERE u.depth >= ${depth}
         GROUP BY 1
      )
      SELECT r.unit_id AS "unitId", r.n AS count
        FROM rolled r JOIN unit c ON c.id = r.unit_id
       ORDER BY r.n DESC, c.code
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
      ? `AND r.unit_id IN (SELECT id FROM unit WHERE path LIKE ${subtree})`
      : '';
    const achievements = this.achievementConditions(scope, params, subtree, 'h');
    const awards = this.awardConditions(scope, params, 'a', subtree);
    const sql = `
      SELECT c.id AS "campaignId",
             (SELECT count(*) FROM campaign_registration r
               WHERE r.campaign_id = c.id ${pledged})::int AS "registeredUnits",
             h.achievements, h."advancedModels",
             (SELECT count(*) FROM award a WHERE a.campaign_id = c.id AND ${awards})::int AS awards
        FROM campaign c
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS achievements,
                 count(*) FILTER (WHERE h.advanced_model)::int AS "advancedModels"
            FROM achievement h WHERE h.campaign_id = c.id AND ${achievements}) h
       WHERE ${campaigns}
       ORDER BY c.starts_on DESC, c.id DESC`;
    return this.dataSource.query(sql, params.values);
  }

  /**
   * Counted awards (APPROVED or ANNOUNCED) of the scope, on alias `a`.
   * `subtree` reuses an already added subtree parameter.
   */
  private awardConditions(
    scope: DashboardScope,
    params: Params,
    a: string,
    subtree?: string | null,
  ): string {
    const conditions = [`${a}.status IN ${COUNTED_AWARD_STATUSES}`];
    if (scope.unit) {
      const path = subtree ?? params.add(`${scope.unit.path}%`);
      conditions.push(`${a}.recipient_unit_id IN (SELECT id FROM unit WHERE path LIKE ${path})`);
    }
    if (scope.fromYear !== null) conditions.push(`${a}.year >= ${params.add(scope.fromYear)}`);
    if (scope.toYear !== null) conditions.push(`${a}.year <= ${params.add(scope.toYear)}`);
    if (scope.campaignId) conditions.push(`${a}.campaign_id = ${params.add(scope.campaignId)}`);
    return conditions.join(' AND ');
  }

  /** VERIFIED achievements of the scope, on alias `h`: held in the subtree, achieved in the years. */
  private achievementConditions(
    scope: DashboardScope,
    params: Params,
    subtree: string | null,
    h: string,
  ): string {
    const conditions = [`${h}.status = 'VERIFIED'`];
    if (subtree)
      conditions.push(`${h}.holder_unit_id IN (SELECT id FROM unit WHERE path LIKE ${subtree})`);
    if (scope.fromYear !== null)
      conditions.push(`${h}.achieved_on >= make_date(${params.add(scope.fromYear)}, 1, 1)`);
    if (scope.toYear !== null)
      conditions.push(`${h}.achieved_on <= make_date(${params.add(scope.toYear)}, 12, 31)`);
    if (scope.campaignId) conditions.push(`${h}.campaign_id = ${params.add(scope.campaignId)}`);
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
