import { query, sql } from '../../../common/sql';
import { z } from 'zod';
import { msg, type Message } from '../../../i18n/i18n';
import type { LocalizedText } from '../../../i18n/messages';
import { AchievementKind, InitiativeLevel } from '../../achievements/achievement.entity';
import { AwardKind } from '../award.entity';
import {
  block,
  COUNTING_KINDS,
  defineRule,
  either,
  EPSILON,
  HELD_STATUSES,
  joined,
  KIND_NAMES,
  LIVE_STATUSES,
  listing,
  NOTHING,
  pass,
  recipientName,
  warn,
} from './rule';

/** Initiative levels from lowest to highest. */
const LEVELS: readonly InitiativeLevel[] = [
  InitiativeLevel.GRASSROOTS,
  InitiativeLevel.PROVINCIAL,
  InitiativeLevel.NATIONAL,
];

const LEVEL_NAMES: Record<InitiativeLevel, LocalizedText> = {
  GRASSROOTS: { vi: 'cơ sở', en: 'GRASSROOTS' },
  PROVINCIAL: { vi: 'tỉnh', en: 'PROVINCIAL' },
  NATIONAL: { vi: 'toàn quốc', en: 'NATIONAL' },
};

const ACHIEVEMENT_KIND_NAMES: Record<AchievementKind, LocalizedText> = {
  INITIATIVE: { vi: 'sáng kiến', en: 'initiative' },
  RESEARCH: { vi: 'đề tài nghiên cứu khoa học', en: 'research result' },
  RESULT: { vi: 'kết quả', en: 'result' },
};

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
  describe: () => msg('ruleDesc.titleOnceAYear'),
  async check({ manager, type, year, recipient, label, excludeAwardId }) {
    const rows = await query<{ id: string; status: string }>(
      manager,
      sql`SELECT id, status FROM award
        WHERE type_id = ${type.id} AND coalesce(person_id, unit_id) = ${recipient.id} AND year = ${year} AND status = ANY(${LIVE_STATUSES})
          AND id IS DISTINCT FROM ${excludeAwardId}
        LIMIT 1`,
    );
    const name = recipientName(recipient);
    const title = label(type.code);
    const existing = rows[0];
    if (existing) {
      return [
        block(
          msg('rule.titleOnce.taken', {
            name,
            title,
            year,
            awardId: existing.id,
            status: existing.status,
          }),
        ),
      ];
    }
    return [pass(msg('rule.titleOnce.free', { name, title, year }))];
  },
});

/**
 * The kinds of nomination a type may be given as: emulation titles are
 * awarded for the year's regular emulation only.
 */
export const AWARD_KINDS = defineRule({
  code: 'AWARD_KINDS',
  params: z.object({ kinds: z.array(z.enum(AwardKind)).min(1) }).strict(),
  describe: ({ kinds }) =>
    msg('ruleDesc.awardKinds', { kinds: listing(kinds.map((k) => KIND_NAMES[k])) }),
  async check({ type, kind, label }, { kinds }) {
    const title = label(type.code);
    const allowed = listing(kinds.map((k) => KIND_NAMES[k]));
    if (kinds.includes(kind)) {
      return [pass(msg('rule.awardKinds.fits', { title, kind: KIND_NAMES[kind] }))];
    }
    return [block(msg('rule.awardKinds.wrong', { title, kind: KIND_NAMES[kind], allowed }))];
  },
});

/** Held awards of one type that do not count (thematic or ad hoc), for the Art. 4(3) note. */
function notCounting(
  rows: readonly { year: number; status: string; kind: AwardKind }[],
  title: LocalizedText,
): Message | null {
  const excluded = rows.filter(
    (r) => HELD_STATUSES.includes(r.status as never) && !COUNTING_KINDS.includes(r.kind),
  );
  if (excluded.length === 0) return null;
  return msg('rule.notCounting', {
    title,
    which: listing(
      excluded.map((r) => ({
        vi: `${r.year} (${KIND_NAMES[r.kind].vi})`,
        en: `${r.year} (${KIND_NAMES[r.kind].en})`,
      })),
    ),
  });
}

/**
 * The recipient holds another title (APPROVED or ANNOUNCED) in each of the
 * `years` consecutive years ending the nomination's year: `years: 3` is
 * "three years running" (CSTD_CAP_TINH needs CSTD_CO_SO). Only regular
 * (thường xuyên) awards count: thematic and ad hoc ones are not the basis of
 * a higher award (Decree 152/2025/NĐ-CP Art. 4(3)).
 */
