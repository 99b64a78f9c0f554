import type { EntityManager } from 'typeorm';
import { msg, type Message } from '../../../i18n/i18n';
import type { LocalizedText } from '../../../i18n/messages';
import type { Achievement } from '../../achievements/achievement.entity';
import { Person } from '../../people/person.entity';
import { Unit } from '../../units/unit.entity';
import { RecipientKind, type AwardType } from '../award-type.entity';
import type { AwardKind } from '../award.entity';
import { basisText, readBasis } from '../legal-basis';
import type { RuleBook } from '../rule-book';
import type { AwardTypeVersion, RuleSet, StoredRule } from '../rule-set.entity';
import { BASE_RULES, findRule } from './registry';
import { recipientMissing, RECIPIENT_EXISTS } from './recipient.rules';
import {
  block,
  InvalidRuleParams,
  pass,
  RuleOutcome,
  type Check,
  type DescribeTools,
  type PreparedRule,
  type Recipient,
  type RuleContext,
} from './rule';

/** The code of the check that says which rule set the others were run under. */
export const RULE_SET_CHECK = 'RULE_SET_IN_FORCE';

/** What the rules are run on. */
export interface RuleSubject {
  book: RuleBook;
  type: AwardType;
  /** The day the rules are applied on (the nomination's, or the decision's): picks the rule set. */
  on: string;
  year: number;
  kind: AwardKind;
  recipientKind: RecipientKind;
  recipientId: string;
  /** The recipient, or null when no person or unit has that id. */
  recipient: Recipient | null;
  citedIds: string[];
  cited: Achievement[];
  /** An award being re-checked at its decision, which the rules leave out of their counts. */
  excludeAwardId?: string | null;
}

/** The result of running every rule of a type. */
export interface Evaluation {
  /** False when any check is BLOCK. */
  eligible: boolean;
  checks: Check[];
  /** The WARN checks, to store on the award. */
  warnings: Check[];
  /** The version the rules came from, or null when none was in force. */
  applied: { version: AwardTypeVersion; ruleSet: RuleSet } | null;
  /** The day whose rule set was applied. */
  on: string;
}

/** A rule of a type as clients read it in `AwardType.rules`. */
export interface RuleDescription {
  code: string;
  description: Message;
  legalBasis: LocalizedText | null;
}

/**
 * A catalogue entry made into a rule. An unknown code or bad parameters
 * become a rule that always blocks, naming the problem, so a mistake in the
 * catalogue stops nominations instead of silently skipping a criterion.
 */
export function prepareSpec(spec: StoredRule): PreparedRule {
  const rawBasis = spec.basis ?? spec.legalBasis;
  const legalBasis = basisText(readBasis(rawBasis));
  const broken = (message: Message): PreparedRule => ({
    code: spec.code,
    legalBasis,
    describe: () => message,
    check: async () => [block(message)],
  });
  const rule = findRule(spec.code);
  if (!rule) return broken(msg('rule.catalogue.unknownRule', { code: spec.code }));
  try {
    return rule.prepare(spec.params ?? {}, rawBasis);
  } catch (error) {
    if (error instanceof InvalidRuleParams) return broken(error.finding);
    throw error;
  }
}

/** The rules of a version: the base rules, then the version's own. */
function prepareRules(version: AwardTypeVersion): PreparedRule[] {
  return [
    ...BASE_RULES.map((rule) => rule.prepare({})),
    ...(version.ruleSpecs ?? []).map(prepareSpec),
  ];
}

/** What rules describing themselves may use, from the book. */
function toolsOf(book: RuleBook): DescribeTools {
  return { label: (code) => book.label(code), prepare: prepareSpec };
}

/** Every rule of a type's version, with a description generated from its parameters. */
export function describeRules(version: AwardTypeVersion, book: RuleBook): RuleDescription[] {
  const tools = toolsOf(book);
  return prepareRules(version).map((rule) => ({
    code: rule.code,
    description: rule.describe(tools),
    legalBasis: rule.legalBasis,
  }));
}

/** The check saying which rule set applies, or why none does. */
function ruleSetCheck(subject: RuleSubject): { check: Check; applied: Evaluation['applied'] } {
  const { book, type, on } = subject;
  const title = book.label(type.code);
  const ruleSet = book.ruleSetOn(on);
  const version = ruleSet && book.versionIn(type.id, ruleSet.id);
  if (ruleSet && version) {
    return {
      applied: { ruleSet, version },
      check: {
        rule: RULE_SET_CHECK,
        ...pass(
          msg('rule.ruleSet.applied', {
            title,
            ruleSet: ruleSet.name,
            on,
            from: ruleSet.validFrom,
          }),
        ),
        legalBasis: basisText(readBasis(version.typeCitations)),
      },
    };
  }
  const first = book.ruleSets[0];
  const message = ruleSet
    ? msg('rule.ruleSet.typeMissing', { title, ruleSet: ruleSet.name, on })
    : first
      ? msg('rule.ruleSet.none', { on, from: first.validFrom })
      : msg('rule.ruleSet.empty', { on });
  return { applied: null, check: { rule: RULE_SET_CHECK, ...block(message), legalBasis: null } };
}

/**
 * Runs every rule of the subject's type, under the version in force on the
 * subject's day, and returns every check, in order: first the rule set
 * applied, then the base rules, then the version's own. When no version is in
 * force, or the recipient does not exist, that BLOCK is all that is reported:
 * no other rule means anything without them.
 */
export async function evaluate(manager: EntityManager, subject: RuleSubject): Promise<Evaluation> {
  const { check: setCheck, applied } = ruleSetCheck(subject);
  const checks: Check[] = [setCheck];
  const recipient = subject.recipient;
  if (applied && !recipient) {
    const exists = RECIPIENT_EXISTS.prepare({});
    checks.push({
      rule: RECIPIENT_EXISTS.code,
      legalBasis: exists.legalBasis,
      ...recipientMissing(subject.recipientKind, subject.recipientId),
    });
  } else if (applied && recipient) {
    const context: RuleContext = {
      ...toolsOf(subject.book),
      manager,
      book: subject.book,
      type: subject.type,
      version: applied.version,
      ruleSet: applied.ruleSet,
      on: subject.on,
      year: subject.year,
      kind: subject.kind,
      recipient,
      cited: subject.cited,
      citedIds: subject.citedIds,
      excludeAwardId: subject.excludeAwardId ?? null,
    };
    // One at a time: they share the caller's connection (and transaction).
    for (const rule of prepareRules(applied.version)) {
      for (const finding of await rule.check(context)) {
        checks.push({ rule: rule.code, legalBasis: rule.legalBasis, ...finding });
      }
    }
  }
  return {
    eligible: !checks.some((check) => check.outcome === RuleOutcome.BLOCK),
    checks,
    warnings: checks.filter((c) => c.outcome === RuleOutcome.WARN),
    applied,
    on: subject.on,
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
