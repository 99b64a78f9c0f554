import type { EntityManager } from 'typeorm';
import type { Achievement } from '../../achievements/achievement.entity';
import { Person } from '../../people/person.entity';
import { Unit } from '../../units/unit.entity';
import { RecipientKind, type AwardType } from '../award-type.entity';
import { BASE_RULES, findRule } from './registry';
import { recipientMissing, RECIPIENT_EXISTS } from './recipient.rules';
import {
  block,
  InvalidRuleParams,
  RuleOutcome,
  type Check,
  type PreparedRule,
  type Recipient,
  type RuleContext,
} from './rule';

/** What the rules are run on. */
export interface RuleSubject {
  type: AwardType;
  /** The whole catalogue, for the names of the types rules refer to. */
  catalogue: readonly AwardType[];
  year: number;
  recipientKind: RecipientKind;
  recipientId: string;
  /** The recipient, or null when no person or unit has that id. */
  recipient: Recipient | null;
  citedIds: string[];
  cited: Achievement[];
}

/** The result of running every rule of a type. */
export interface Evaluation {
  /** False when any check is BLOCK. */
  eligible: boolean;
  checks: Check[];
  /** The WARN messages, to store on the award. */
  warnings: string[];
}

/** A naming function for messages: "Lao động tiên tiến (Advanced Worker)", or the code itself. */
export function labeller(catalogue: readonly AwardType[]): (code: string) => string {
  const byCode = new Map(catalogue.map((t) => [t.code, t]));
  return (code) => {
    const type = byCode.get(code);
    if (!type) return code;
    return type.nameEn ? `${type.name} (${type.nameEn})` : type.name;
  };
}

/** A rule of a type as clients read it in `AwardType.rules`. */
export interface RuleDescription {
  code: string;
  description: string;
  legalBasis: string | null;
}

/**
 * The rules of a type, prepared from the catalogue's data: the base rules,
 * then the type's own. An unknown code or bad parameters become a rule that
 * always blocks, naming the problem, so a mistake in the catalogue stops
 * nominations instead of silently skipping a criterion.
 */
function prepareRules(type: AwardType): PreparedRule[] {
  const base = BASE_RULES.map((rule) => rule.prepare({}, null));
  const own = (type.ruleSpecs ?? []).map((spec): PreparedRule => {
    const legalBasis = spec.legalBasis ?? type.legalBasis;
    const rule = findRule(spec.code);
    const broken = (message: string): PreparedRule => ({
      code: spec.code,
      legalBasis: legalBasis ?? null,
      describe: () => message,
      check: async () => [block(message)],
    });
    if (!rule)
      return broken(`The catalogue names an unknown rule ${spec.code}; fix the award type`);
    try {
      const prepared = rule.prepare(spec.params ?? {}, legalBasis);
      return prepared.legalBasis ? prepared : { ...prepared, legalBasis: type.legalBasis };
    } catch (error) {
      if (error instanceof InvalidRuleParams) return broken(error.message);
      throw error;
    }
  });
  return [...base, ...own];
}

/** Every rule of a type with a human description generated from its parameters. */
export function describeRules(type: AwardType, catalogue: readonly AwardType[]): RuleDescription[] {
  const label = labeller(catalogue);
  return prepareRules(type).map((rule) => ({
    code: rule.code,
    description: rule.describe(label),
    legalBasis: rule.legalBasis,
  }));
}

/**
 * Runs every rule of the subject's type and returns every check, in order.
 * When the recipient does not exist, only that BLOCK is reported: no other
 * rule means anything without a recipient.
 */
export async function evaluate(manager: EntityManager, subject: RuleSubject): Promise<Evaluation> {
  const rules = prepareRules(subject.type);
  const checks: Check[] = [];
  const recipient = subject.recipient;
  if (!recipient) {
    const exists = rules.find((rule) => rule.code === RECIPIENT_EXISTS.code);
    const finding = recipientMissing(subject.recipientKind, subject.recipientId);
    checks.push({
      rule: RECIPIENT_EXISTS.code,
      legalBasis: exists?.legalBasis ?? null,
      ...finding,
    });
  } else {
    const context: RuleContext = {
      manager,
      type: subject.type,
      year: subject.year,
      recipient,
      cited: subject.cited,
      citedIds: subject.citedIds,
      label: labeller(subject.catalogue),
    };
    // One at a time: they share the caller's connection (and transaction).
    for (const rule of rules) {
      for (const finding of await rule.check(context)) {
        checks.push({ rule: rule.code, legalBasis: rule.legalBasis, ...finding });
      }
    }
  }
  return {
    eligible: !checks.some((check) => check.outcome === RuleOutcome.BLOCK),
    checks,
    warnings: checks.filter((c) => c.outcome === RuleOutcome.WARN).map((c) => c.message),
  };
}

/**
 * Finds the recipient of a nomination with its unit. With `lock`, the
 * person's or unit's row is locked (FOR NO KEY UPDATE) until the transaction
 * ends, so that nominations of one recipient are checked one after another
 * and each sees what the previous one wrote.
 */
export async function findRecipient(
  manager: EntityManager,
  kind: RecipientKind,
  id: string,
  lock: boolean,
): Promise<Recipient | null> {
  const options = lock ? { lock: { mode: 'for_no_key_update' as const } } : {};
  if (kind === RecipientKind.INDIVIDUAL) {
    const person = await manager.findOne(Person, { where: { id }, ...options });
    if (!person) return null;
    const unit = await manager.findOneByOrFail(Unit, { id: person.unitId });
    return { kind, id, person, unit };
  }
  const unit = await manager.findOne(Unit, { where: { id }, ...options });
  return unit ? { kind, id, unit } : null;
}
