import { z } from 'zod';
import { query, sql } from '../../../common/sql';
import { InitiativeLevel } from '../../achievements/achievement.entity';
import {
  block,
  defineRule,
  EPSILON,
  HELD_STATUSES,
  LIVE_STATUSES,
  listing,
  pass,
  percent,
  recipientName,
  warn,
} from './rule';

/** Initiative levels from lowest to highest. */
const LEVELS: readonly InitiativeLevel[] = [
  InitiativeLevel.GRASSROOTS,
  InitiativeLevel.PROVINCIAL,
  InitiativeLevel.NATIONAL,
];

/** "2025", or "2023-2025" for a window of several years ending `year`. */
function yearSpan(year: number, years: number): string {
  return years === 1 ? `${year}` : `${year - years + 1}-${year}`;
}

/**
 * An emulation title is given at most once per recipient per year (REJECTED
 * and REVOKED ones do not count). The database enforces it too
 * (award_one_title_a_year), so concurrent nominations cannot both pass.
 */
export const TITLE_ONCE_A_YEAR = defineRule({
  code: 'TITLE_ONCE_A_YEAR',
  params: z.object({}).strict(),
  legalBasis: 'Law 06/2022/QH15: emulation titles are considered once a year',
  describe: () =>
    'Given at most once per recipient per year; REJECTED and REVOKED nominations do not count.',
  async check({ manager, type, year, recipient, label }) {
    const rows = await query<{ id: string; status: string }>(
      manager,
      sql`SELECT id, status FROM award
           WHERE type_id = ${type.id} AND coalesce(person_id, unit_id) = ${recipient.id}
             AND year = ${year} AND status = ANY(${LIVE_STATUSES})
           LIMIT 1`,
    );
    const name = recipientName(recipient);
    const existing = rows[0];
    if (existing) {
      return [
        block(
          `${name} already has ${label(type.code)} for ${year} (award ${existing.id}, ${existing.status}): a title is given at most once a year`,
        ),
      ];
    }
    return [pass(`${name} has no other ${label(type.code)} for ${year}`)];
  },
});

/**
 * The recipient holds another title (APPROVED or ANNOUNCED) in each of the
 * `years` consecutive years ending the nomination's year: `years: 1` is "the
 * same year" (CSTD_CO_SO needs LAO_DONG_TIEN_TIEN), `years: 3` is "three
 * years running" (CSTD_CAP_TINH needs CSTD_CO_SO).
 */
export const HOLDS_TITLE = defineRule({
  code: 'HOLDS_TITLE',
  params: z
    .object({ titleCode: z.string().min(1), years: z.number().int().min(1).max(10).default(1) })
    .strict(),
  describe: ({ titleCode, years }, label) =>
    years === 1
      ? `Holds ${label(titleCode)} (APPROVED or ANNOUNCED) the same year.`
      : `Holds ${label(titleCode)} (APPROVED or ANNOUNCED) in each of the ${years} consecutive years ending that year.`,
  async check({ manager, year, recipient, label }, { titleCode, years }) {
    const from = year - years + 1;
    const rows = await query<{ year: number; status: string }>(
      manager,
      sql`SELECT a.year, a.status FROM award a JOIN award_type t ON t.id = a.type_id
           WHERE t.code = ${titleCode} AND coalesce(a.person_id, a.unit_id) = ${recipient.id}
             AND a.year BETWEEN ${from} AND ${year} AND a.status = ANY(${LIVE_STATUSES})`,
    );
    const held = new Set(
      rows.filter((r) => HELD_STATUSES.includes(r.status as never)).map((r) => r.year),
    );
    const pending = new Set(rows.filter((r) => r.status === 'NOMINATED').map((r) => r.year));
    const required = Array.from({ length: years }, (_, i) => from + i);
    const missing = required.filter((y) => !held.has(y));
    const name = recipientName(recipient);
    const title = label(titleCode);
    if (missing.length === 0) return [pass(`${name} holds ${title} for ${listing(required)}`)];
    const waiting = missing.filter((y) => pending.has(y));
    const note = waiting.length
      ? `; the nomination for ${listing(waiting)} is still waiting for the council's decision`
      : '';
    const need =
      years === 1
        ? `${name} must hold ${title} for ${year} (APPROVED or ANNOUNCED) first`
        : `${name} must hold ${title} in each of ${listing(required)} (APPROVED or ANNOUNCED)`;
    return [block(`${need}; missing: ${listing(missing)}${note}`)];
  },
});

/**
 * The recipient holds a VERIFIED INITIATIVE recognised at `minLevel` or above,
 * achieved (its achievedOn) in the `years` years ending the nomination's year.
 */
