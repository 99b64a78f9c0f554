import { query, sql } from '../../../common/sql';
import { z } from 'zod';
import { inBoth as bothOf, msg, type Message } from '../../../i18n/i18n';
import type { LocalizedText } from '../../../i18n/messages';
import { RATING_NAMES, ratedAtLeast, TaskRating } from '../../ratings/annual-rating.entity';
import { RecipientKind } from '../award-type.entity';
import {
  block,
  COUNTING_KINDS,
  defineRule,
  EPSILON,
  HELD_STATUSES,
  listing,
  NOTHING,
  numbered,
  pass,
  type Finding,
  type Recipient,
} from './rule';

/** The SQL that lists a collective's members, and its parameter. */
function membersOf(
  recipient: Extract<Recipient, { kind: RecipientKind.COLLECTIVE }>,
  all: boolean,
) {
  return all
    ? {
        sql: sql`SELECT id, full_name FROM person
                  WHERE unit_id IN (SELECT id FROM unit WHERE path LIKE ${recipient.unit.path} || '%')`,
        whose: {
          vi: `${recipient.unit.name} và các đơn vị trực thuộc`,
          en: `${recipient.unit.name} and its subunits`,
        } as LocalizedText,
      }
    : {
        sql: sql`SELECT id, full_name FROM person WHERE unit_id = ${recipient.unit.id}`,
        whose: { vi: recipient.unit.name, en: recipient.unit.name } as LocalizedText,
      };
}

/**
 * Members of a collective hold a title (APPROVED or ANNOUNCED, regular
 * awards only) the same year: at least `minShare` of them, more than
 * `moreThanShare` of them, and/or at least `minCount` of them.
 *
 * "More than 50%" of 10 members is 6 (5 is not more than half); "at least
 * 70%" of 10 is 7. A unit's members are the people whose unit is that unit
 * (as `Unit.headcount` counts them); with `includeSubunits: true`, also the
 * people of all its subunits. Applies to collectives only.
 */
export const MEMBERS_HOLD_TITLE = defineRule({
  code: 'MEMBERS_HOLD_TITLE',
  params: z
    .object({
      titleCode: z.string().min(1),
      minShare: z.number().gt(0).max(1).optional(),
      moreThanShare: z.number().min(0).lt(1).optional(),
      minCount: z.number().int().min(1).optional(),
      includeSubunits: z.boolean().default(false),
    })
    .strict()
    .refine(
      (p) => p.minShare !== undefined || p.moreThanShare !== undefined || p.minCount !== undefined,
      { message: 'give minShare, moreThanShare or minCount' },
    ),
  describe: ({ titleCode, minShare, moreThanShare, minCount, includeSubunits }, { label }) => {
    const title = label(titleCode);
    const scope: LocalizedText = includeSubunits
      ? { vi: ' (kể cả các đơn vị trực thuộc)', en: ' (its people and those of its subunits)' }
      : NOTHING;
    const parts: Message[] = [];
    if (moreThanShare !== undefined)
      parts.push(msg('ruleDesc.membersHold.moreThan', { share: moreThanShare, title, scope }));
    if (minShare !== undefined)
      parts.push(msg('ruleDesc.membersHold.atLeast', { share: minShare, title, scope }));
    if (minCount !== undefined)
      parts.push(msg('ruleDesc.membersHold.count', { count: minCount, title, scope }));
    return parts.length === 1
      ? parts[0]!
      : msg('ruleDesc.all', {
          parts: numbered(
            parts.map((p) => bothOf(p)),
            true,
          ),
        });
  },
  async check({ manager, year, recipient, label, excludeAwardId }, params) {
    if (recipient.kind !== RecipientKind.COLLECTIVE) return [];
    const { titleCode, minShare, moreThanShare, minCount, includeSubunits } = params;
    const members = membersOf(recipient, includeSubunits);
    const [row] = await query<{ members: number; holders: number }>(
      manager,
      sql`WITH members AS (${members.sql})
       SELECT (SELECT count(*) FROM members)::int AS members,
              (SELECT count(DISTINCT a.person_id) FROM award a JOIN award_type t ON t.id = a.type_id
                WHERE t.code = ${titleCode} AND a.year = ${year} AND a.status = ANY(${HELD_STATUSES}) AND a.kind = ANY(${COUNTING_KINDS})
                  AND a.id IS DISTINCT FROM ${excludeAwardId}
                  AND a.person_id IN (SELECT id FROM members))::int AS holders`,
    );
    const total = row?.members ?? 0;
    const holders = row?.holders ?? 0;
    const title = label(titleCode);
    const unit = members.whose;
    if (total === 0) return [block(msg('rule.membersHold.noMembers', { unit, title, year }))];
    const summary = bothOf(
      holders === 0
        ? msg('rule.membersHold.none', { total, unit, title, year })
        : msg('rule.membersHold.some', {
            holders,
            total,
            unit,
            share: holders / total,
            title,
            year,
          }),
    );
    const findings: Finding[] = [];
    if (moreThanShare !== undefined) {
      const needed = Math.floor(moreThanShare * total + EPSILON) + 1;
      const values = { summary, share: moreThanShare, needed, more: needed - holders };
      findings.push(
        holders >= needed
          ? pass(msg('rule.membersHold.moreThanOk', values))
          : block(msg('rule.membersHold.moreThanShort', values)),
      );
    }
    if (minShare !== undefined) {
      const needed = Math.ceil(minShare * total - EPSILON);
      const values = { summary, share: minShare, needed, more: needed - holders };
      findings.push(
        holders >= needed
          ? pass(msg('rule.membersHold.atLeastOk', values))
          : block(msg('rule.membersHold.atLeastShort', values)),
      );
    }
    if (minCount !== undefined) {
      const values = { summary, needed: minCount, more: minCount - holders };
      findings.push(
        holders >= minCount
          ? pass(msg('rule.membersHold.countOk', values))
          : block(msg('rule.membersHold.countShort', values)),
      );
    }
    return findings;
  },
});