export const HOLDS_TITLE = defineRule({
  code: 'HOLDS_TITLE',
  params: z
    .object({ titleCode: z.string().min(1), years: z.number().int().min(1).max(10).default(1) })
    .strict(),
  describe: ({ titleCode, years }, { label }) =>
    years === 1
      ? msg('ruleDesc.holdsTitle.sameYear', { title: label(titleCode) })
      : msg('ruleDesc.holdsTitle.years', { title: label(titleCode), years }),
  async check({ manager, year, recipient, label, excludeAwardId }, { titleCode, years }) {
    const from = year - years + 1;
    const rows = await query<{ year: number; status: string; kind: AwardKind }>(
      manager,
      sql`SELECT a.year, a.status, a.kind FROM award a JOIN award_type t ON t.id = a.type_id
        WHERE t.code = ${titleCode} AND coalesce(a.person_id, a.unit_id) = ${recipient.id}
          AND a.year BETWEEN ${from} AND ${year} AND a.status = ANY(${LIVE_STATUSES}) AND a.id IS DISTINCT FROM ${excludeAwardId}`,
    );
    const counting = rows.filter((r) => COUNTING_KINDS.includes(r.kind));
    const held = new Set(
      counting.filter((r) => HELD_STATUSES.includes(r.status as never)).map((r) => r.year),
    );
    const pending = new Set(counting.filter((r) => r.status === 'NOMINATED').map((r) => r.year));
    const required = Array.from({ length: years }, (_, i) => from + i);
    const missing = required.filter((y) => !held.has(y));
    const name = recipientName(recipient);
    const title = label(titleCode);
    if (missing.length === 0) {
      return [pass(msg('rule.holdsTitle.held', { name, title, years: listing(required) }))];
    }
    const notes: Message[] = [];
    const waiting = missing.filter((y) => pending.has(y));
    if (waiting.length) notes.push(msg('rule.holdsTitle.waiting', { years: listing(waiting) }));
    const excluded = notCounting(rows, title);
    if (excluded) notes.push(excluded);
    const note = notes.length ? prefixed(joined(notes)) : NOTHING;
    return [
      block(
        years === 1
          ? msg('rule.holdsTitle.missingYear', { name, title, year, note })
          : msg('rule.holdsTitle.missingYears', {
              name,
              title,
              years: listing(required),
              missing: listing(missing),
              note,
            }),
      ),
    ];
  },
});

/** "; " before a non-empty note. */
function prefixed(text: LocalizedText): LocalizedText {
  return { vi: `; ${text.vi}`, en: `; ${text.en}` };
}

/**
 * The recipient holds at least `count` awards of another type (APPROVED or
 * ANNOUNCED) in the `years` years ending the nomination's year, counting
 * regular (thường xuyên) awards only: a thematic or ad hoc award does not
 * count toward a higher one (Decree 152/2025/NĐ-CP Art. 4(3)). Not in the
 * seeded catalogue; for rules such as "a Bằng khen needs two Giấy khen in
 * five years" that a province adds.
 */
export const HOLDS_AWARD = defineRule({
  code: 'HOLDS_AWARD',
  params: z
    .object({
      typeCode: z.string().min(1),
      count: z.number().int().min(1).default(1),
      years: z.number().int().min(1).max(20).default(1),
    })
    .strict(),
  basis: [{ act: 'ND_152_2025', article: '4', clause: '3' }],
  describe: ({ typeCode, count, years }, { label }) =>
    msg('ruleDesc.holdsAward', { title: label(typeCode), count, years }),
  async check({ manager, year, recipient, label, excludeAwardId }, { typeCode, count, years }) {
    const from = year - years + 1;
    const rows = await query<{
      year: number;
      status: string;
      kind: AwardKind;
      decision_number: string | null;
    }>(
      manager,
      sql`SELECT a.year, a.status, a.kind, a.decision_number FROM award a
           JOIN award_type t ON t.id = a.type_id
          WHERE t.code = ${typeCode} AND coalesce(a.person_id, a.unit_id) = ${recipient.id}
            AND a.year BETWEEN ${from} AND ${year} AND a.status = ANY(${HELD_STATUSES}) AND a.id IS DISTINCT FROM ${excludeAwardId}
          ORDER BY a.year, a.id`,
    );
    const counting = rows.filter((r) => COUNTING_KINDS.includes(r.kind));
    const name = recipientName(recipient);
    const title = label(typeCode);
    const span = yearSpan(year, years);
    if (counting.length >= count) {
      return [
        pass(
          msg('rule.holdsAward.held', {
            name,
            title,
            span,
            have: counting.length,
            years: listing(counting.map((r) => r.year)),
          }),
        ),
      ];
    }
    const excluded = notCounting(rows, title);
    return [
      block(
        msg('rule.holdsAward.missing', {
          name,
          title,
          span,
          have: counting.length,
          count,
          note: excluded ? prefixed(joined([excluded])) : NOTHING,
        }),
      ),
    ];
  },
});

/**
 * The recipient holds a VERIFIED achievement of one of `kinds` (initiatives,
 * research results) recognised at `minLevel` or above, achieved (its
 * achievedOn) in the `years` years ending the nomination's year.
 */
