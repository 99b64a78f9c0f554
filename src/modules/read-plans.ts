import type { ClassType } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import { checkFirst, type PageArgs } from '../common/connection';
import { sql, type SqlFragment } from '../common/sql';
import { checkYear } from '../common/validate';
import type { FieldArgs, Relation, Relations } from '../plan/relations';
import { VIETNAM_TIME_ZONE } from '../common/dates';
import { ACHIEVEMENT_ORDER } from './achievements/achievement.service';
import { Achievement } from './achievements/achievement.entity';
import { AwardType } from './awards/award-type.entity';
import { Award } from './awards/award.entity';
import { AWARD_ORDER, levelRank, titleHistorySql } from './awards/award.service';
import type { TitleOfYear } from './awards/award.service';
import { Campaign } from './campaigns/campaign.entity';
import { Person } from './people/person.entity';
import { PERSON_ORDER } from './people/person.service';
import { Unit } from './units/unit.entity';

/**
 * The fields the read planner (src/plan/read-planner.ts) reads inside the
 * statement of their root field, each as it is defined by its resolver and
 * DataLoader: the same rows, in the same order, with the same arguments.
 * A field missing here is read by its resolver, as before. The tests of
 * test/plan compare every one of them with its resolver's answer.
 */

/** `first` and `after` of a connection field, as its resolver reads them. */
function pageOf(args: FieldArgs): PageArgs {
  return {
    first: checkFirst((args.first as number | null | undefined) ?? 20),
    after: (args.after as string | null | undefined) ?? null,
  };
}

/** A reference by a foreign key of the parent row. */
function byKey(entity: ClassType<ObjectLiteral>, column: string): Relation {
  return {
    kind: 'one',
    entity,
    where: (parent, row) => sql`${row}.id = ${parent}.${sql.ident(column)}`,
  };
}

/** Rows whose `column` is the parent's id. */
const childOf =
  (column: string): ((parent: SqlFragment, row: SqlFragment) => SqlFragment) =>
  (parent, row) =>
    sql`${row}.${sql.ident(column)} = ${parent}.id`;

const awardPages = (
  column: string,
  filter: (row: SqlFragment, args: FieldArgs) => SqlFragment,
): Relation => ({
  kind: 'page',
  entity: Award,
  order: AWARD_ORDER as never,
  page: pageOf,
  where: (parent, row, args) => sql.and(childOf(column)(parent, row), filter(row, args)),
});

const achievementPages = (column: string): Relation => ({
  kind: 'page',
  entity: Achievement,
  order: ACHIEVEMENT_ORDER as never,
  page: pageOf,
  where: childOf(column),
});

