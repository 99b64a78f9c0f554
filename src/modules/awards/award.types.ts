import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { AwardType } from './award-type.entity';
import { Award } from './award.entity';
import { RuleSet } from './rule-set.entity';
import { RuleOutcome } from './rules/rule';

registerEnumType(RuleOutcome, {
  name: 'RuleOutcome',
  description: 'What one rule check found.',
  valuesConfig: {
    PASS: { description: 'The rule is met.' },
    WARN: { description: 'Allowed, but worth a second look; stored on the award as a warning.' },
    BLOCK: { description: 'Not met: the nomination is refused with RULE_VIOLATION.' },
  },
});

/** A rule of an award type, described from the catalogue's parameters. */
@ObjectType({ description: 'A rule checked before a nomination of this type is accepted.' })
export class AwardRule {
  @Field({ description: 'The code of the registered rule, e.g. HOLDS_TITLE.' })
  code!: string;

  @Field({
    description:
      "What the rule asks, with the thresholds, counts and years of the catalogue, in the reader's language.",
  })
  description!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The article the rule implements, e.g. Law 06/2022/QH15, Art. 23.',
  })
  legalBasis!: string | null;
}

@ObjectType({ description: 'What one rule found for the recipient and year.' })
export class EligibilityCheck {
  @Field({ description: 'The code of the rule that made this check.' })
  rule!: string;

  @Field(() => RuleOutcome, { description: 'PASS, WARN or BLOCK.' })
  outcome!: RuleOutcome;

  @Field({
    description:
      "What was found, naming any missing title, rating, year or record, in the reader's language (Accept-Language).",
  })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The article the rule implements, in the reader’s language.',
  })
  legalBasis!: string | null;
}

@ObjectType({
  description: 'The result of every rule of an award type for one recipient and year.',
})
export class Eligibility {
  @Field({ description: 'False when any check is BLOCK.' })
  eligible!: boolean;

  @Field(() => [EligibilityCheck], {
    description:
      "Every check made, in order: the rule set applied, the base rules, then the type's own rules; a rule may make several. For an unknown recipient, only that BLOCK.",
  })
  checks!: EligibilityCheck[];

  @Field(() => LocalDateScalar, { description: 'The day whose rule set was applied.' })
  on!: string;

  @Field(() => RuleSet, {
    nullable: true,
    description: 'The rule set applied; null when none was in force on that day.',
  })
  ruleSet!: RuleSet | null;
}

@ObjectType({
  description:
    'The emulation title a person holds for one year: of their APPROVED or ANNOUNCED titles of that year, the highest level (then the later in catalogue order).',
})
export class TitleRecord {
  @Field(() => Int, { description: 'The year the title is held for.' })
  year!: number;

  @Field(() => AwardType, { description: 'The title, e.g. Chiến sĩ thi đua cơ sở.' })
  awardType!: AwardType;

  @Field(() => Award, { description: 'The award that gave the title.' })
  award!: Award;
}

/** How an award's bonus is worked out, and what is paid. */
@ObjectType({
  description:
    'How an award’s bonus is worked out (Decree 152/2025/NĐ-CP Art. 49, 54) and what is paid.',
})
export class AwardBonus {
  @Field(() => LocalDateScalar, {
    description:
      'The day whose law and base salary apply: the decision date, or the nomination day until decided.',
  })
  on!: string;

  @Field(() => RuleSet, { nullable: true, description: 'The rule set in force that day.' })
  ruleSet!: RuleSet | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The multiple of the base salary for this kind of recipient; null when none.',
  })
  multiple!: number | null;

  @Field(() => Int, { nullable: true, description: 'The base salary in force that day, in đồng.' })
  baseSalary!: number | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Since when that base salary is in force.',
  })
  baseSalarySince!: string | null;

  @Field(() => Int, {
    description: 'multiple × base salary, rounded up to the nearest 10,000 đ; 0 when unknown.',
  })
  amount!: number;

  @Field(() => Int, {
    description:
      'What is paid (= Award.bonusAmount): the amount, or 0 when rejected, revoked, or a higher title of the same year is paid instead.',
  })
  paid!: number;

  @Field({ description: 'How the amount was worked out, or why nothing is paid.' })
  note!: string;
}