export const HAS_INITIATIVE = defineRule({
  code: 'HAS_INITIATIVE',
  params: z
    .object({
      minLevel: z.enum(InitiativeLevel).default(InitiativeLevel.GRASSROOTS),
      years: z.number().int().min(1).max(10).default(1),
      kinds: z
        .array(z.enum([AchievementKind.INITIATIVE, AchievementKind.RESEARCH]))
        .min(1)
        .default([AchievementKind.INITIATIVE]),
    })
    .strict(),
  describe: ({ minLevel, years, kinds }) =>
    msg('ruleDesc.hasInitiative', {
      what: either(kinds.map((k) => ACHIEVEMENT_KIND_NAMES[k])),
      level: LEVEL_NAMES[minLevel],
      span:
        years === 1
          ? { vi: 'trong năm', en: 'that year' }
          : { vi: `trong ${years} năm liền kề`, en: `in the ${years} years ending that year` },
    }),
  async check({ manager, year, recipient }, { minLevel, years, kinds }) {
    const from = year - years + 1;
    const rows = await query<{
      title: string;
      kind: AchievementKind;
      status: string;
      level: InitiativeLevel | null;
      achieved_on: string;
    }>(
      manager,
      sql`SELECT title, kind, status, initiative_level AS level, achieved_on FROM achievement
          WHERE coalesce(person_id, unit_id) = ${recipient.id} AND kind = ANY(${kinds})
            AND achieved_on >= make_date(${from}, 1, 1) AND achieved_on < make_date(${year} + 1, 1, 1)
          ORDER BY achieved_on DESC, id`,
    );
    const rank = (level: InitiativeLevel | null) => (level ? LEVELS.indexOf(level) : -1);
    const minRank = LEVELS.indexOf(minLevel);
    const name = recipientName(recipient);
    const span = yearSpan(year, years);
    const what = either(kinds.map((k) => ACHIEVEMENT_KIND_NAMES[k]));
    const qualifying = rows.find((r) => r.status === 'VERIFIED' && rank(r.level) >= minRank);
    if (qualifying) {
      return [
        pass(
          msg('rule.hasInitiative.found', {
            kind: ACHIEVEMENT_KIND_NAMES[qualifying.kind],
            title: qualifying.title,
            level: qualifying.level ? LEVEL_NAMES[qualifying.level] : NOTHING,
            on: qualifying.achieved_on,
            name,
          }),
        ),
      ];
    }
    const hints = rows.slice(0, 3).map((r) =>
      rank(r.level) < minRank
        ? msg('rule.hasInitiative.tooLow', {
            title: r.title,
            level: r.level ? LEVEL_NAMES[r.level] : { vi: 'chưa xác định', en: 'no' },
          })
        : msg('rule.hasInitiative.notVerified', { title: r.title, status: r.status }),
    );
    const hint = hints.length ? parenthesised(joined(hints)) : NOTHING;
    return [
      block(
        msg('rule.hasInitiative.missing', {
          name,
          what,
          span,
          level: LEVEL_NAMES[minLevel],
          hint,
        }),
      ),
    ];
  },
});

/** " (…)" around a non-empty text. */
function parenthesised(text: LocalizedText): LocalizedText {
  return { vi: ` (${text.vi})`, en: ` (${text.en})` };
}

/**
 * A quota, checked in the recipient's unit (people whose unit is that unit)
 * for the year: awards of this type, counting this nomination, may be at
 * most `maxShare` of the awards of `ofTitleCode`. Live awards (NOMINATED,
 * APPROVED, ANNOUNCED) count on both sides. `outcome` says what exceeding
 * it does: WARN (the default, as for the 15% CSTD_CO_SO share, a local
 * policy) or BLOCK.
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
  describe: ({ ofTitleCode, maxShare, outcome }, { label }) =>
    outcome === 'WARN'
      ? msg('ruleDesc.titleShare.warn', { of: label(ofTitleCode), share: maxShare })
      : msg('ruleDesc.titleShare.block', { of: label(ofTitleCode), share: maxShare }),
  async check(
    { manager, type, year, recipient, label, excludeAwardId },
    { ofTitleCode, maxShare, outcome },
  ) {
    const unit = recipient.unit;
    const [counts] = await query<{ mine: number; base: number }>(
      manager,
      sql`SELECT count(*) FILTER (WHERE a.type_id = ${type.id})::int AS mine,
              count(*) FILTER (WHERE t.code = ${ofTitleCode})::int AS base
         FROM award a JOIN award_type t ON t.id = a.type_id
        WHERE a.recipient_unit_id = ${unit.id} AND a.year = ${year} AND a.status = ANY(${LIVE_STATUSES})
          AND a.id IS DISTINCT FROM ${excludeAwardId}`,
    );
    const mine = (counts?.mine ?? 0) + 1;
    const base = counts?.base ?? 0;
    const allowed = Math.floor(maxShare * base + EPSILON);
    const params = {
      unit: unit.name,
      count: mine,
      title: label(type.code),
      year,
      base,
      of: label(ofTitleCode),
      limit: maxShare,
      allowed,
      share: base > 0 ? mine / base : 0,
    };
    if (base > 0 && mine <= allowed) return [pass(msg('rule.titleShare.within', params))];
    const message =
      base === 0 ? msg('rule.titleShare.noBase', params) : msg('rule.titleShare.over', params);
    return [outcome === 'BLOCK' ? block(message) : warn(message)];
  },
});

export { LEVEL_NAMES, yearSpan };