export const readPlans: Relations = {
  Person: {
    unit: byKey(Unit, 'unit_id'),
    awards: awardPages('person_id', (row, args) =>
      args.status ? sql`${row}.status = ${args.status}` : sql`true`,
    ),
    achievements: achievementPages('person_id'),
    // As AwardService.titleHistories, for one person.
    titleHistory: {
      kind: 'rows',
      entity: Award,
      from: (parent) => titleHistorySql(sql`a.person_id = ${parent}.id`, sql`a.*`),
      order: (row) => sql`${row}.year DESC`,
      wrap: (award): TitleOfYear => ({ year: (award as Award).year, award: award as Award }),
    },
  },
  TitleRecord: {
    awardType: byKey(AwardType, 'type_id'),
    award: { kind: 'self', of: (record) => (record as TitleOfYear).award },
  },
  Unit: {
    parent: byKey(Unit, 'parent_id'),
    // Root first, from the materialized path (the unit itself left out).
    ancestors: {
      kind: 'many',
      entity: Unit,
      where: (parent, row) =>
        sql`${row}.id = ANY(string_to_array(trim(both '/' from ${parent}.path), '/')::uuid[])
            AND ${row}.id <> ${parent}.id`,
      order: (row) => sql`${row}.depth`,
    },
    children: {
      kind: 'many',
      entity: Unit,
      where: childOf('parent_id'),
      order: (row) => sql`${row}.name, ${row}.id`,
    },
    headcount: {
      kind: 'value',
      select: (parent) => sql`(SELECT count(*)::int FROM person h WHERE h.unit_id = ${parent}.id)`,
    },
    members: {
      kind: 'page',
      entity: Person,
      order: PERSON_ORDER as never,
      page: pageOf,
      where: childOf('unit_id'),
    },
    awards: awardPages('unit_id', (row, args) =>
      args.year !== null && args.year !== undefined
        ? sql`${row}.year = ${checkYear(args.year as number)}`
        : sql`true`,
    ),
    achievements: achievementPages('unit_id'),
  },
  Campaign: {
    awards: awardPages('campaign_id', () => sql`true`),
    achievements: achievementPages('campaign_id'),
  },
  Award: {
    type: byKey(AwardType, 'type_id'),
    // As bonusesOf (src/modules/awards/bonus.ts): the multiple of the version in force on the law
    // day × the base salary of that day, rounded up; 0 when rejected, revoked, not worked out, or a
    // higher title of the year held by the same recipient is paid instead.
    bonusAmount: {
      kind: 'value',
      select: (award) => sql`(
        SELECT CASE
          WHEN ${award}.status IN ('REJECTED', 'REVOKED') THEN 0
          WHEN x.multiple IS NULL OR x.salary IS NULL THEN 0
          WHEN ${award}.is_title AND x.highest_title_only AND EXISTS (
            SELECT 1 FROM award h JOIN award_type ht ON ht.id = h.type_id
             WHERE h.is_title AND h.status IN ('APPROVED', 'ANNOUNCED') AND h.id <> ${award}.id
               AND h.year = ${award}.year
               AND (h.person_id = ${award}.person_id OR h.unit_id = ${award}.unit_id)
               AND (${levelRank(sql`ht.level`)}, ht.sort_order)
                   > (${levelRank(sql`x.level`)}, x.sort_order)) THEN 0
          ELSE (ceil(round(x.multiple * 100) * x.salary / (100.0 * x.rounding_unit)) * x.rounding_unit)::int
        END
        FROM (
          SELECT t.level, t.sort_order, rs.rounding_unit, rs.highest_title_only,
                 CASE WHEN ${award}.person_id IS NOT NULL THEN v.individual_multiple
                      ELSE v.collective_multiple END AS multiple,
                 (SELECT b.amount FROM base_salary b WHERE b.valid_from <= d.day
                   ORDER BY b.valid_from DESC LIMIT 1) AS salary
            FROM (SELECT coalesce(${award}.decided_on,
                                  (${award}.nominated_at AT TIME ZONE ${VIETNAM_TIME_ZONE})::date) AS day) d
            JOIN award_type t ON t.id = ${award}.type_id
            LEFT JOIN rule_set rs ON rs.valid_from <= d.day AND (rs.valid_to IS NULL OR d.day <= rs.valid_to)
            LEFT JOIN award_type_version v ON v.award_type_id = t.id AND v.rule_set_id = rs.id
        ) x)`,
    },
    nominatedBy: byKey(Unit, 'nominated_by_id'),
    campaign: byKey(Campaign, 'campaign_id'),
    // As AwardService.achievementIdsOf: oldest first.
    achievements: {
      kind: 'many',
      entity: Achievement,
      where: (parent, row) =>
        sql`${row}.id IN (SELECT aa.achievement_id FROM award_achievement aa
                           WHERE aa.award_id = ${parent}.id)`,
      order: (row) => sql`${row}.achieved_on, ${row}.id`,
    },
  },
  Achievement: {
    campaign: byKey(Campaign, 'campaign_id'),
    // As AwardService.activeAwardIdsOf: the live award citing it.
    award: {
      kind: 'one',
      entity: Award,
      where: (parent, row) =>
        sql`${row}.id = (SELECT aa.award_id FROM award_achievement aa
                          WHERE aa.achievement_id = ${parent}.id AND aa.active)`,
    },
  },
};
