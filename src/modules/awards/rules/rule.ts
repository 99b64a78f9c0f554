import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { inBoth, msg, render, type Language, type Message } from '../../../i18n/i18n';
import type { LocalizedText } from '../../../i18n/messages';
import type { Achievement } from '../../achievements/achievement.entity';
import type { Person } from '../../people/person.entity';
import type { Unit } from '../../units/unit.entity';
import type { AwardType, RecipientKind } from '../award-type.entity';
import { AwardKind, AwardStatus } from '../award.entity';
import { basisText, readBasis, type Citation } from '../legal-basis';
import type { RuleBook } from '../rule-book';
import type { AwardTypeVersion, RuleSet, StoredRule } from '../rule-set.entity';

/** What a check concluded. */
export enum RuleOutcome {
  PASS = 'PASS',
  WARN = 'WARN',
  BLOCK = 'BLOCK',
}

/** One check of one rule: its outcome, what it found (a message of the catalogue) and its legal basis. */
export interface Check {
  rule: string;
  outcome: RuleOutcome;
  message: Message;
  /** The article the rule implements, in both languages; null when the catalogue cites none. */
  legalBasis: LocalizedText | null;
}

/** A check as clients read it in `eligibility`, in their language. */
export interface CheckView {
  rule: string;
  outcome: RuleOutcome;
  message: string;
  legalBasis: string | null;
}

/** A check shown in `language`. */
export function viewCheck(check: Check, language: Language): CheckView {
  return {
    rule: check.rule,
    outcome: check.outcome,
    message: render(check.message, language),
    legalBasis: check.legalBasis?.[language] ?? null,
  };
}

/**
 * A check as `extensions.checks` carries it: rendered in English, with the
 * key, parameters and both texts of the legal basis, so that the error
 * formatter shows it in the client's language.
 */
export function checkExtension(check: Check): Record<string, unknown> {
  return {
    ...viewCheck(check, 'en'),
    messageKey: check.message.key,
    messageParams: check.message.params,
    legalBasisText: check.legalBasis,
  };
}

/** A check before the engine adds the rule code and legal basis. */
export interface Finding {
  outcome: RuleOutcome;
  message: Message;
}

/** The recipient of a nomination, once found. A person comes with their unit. */
export type Recipient =
  | { kind: RecipientKind.INDIVIDUAL; id: string; person: Person; unit: Unit }
  | { kind: RecipientKind.COLLECTIVE; id: string; unit: Unit };

/** What rules describing themselves may use. */
export interface DescribeTools {
  /** Names of award types by code, in both languages. */
  label(code: string): LocalizedText;
  /** Prepares a nested rule (for rules made of rules). */
  prepare(spec: StoredRule): PreparedRule;
}

/** Everything a rule may look at. Rules only read; they never write. */
export interface RuleContext extends DescribeTools {
  manager: EntityManager;
  /** The law as data: other types' versions, for rules that refer to them. */
  book: RuleBook;
  /** The type being nominated. */
  type: AwardType;
  /** Its version in force on `on`, and that rule set. */
  version: AwardTypeVersion;
  ruleSet: RuleSet;
  /** The day the rules are applied on: the nomination's day, or the decision's. */
  on: string;
  year: number;
  kind: AwardKind;
  recipient: Recipient;
  /** The achievements the nomination cites, as found (missing ids are left out). */
  cited: Achievement[];
  /** Ids the nomination cites, deduplicated, including any that do not exist. */
  citedIds: string[];
  /** When an existing award is re-checked at its decision: that award, which the rules ignore. */
  excludeAwardId: string | null;
}

/**
 * How a rule is written: code registered by name, parameterised by the
 * catalogue's data (`params`), so that a new version of the law changes data,
 * not code. `params` is a zod schema for that data.
 */
export interface RuleDefinition<P> {
  code: string;
  params: z.ZodType<P>;
  /** The legal basis used when the catalogue entry cites none. */
  basis?: Citation[];
  /** One sentence a secretary can read, e.g. "More than 50% of the unit's members hold …". */
  describe(params: P, tools: DescribeTools): Message;
  /** The findings of this rule for one nomination (usually one). */
  check(context: RuleContext, params: P): Promise<Finding[]>;
}

/** A rule bound to the parameters of one catalogue entry. */
export interface PreparedRule {
  code: string;
  legalBasis: LocalizedText | null;
  describe(tools: DescribeTools): Message;
  check(context: RuleContext): Promise<Finding[]>;
}

/** A registered rule: binds catalogue parameters after checking them. */
export interface Rule {
  code: string;
  /**
   * Checks `params` (catalogue data) and binds them.
   * Throws InvalidRuleParams when they do not fit the rule.
   */
  prepare(params: unknown, basis?: unknown): PreparedRule;
}

