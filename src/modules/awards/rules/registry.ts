import { CITED_ACHIEVEMENTS, CITES_VERIFIED_ACHIEVEMENT } from './achievement.rules';
import { MEMBERS_HOLD_TITLE, MEMBERS_RATED } from './collective.rules';
import { ANY_OF, MEETS_STANDARD_OF } from './composite.rules';
import { RECIPIENT_EXISTS, RECIPIENT_KIND } from './recipient.rules';
import type { Rule } from './rule';
import { NO_OPEN_DISCIPLINE, RATED_AT_LEAST, RECRUITED_BEFORE } from './standing.rules';
import {
  AWARD_KINDS,
  HAS_INITIATIVE,
  HOLDS_AWARD,
  HOLDS_TITLE,
  TITLE_ONCE_A_YEAR,
  TITLE_SHARE_IN_UNIT,
} from './title.rules';

/**
 * Rules every nomination is checked against, whatever the catalogue says:
 * they guard what a nomination is about (who receives it, what it cites)
 * rather than a criterion of one type. They run first, in this order.
 * RECIPIENT_EXISTS comes first: when it blocks, nothing else can be checked.
 */
export const BASE_RULES: readonly Rule[] = [RECIPIENT_EXISTS, RECIPIENT_KIND, CITED_ACHIEVEMENTS];

/** Rules a catalogue entry may name in its `rules` list, by code. */
const CATALOGUE_RULES = new Map<string, Rule>(
  [
    NO_OPEN_DISCIPLINE,
    AWARD_KINDS,
    TITLE_ONCE_A_YEAR,
    RATED_AT_LEAST,
    RECRUITED_BEFORE,
    MEETS_STANDARD_OF,
    ANY_OF,
    HOLDS_TITLE,
    HOLDS_AWARD,
    HAS_INITIATIVE,
    TITLE_SHARE_IN_UNIT,
    MEMBERS_HOLD_TITLE,
    MEMBERS_RATED,
    CITES_VERIFIED_ACHIEVEMENT,
  ].map((rule) => [rule.code, rule]),
);

/** The catalogue rule registered under `code`, or undefined. */
export function findRule(code: string): Rule | undefined {
  return CATALOGUE_RULES.get(code);
}

/** Every code a catalogue entry may use. */
export function catalogueRuleCodes(): string[] {
  return [...CATALOGUE_RULES.keys()];
}
