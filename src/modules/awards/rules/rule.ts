import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Achievement } from '../../achievements/achievement.entity';
import type { Person } from '../../people/person.entity';
import type { Unit } from '../../units/unit.entity';
import type { AwardType, RecipientKind } from '../award-type.entity';
import { AwardStatus } from '../award.entity';

/** What a check concluded. */
export enum RuleOutcome {
  PASS = 'PASS',
  WARN = 'WARN',
  BLOCK = 'BLOCK',
}

/** One check of one rule, as clients see it in `eligibility` and in `extensions.checks`. */
export interface Check {
  rule: string;
  outcome: RuleOutcome;
  message: string;
  legalBasis: string | null;
}

/** A check before the engine adds the rule code and legal basis. */
export interface Finding {
  outcome: RuleOutcome;
  message: string;
}

/** The recipient of a nomination, once found. A person comes with their unit. */
export type Recipient =
  | { kind: RecipientKind.INDIVIDUAL; id: string; person: Person; unit: Unit }
  | { kind: RecipientKind.COLLECTIVE; id: string; unit: Unit };

/** Everything a rule may look at. Rules only read; they never write. */
export interface RuleContext {
  manager: EntityManager;
  /** The type being nominated. */
  type: AwardType;
  year: number;
  recipient: Recipient;
  /** The achievements the nomination cites, as found (missing ids are left out). */
  cited: Achievement[];
  /** Ids the nomination cites, deduplicated, including any that do not exist. */
  citedIds: string[];
  /** Human names of award types by code, for messages. */
  label(code: string): string;
}

/**
 * How a rule is written: code registered by name, parameterised by the
 * catalogue's data (`params`), so that a new version of the law changes data,
 * not code. `params` is a zod schema for that data.
 */
export interface RuleDefinition<P> {
  code: string;
  params: z.ZodType<P>;
  /** The legal basis used when the catalogue entry gives none. */
  legalBasis?: string;
  /** One sentence a secretary can read, e.g. "At least 50% of the unit's members hold ...". */
  describe(params: P, label: (code: string) => string): string;
  /** The findings of this rule for one nomination (usually one). */
  check(context: RuleContext, params: P): Promise<Finding[]>;
}

/** A rule bound to the parameters of one catalogue entry. */
export interface PreparedRule {
  code: string;
  legalBasis: string | null;
  describe(label: (code: string) => string): string;
  check(context: RuleContext): Promise<Finding[]>;
}

/** A registered rule: binds catalogue parameters after checking them. */
export interface Rule {
  code: string;
  /**
   * Checks `params` (catalogue data) and binds them.
   * Throws InvalidRuleParams when they do not fit the rule.
   */
  prepare(params: unknown, legalBasis?: string | null): PreparedRule;
}

/** Catalogue data that does not fit a rule's parameters. */
export class InvalidRuleParams extends Error {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(`The catalogue gives rule ${code} invalid parameters (${detail}); fix the award type`);
  }
}

/** Makes a registered rule from its definition. */
export function defineRule<P>(definition: RuleDefinition<P>): Rule {
  return {
    code: definition.code,
    prepare(raw, legalBasis) {
      const parsed = definition.params.safeParse(raw ?? {});
      if (!parsed.success) {
        const detail = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`)
          .join('; ');
        throw new InvalidRuleParams(definition.code, detail);
      }
      const params = parsed.data;
      return {
        code: definition.code,
        legalBasis: legalBasis ?? definition.legalBasis ?? null,
        describe: (label) => definition.describe(params, label),
        check: (context) => definition.check(context, params),
      };
    },
  };
}

/** Awards that count as held: decided by the council, possibly announced. */
export const HELD_STATUSES: readonly AwardStatus[] = [AwardStatus.APPROVED, AwardStatus.ANNOUNCED];

/** Awards that are still alive: neither rejected nor revoked. */
export const LIVE_STATUSES: readonly AwardStatus[] = [
  AwardStatus.NOMINATED,
  AwardStatus.APPROVED,
  AwardStatus.ANNOUNCED,
];

/** The display name of the recipient. */
export function recipientName(recipient: Recipient): string {
  return recipient.kind === 'INDIVIDUAL' ? recipient.person.fullName : recipient.unit.name;
}

/** A share as a percentage for messages: 0.5 → "50%", 2/3 → "66.7%". */
export function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/** Joins a list for messages: "2021, 2022 and 2023". */
export function listing(items: readonly (string | number)[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Tolerance when comparing shares, so that exactly 50% of 10 passes a 0.5 threshold. */
export const EPSILON = 1e-9;

export const pass = (message: string): Finding => ({ outcome: RuleOutcome.PASS, message });
export const warn = (message: string): Finding => ({ outcome: RuleOutcome.WARN, message });
export const block = (message: string): Finding => ({ outcome: RuleOutcome.BLOCK, message });
