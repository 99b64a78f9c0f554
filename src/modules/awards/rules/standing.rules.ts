import { query, sql } from '../../../common/sql';
import { z } from 'zod';
import { addMonths } from '../../../common/dates';
import { msg } from '../../../i18n/i18n';
import type { LocalizedText } from '../../../i18n/messages';
import { DISCIPLINE_KIND_NAMES, DisciplineKind } from '../../discipline/discipline.entity';
import { RATING_NAMES, ratedAtLeast, TaskRating } from '../../ratings/annual-rating.entity';
import { RecipientKind } from '../award-type.entity';
import { block, defineRule, NOTHING, pass, recipientName, type Finding } from './rule';

/**
 * The recipient's own rating for the year (a person's, or a unit's as a
 * collective) is `minRating` or better. No rating recorded is a BLOCK that
 * says who records it.
 */
export const RATED_AT_LEAST = defineRule({
  code: 'RATED_AT_LEAST',
  params: z.object({ minRating: z.enum(TaskRating) }).strict(),
  describe: ({ minRating }) => msg('ruleDesc.ratedAtLeast', { min: RATING_NAMES[minRating] }),
  async check({ manager, year, recipient }, { minRating }) {
    const column = recipient.kind === RecipientKind.INDIVIDUAL ? 'person_id' : 'unit_id';
    const rows = await query<{ rating: TaskRating }>(
      manager,
      sql`SELECT rating FROM annual_rating WHERE ${sql.ident(column)} = ${recipient.id} AND year = ${year}`,
    );
    const name = recipientName(recipient);
    const min = RATING_NAMES[minRating];
    const rating = rows[0]?.rating;
    if (!rating) {
      return [
        block(
          recipient.kind === RecipientKind.INDIVIDUAL
            ? msg('rule.rated.noneForPerson', { name, year, min })
            : msg('rule.rated.noneForUnit', { name, year, min }),
        ),
      ];
    }
    const params = { name, year, min, rating: RATING_NAMES[rating] };
    return [
      ratedAtLeast(rating, minRating)
        ? pass(msg('rule.rated.ok', params))
        : block(msg('rule.rated.below', params)),
    ];
  },
});

/**
 * A person recruited less than `minMonths` months before the end of the
 * year (counting the year's last day as served) is not considered: someone
 * recruited on 1 July has served 6 months by 31 December, someone recruited
 * on 2 July has not. People without a recorded recruitment date pass, with
 * a message saying so. Applies to individuals only.
 */
export const RECRUITED_BEFORE = defineRule({
  code: 'RECRUITED_BEFORE',
  params: z.object({ minMonths: z.number().int().min(1).max(60) }).strict(),
  describe: ({ minMonths }) => msg('ruleDesc.recruitedBefore', { months: minMonths }),
  async check({ year, recipient }, { minMonths }) {
    if (recipient.kind !== RecipientKind.INDIVIDUAL) return [];
    const name = recipient.person.fullName;
    const recruitedOn = recipient.person.recruitedOn;
    if (!recruitedOn) {
      return [pass(msg('rule.recruited.unknown', { name, months: minMonths, year }))];
    }
    // Served through 31 December: the months are counted up to 1 January of the next year.
    const latest = addMonths(`${year + 1}-01-01`, -minMonths);
    const params = { name, on: recruitedOn, months: minMonths, year, latest };
    return [
      recruitedOn <= latest
        ? pass(msg('rule.recruited.ok', params))
        : block(msg('rule.recruited.tooRecent', params)),
    ];
  },
});

/**
 * No discipline or investigation of the recipient is open on the day the
 * rules are applied (the nomination's day, or the decision's): an open one
 * defers the award, it does not refuse it for ever (Decree 152/2025/NĐ-CP
 * Art. 4). The message names the record.
 */
export const NO_OPEN_DISCIPLINE = defineRule({
  code: 'NO_OPEN_DISCIPLINE',
  params: z.object({}).strict(),
  describe: () => msg('ruleDesc.noOpenDiscipline'),
  async check({ manager, on, recipient }) {
    const column = recipient.kind === RecipientKind.INDIVIDUAL ? 'person_id' : 'unit_id';
    const rows = await query<{
      kind: DisciplineKind;
      reason: string;
      reference: string | null;
      from_date: string;
      to_date: string | null;
    }>(
      manager,
      sql`SELECT kind, reason, reference, from_date, to_date FROM discipline_record
        WHERE ${sql.ident(column)} = ${recipient.id} AND from_date <= ${on} AND (to_date IS NULL OR to_date >= ${on})
        ORDER BY from_date, id`,
    );
    const name = recipientName(recipient);
    if (rows.length === 0) return [pass(msg('rule.discipline.clear', { name, on }))];
    return rows.map((row): Finding => {
      const reference: LocalizedText = row.reference
        ? { vi: ` (số ${row.reference})`, en: ` (${row.reference})` }
        : NOTHING;
      const params = {
        name,
        what: DISCIPLINE_KIND_NAMES[row.kind],
        reference,
        reason: row.reason,
        from: row.from_date,
        on,
      };
      return block(
        row.to_date
          ? msg('rule.discipline.openUntil', { ...params, to: row.to_date })
          : msg('rule.discipline.open', params),
      );
    });
  },
});
