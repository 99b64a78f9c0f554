import { query, sql } from '../../../common/sql';
import { z } from 'zod';
import { inBoth, msg } from '../../../i18n/i18n';
import type { StoredRule } from '../rule-set.entity';
import {
  block,
  COUNTING_KINDS,
  defineRule,
  HELD_STATUSES,
  joined,
  numbered,
  pass,
  recipientName,
  RuleOutcome,
  type Finding,
} from './rule';

const storedRule = z
  .object({
    code: z.string().min(1),
    params: z.record(z.string(), z.unknown()).optional(),
    basis: z.unknown().optional(),
    legalBasis: z.string().optional(),
  })
  .strict();

/**
 * Rules of another type that make up its *standard* (tiêu chuẩn): everything
 * but bookkeeping (once a year, the kind of nomination, quotas, discipline)
 * and rules that refer to other standards.
 */
const NOT_PART_OF_A_STANDARD = new Set([
  'TITLE_ONCE_A_YEAR',
  'AWARD_KINDS',
  'TITLE_SHARE_IN_UNIT',
  'NO_OPEN_DISCIPLINE',
  'MEETS_STANDARD_OF',
]);

/**
 * At least one of several rules is met: `rules` are catalogue entries like
 * the type's own ({ code, params }). Chiến sĩ thi đua cơ sở asks for an
 * excellent rating, or an initiative, or a research result (Law 06/2022/QH15
 * Art. 23). PASS with the alternative that is met; BLOCK with what each
 * alternative lacks.
 */
export const ANY_OF = defineRule({
  code: 'ANY_OF',
  params: z.object({ rules: z.array(storedRule).min(2) }).strict(),
  describe: ({ rules }, tools) =>
    msg('ruleDesc.anyOf', {
      alternatives: numbered(
        rules.map((spec) => inBoth(tools.prepare(spec as StoredRule).describe(tools))),
        true,
      ),
    }),
  async check(context, { rules }) {
    const outcomes: Finding[][] = [];
    for (const spec of rules) {
      const findings = await context.prepare(spec as StoredRule).check(context);
      if (findings.every((f) => f.outcome !== RuleOutcome.BLOCK)) {
        return [pass(msg('rule.anyOf.met', { met: joined(findings.map((f) => f.message)) }))];
      }
      outcomes.push(findings.filter((f) => f.outcome === RuleOutcome.BLOCK));
    }
    return [
      block(
        msg('rule.anyOf.none', {
          count: rules.length,
          details: numbered(outcomes.map((findings) => joined(findings.map((f) => f.message)))),
        }),
      ),
    ];
  },
});

/**
 * The recipient meets the standard of another type that year (CSTD_CO_SO:
 * "đạt tiêu chuẩn Lao động tiên tiến"), which is not the same as holding it:
 * that type's own criteria in the rule set in force are run for the
 * recipient. Holding that title the same year (a regular award) is enough.
 */
export const MEETS_STANDARD_OF = defineRule({
  code: 'MEETS_STANDARD_OF',
  params: z.object({ typeCode: z.string().min(1) }).strict(),
  describe: ({ typeCode }, { label }) =>
    msg('ruleDesc.meetsStandardOf', { title: label(typeCode) }),
  async check(context, { typeCode }) {
    const { manager, book, ruleSet, recipient, year, label, excludeAwardId } = context;
    const name = recipientName(recipient);
    const title = label(typeCode);
    const held = await query<{ id: string }>(
      manager,
      sql`SELECT a.id FROM award a JOIN award_type t ON t.id = a.type_id
        WHERE t.code = ${typeCode} AND coalesce(a.person_id, a.unit_id) = ${recipient.id} AND a.year = ${year}
          AND a.status = ANY(${HELD_STATUSES}) AND a.kind = ANY(${COUNTING_KINDS}) AND a.id IS DISTINCT FROM ${excludeAwardId}
        LIMIT 1`,
    );
    if (held.length) return [pass(msg('rule.meetsStandard.holds', { name, title, year }))];
    const other = book.typeByCode(typeCode);
    const version = other && book.versionIn(other.id, ruleSet.id);
    if (!other || !version) {
      return [block(msg('rule.meetsStandard.unknown', { title, ruleSet: ruleSet.name }))];
    }
    const criteria = version.ruleSpecs.filter((spec) => !NOT_PART_OF_A_STANDARD.has(spec.code));
    const findings: Finding[] = [];
    const inner = { ...context, type: other, version };
    for (const spec of criteria) findings.push(...(await context.prepare(spec).check(inner)));
    const blocks = findings.filter((f) => f.outcome === RuleOutcome.BLOCK);
    if (blocks.length) {
      return [
        block(
          msg('rule.meetsStandard.fails', {
            name,
            title,
            year,
            details: joined(blocks.map((f) => f.message)),
          }),
        ),
      ];
    }
    return [
      pass(
        msg('rule.meetsStandard.meets', {
          name,
          title,
          year,
          details: joined(findings.map((f) => f.message)),
        }),
      ),
    ];
  },
});
