import { query, sql } from '../../common/sql';
import type { EntityManager } from 'typeorm';
import { vietnamDay } from '../../common/dates';
import { inBoth, msg, type Message } from '../../i18n/i18n';
import { RecipientKind } from './award-type.entity';
import { AwardStatus, type Award } from './award.entity';
import { basisText, readBasis } from './legal-basis';
import { roundedBonus, RuleBook, type SalaryOnDay } from './rule-book';
import type { AwardTypeVersion, RuleSet } from './rule-set.entity';

/** How an award's bonus was worked out, and what is paid. */
export interface Bonus {
  /** The day whose law and base salary apply: the decision's, or (until decided) the nomination's. */
  on: string;
  ruleSet: RuleSet | null;
  version: AwardTypeVersion | null;
  /** The multiple of the base salary for this kind of recipient; null when there is none. */
  multiple: number | null;
  salary: SalaryOnDay | null;
  /** multiple × base salary, rounded up (0 when it cannot be worked out). */
  amount: number;
  /** What is paid: `amount`, or 0 (rejected, revoked, a higher title of the year paid instead). */
  payable: number;
  /** How it was worked out, or why nothing is paid. */
  note: Message;
}

/** The day an award's law applies on: its decision's, or its nomination's (in Vietnam). */
export function lawDayOf(award: Pick<Award, 'decidedOn' | 'nominatedAt'>): string {
  return award.decidedOn ?? vietnamDay(new Date(award.nominatedAt));
}

/** The held titles a batch of awards is compared with (one statement). */
interface HeldTitle {
  id: string;
  type_id: string;
  person_id: string | null;
  unit_id: string | null;
  year: number;
  decision_number: string | null;
  decided_on: string | null;
  nominated_at: Date;
}

/**
 * The bonus of each award: multiple × the base salary in force on its law
 * day, rounded up (Decree 152/2025/NĐ-CP Art. 49, 54), and what is paid.
 * A title is not paid when the same recipient holds (APPROVED or ANNOUNCED)
 * a higher title for the same year (only the highest title of a period is
 * paid, Art. 49). One statement for the whole batch, only when it has titles.
 */
export async function bonusesOf(
  manager: EntityManager,
  book: RuleBook,
  awards: readonly Award[],
): Promise<Bonus[]> {
  const titles = awards.filter((a) => a.isTitle);
  let held: HeldTitle[] = [];
  if (titles.length) {
    held = await query(
      manager,
      sql`SELECT id, type_id, person_id, unit_id, year, decision_number, decided_on, nominated_at
         FROM award
        WHERE is_title AND status IN ('APPROVED', 'ANNOUNCED')
          AND (person_id = ANY(${[...new Set(titles.map((a) => a.personId).filter(Boolean))]}) OR unit_id = ANY(${[...new Set(titles.map((a) => a.unitId).filter(Boolean))]})) AND year = ANY(${[...new Set(titles.map((a) => a.year))]})`,
    );
  }
  return awards.map((award) => bonusOf(book, award, held));
}

function bonusOf(book: RuleBook, award: Award, held: readonly HeldTitle[]): Bonus {
  const on = lawDayOf(award);
  const kind = award.personId ? RecipientKind.INDIVIDUAL : RecipientKind.COLLECTIVE;
  const type = book.typeById(award.typeId);
  const title = book.label(type?.code ?? award.typeId);
  const inForce = book.versionOn(award.typeId, on);
  const salary = book.salaryOn(on) ?? null;
  const base = {
    on,
    ruleSet: inForce?.ruleSet ?? null,
    version: inForce?.version ?? null,
    salary,
  };
  const nothing = (note: Message, multiple: number | null = null): Bonus => ({
    ...base,
    multiple,
    amount: 0,
    payable: 0,
    note,
  });
  if (!inForce) {
    return nothing(msg('bonus.noRuleSet', { on }));
  }
  const multiple = RuleBook.multipleFor(inForce.version, kind);
  if (multiple === null) {
    return nothing(msg('bonus.noMultiple', { title, ruleSet: inForce.ruleSet.name }));
  }
  if (!salary) return nothing(msg('bonus.noSalary', { on }), multiple);
  const amount = roundedBonus(multiple, salary.amount, inForce.ruleSet.roundingUnit);
  const worked: Bonus = {
    ...base,
    multiple,
    amount,
    payable: amount,
    note: msg('bonus.computed', {
      multiple,
      salary: salary.amount,
      since: salary.validFrom,
      raw: (Math.round(multiple * 100) * salary.amount) / 100,
      amount,
      unit: inForce.ruleSet.roundingUnit,
    }),
  };
  if (award.status === AwardStatus.REJECTED) {
    return { ...worked, payable: 0, note: msg('bonus.rejected') };
  }
  if (award.status === AwardStatus.REVOKED) {
    return { ...worked, payable: 0, note: msg('bonus.revoked') };
  }
  if (award.isTitle && inForce.ruleSet.highestTitleOnly) {
    const recipientId = award.personId ?? award.unitId;
    const higher = held
      .filter(
        (h) =>
          h.id !== award.id && (h.person_id ?? h.unit_id) === recipientId && h.year === award.year,
      )
      .filter((h) => book.compareTitles(h.type_id, award.typeId) < 0)
      .sort((a, b) => book.compareTitles(a.type_id, b.type_id))[0];
    if (higher) {
      const higherType = book.typeById(higher.type_id);
      const decision = higher.decision_number
        ? msg('bonus.decision', {
            number: higher.decision_number,
            on: higher.decided_on ?? vietnamDay(new Date(higher.nominated_at)),
          })
        : msg('bonus.noDecision');
      const basis = basisText(readBasis(inForce.ruleSet.moneyCitations));
      return {
        ...worked,
        payable: 0,
        note: msg('bonus.superseded', {
          title,
          year: award.year,
          higher: book.label(higherType?.code ?? higher.type_id),
          decision: inBoth(decision),
          basis: basis ?? { vi: '', en: '' },
        }),
      };
    }
  }
  return worked;
}