/**
 * At least `minShare` of a collective's members (1: all of them) are rated
 * `minRating` or better for the year. Members without a rating count as not
 * meeting it; the message names them and those rated below.
 */
export const MEMBERS_RATED = defineRule({
  code: 'MEMBERS_RATED',
  params: z
    .object({
      minRating: z.enum(TaskRating),
      minShare: z.number().gt(0).max(1).default(1),
      includeSubunits: z.boolean().default(false),
    })
    .strict(),
  describe: ({ minRating, minShare }) =>
    msg('ruleDesc.membersRated', { share: minShare, min: RATING_NAMES[minRating] }),
  async check({ manager, year, recipient }, { minRating, minShare, includeSubunits }) {
    if (recipient.kind !== RecipientKind.COLLECTIVE) return [];
    const members = membersOf(recipient, includeSubunits);
    const rows = await query<{ full_name: string; rating: TaskRating | null }>(
      manager,
      sql`WITH members AS (${members.sql})
       SELECT m.full_name, r.rating FROM members m
         LEFT JOIN annual_rating r ON r.person_id = m.id AND r.year = ${year}
        ORDER BY m.full_name, m.id`,
    );
    const unit = members.whose;
    const min = RATING_NAMES[minRating];
    const total = rows.length;
    if (total === 0) return [block(msg('rule.membersRated.noMembers', { unit, year }))];
    const meeting = rows.filter((r) => r.rating && ratedAtLeast(r.rating, minRating)).length;
    const needed = Math.ceil(minShare * total - EPSILON);
    const values = { meeting, total, unit, min, year, share: minShare, needed };
    if (meeting >= needed) return [pass(msg('rule.membersRated.ok', values))];
    const below = rows.filter((r) => r.rating && !ratedAtLeast(r.rating, minRating));
    const unrated = rows.filter((r) => !r.rating);
    const details: Message[] = [];
    if (below.length) {
      details.push(
        msg('rule.membersRated.below', {
          names: listing(below.slice(0, 10).map((r) => r.full_name)),
        }),
      );
    }
    if (unrated.length) {
      details.push(
        msg('rule.membersRated.unrated', {
          names: listing(unrated.slice(0, 10).map((r) => r.full_name)),
          count: unrated.length,
        }),
      );
    }
    const detail = details.map(bothOf);
    return [
      block(
        msg('rule.membersRated.short', {
          ...values,
          detail: {
            vi: detail.map((d) => `; ${d.vi}`).join(''),
            en: detail.map((d) => `; ${d.en}`).join(''),
          },
        }),
      ),
    ];
  },
});