export const HAS_INITIATIVE = defineRule({
  code: 'HAS_INITIATIVE',
  params: z
    .object({
      minLevel: z.enum(InitiativeLevel).default(InitiativeLevel.GRASSROOTS),
      years: z.number().int().min(1).max(10).default(1),
    })
    .strict(),
  describe: ({ minLevel, years }) =>
    years === 1
      ? `Has a VERIFIED initiative achieved that year, recognised at ${minLevel} level or above.`
      : `Has a VERIFIED initiative achieved in the ${years} years ending that year, recognised at ${minLevel} level or above.`,
  async check({ manager, year, recipient }, { minLevel, years }) {
    const from = year - years + 1;
    const rows = await query<{
      title: string;
      status: string;
      level: InitiativeLevel | null;
      achieved_on: string;
    }>(
      manager,
      sql`SELECT title, status, initiative_level AS level, achieved_on FROM achievement
           WHERE coalesce(person_id, unit_id) = ${recipient.id} AND kind = 'INITIATIVE'
             AND achieved_on >= make_date(${from}, 1, 1) AND achieved_on < make_date(${year + 1}, 1, 1)
           ORDER BY achieved_on DESC, id`,
    );
    const rank = (level: InitiativeLevel | null) => (level ? LEVELS.indexOf(level) : -1);
    const minRank = LEVELS.indexOf(minLevel);
    const name = recipientName(recipient);
    const span = yearSpan(year, years);
    const qualifying = rows.find((r) => r.status === 'VERIFIED' && rank(r.level) >= minRank);
    if (qualifying) {
      return [
        pass(
          `Initiative "${qualifying.title}" (${qualifying.level}, ${qualifying.achieved_on}) of ${name} is verified`,
        ),
      ];
    }
    const hints = rows.slice(0, 3).map((r) => {
      if (rank(r.level) < minRank)
        return `"${r.title}" is recognised at ${r.level ?? 'no'} level only`;
      return `"${r.title}" is ${r.status}, not VERIFIED`;
    });
    const hint = hints.length ? ` (${hints.join('; ')})` : '';
    return [
      block(
        `${name} has no VERIFIED initiative of ${span} recognised at ${minLevel} level or above${hint}: record one with kind INITIATIVE and have it verified`,
      ),
    ];
  },
});

/**
 * A quota, checked in the recipient's unit (people whose unit is that unit)
 * for the year: awards of this type, counting this nomination, may be at
 * most `maxShare` of the awards of `ofTitleCode`. Live awards (NOMINATED,
 * APPROVED, ANNOUNCED) count on both sides. `outcome` says what exceeding
 * it does: WARN (the default, as for the 15% CSTD_CO_SO quota) or BLOCK.
 */
export const TITLE_SHARE_IN_UNIT = defineRule({
  code: 'TITLE_SHARE_IN_UNIT',
  params: z
    .object({
      ofTitleCode: z.string().min(1),
      maxShare: z.number().gt(0).max(1),
      outcome: z.enum(['WARN', 'BLOCK']).default('WARN'),
    })
    .strict(),
  describe: ({ ofTitleCode, maxShare, outcome }, label) =>
    `In the recipient's unit, awards of this type that year (this one included) are at most ${percent(maxShare)} of its ${label(ofTitleCode)} awards that year (${outcome} otherwise).`,
  async check({ manager, type, year, recipient, label }, { ofTitleCode, maxShare, outcome }) {
    const unit = recipient.unit;
    const [counts] = await query<{ mine: number; base: number }>(
      manager,
      sql`SELECT count(*) FILTER (WHERE a.type_id = ${type.id})::int AS mine,
                 count(*) FILTER (WHERE t.code = ${ofTitleCode})::int AS base
            FROM award a JOIN award_type t ON t.id = a.type_id
           WHERE a.recipient_unit_id = ${unit.id} AND a.year = ${year}
             AND a.status = ANY(${LIVE_STATUSES})`,
    );
    const mine = (counts?.mine ?? 0) + 1;
    const base = counts?.base ?? 0;
    const allowed = Math.floor(maxShare * base + EPSILON);
    const title = label(type.code);
    const of = label(ofTitleCode);
    const limit = percent(maxShare);
    if (base > 0 && mine <= allowed) {
      return [
        pass(
          `With this nomination ${unit.name} would have ${mine} ${title} for ${year} against ${base} ${of} (${percent(mine / base)}), within the ${limit} limit`,
        ),
      ];
    }
    const message =
      base === 0
        ? `${unit.name} has no ${of} for ${year}, so with this nomination its ${mine} ${title} would be above the ${limit} limit`
        : `With this nomination ${unit.name} would have ${mine} ${title} for ${year} against ${base} ${of} (${percent(mine / base)}), above the ${limit} limit: at most ${allowed}`;
    return [outcome === 'BLOCK' ? block(message) : warn(message)];
  },
});