/** Catalogue data that does not fit a rule's parameters. */
export class InvalidRuleParams extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(`The catalogue gives rule ${code} invalid parameters (${detail}); fix the award type`);
  }

  /** What nominations are told while the catalogue is wrong. */
  get finding(): Message {
    return msg('rule.catalogue.invalidParams', { code: this.code, detail: this.detail });
  }
}

/** Makes a registered rule from its definition. */
export function defineRule<P>(definition: RuleDefinition<P>): Rule {
  return {
    code: definition.code,
    prepare(raw, basis) {
      const parsed = definition.params.safeParse(raw ?? {});
      if (!parsed.success) {
        const detail = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`)
          .join('; ');
        throw new InvalidRuleParams(definition.code, detail);
      }
      const params = parsed.data;
      const cited = basis === undefined ? [] : readBasis(basis);
      return {
        code: definition.code,
        legalBasis: basisText(cited.length ? cited : definition.basis),
        describe: (tools) => definition.describe(params, tools),
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

/**
 * Kinds of award that count toward a higher one. Thematic and ad hoc awards
 * do not (Decree 152/2025/NĐ-CP Art. 4(3)).
 */
export const COUNTING_KINDS: readonly AwardKind[] = [AwardKind.THUONG_XUYEN];

/** Names of award kinds, for messages. */
export const KIND_NAMES: Record<AwardKind, LocalizedText> = {
  THUONG_XUYEN: { vi: 'thường xuyên', en: 'regular (thường xuyên)' },
  CHUYEN_DE: { vi: 'chuyên đề', en: 'thematic (chuyên đề)' },
  DOT_XUAT: { vi: 'đột xuất', en: 'ad hoc (đột xuất)' },
};

/** The display name of the recipient. */
export function recipientName(recipient: Recipient): string {
  return recipient.kind === 'INDIVIDUAL' ? recipient.person.fullName : recipient.unit.name;
}

/** Joins a list for messages: "2021, 2022 and 2023" / "2021, 2022 và 2023". */
export function listing(items: readonly (string | number | LocalizedText)[]): LocalizedText {
  const join = (parts: string[], and: string) =>
    parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${and} ${parts.at(-1)}`;
  const text = (item: string | number | LocalizedText, language: Language) =>
    typeof item === 'object' ? item[language] : String(item);
  return {
    vi: join(
      items.map((i) => text(i, 'vi')),
      'và',
    ),
    en: join(
      items.map((i) => text(i, 'en')),
      'and',
    ),
  };
}

/** Alternatives for messages: "initiative or research result" / "sáng kiến hoặc đề tài". */
export function either(items: readonly LocalizedText[]): LocalizedText {
  const join = (parts: string[], or: string) =>
    parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${or} ${parts.at(-1)}`;
  return {
    vi: join(
      items.map((i) => i.vi),
      'hoặc',
    ),
    en: join(
      items.map((i) => i.en),
      'or',
    ),
  };
}

/**
 * "(1) rated …; (2) has …": alternatives or parts, numbered, without their
 * closing full stops. `sentences`: the items are sentences of their own (rule
 * descriptions), whose first letter is lowered to run on.
 */
export function numbered(items: readonly LocalizedText[], sentences = false): LocalizedText {
  const text = (language: Language) =>
    items
      .map((item, i) => {
        const body = item[language].replace(/\.$/, '');
        const start = sentences ? body.charAt(0).toLowerCase() : body.charAt(0);
        return `(${i + 1}) ${start}${body.slice(1)}`;
      })
      .join('; ');
  return { vi: text('vi'), en: text('en') };
}

/** Several messages as one text in both languages, joined with `separator`. */
export function joined(messages: readonly Message[], separator = '; '): LocalizedText {
  const both = messages.map(inBoth);
  return {
    vi: both.map((m) => m.vi).join(separator),
    en: both.map((m) => m.en).join(separator),
  };
}

/** "1 verified achievement" / "2 verified achievements" (Vietnamese has no plural). */
export function counted(count: number, vi: string, one: string, many: string): LocalizedText {
  return { vi: `${count} ${vi}`, en: `${count} ${count === 1 ? one : many}` };
}

/** Text that is the same in both languages. */
export const same = (text: string): LocalizedText => ({ vi: text, en: text });

/** No text, in both languages (an optional part of a message that is absent). */
export const NOTHING: LocalizedText = same('');

/** Tolerance when comparing shares, so that exactly 50% of 10 passes a 0.5 threshold. */
export const EPSILON = 1e-9;

export const pass = (message: Message): Finding => ({ outcome: RuleOutcome.PASS, message });
export const warn = (message: Message): Finding => ({ outcome: RuleOutcome.WARN, message });
export const block = (message: Message): Finding => ({ outcome: RuleOutcome.BLOCK, message });
