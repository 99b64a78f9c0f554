import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AwardType } from './award-type.entity';
import { Award } from './award.entity';
import { RuleOutcome } from './rules/rule';

registerEnumType(RuleOutcome, {
  name: 'RuleOutcome',
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
    description: 'What the rule asks, with the thresholds, counts and years of the catalogue.',
  })
  description!: string;

  @Field(() => String, { nullable: true })
  legalBasis!: string | null;
}

/** One check of one rule. */
@ObjectType()
export class EligibilityCheck {
  @Field({ description: 'The code of the rule that made this check.' })
  rule!: string;

  @Field(() => RuleOutcome)
  outcome!: RuleOutcome;

  @Field({ description: 'What was found, naming any missing title, year or achievement.' })
  message!: string;

  @Field(() => String, { nullable: true })
  legalBasis!: string | null;
}

/** The result of running the rules of an award type for one recipient and year. */
@ObjectType()
export class Eligibility {
  @Field({ description: 'False when any check is BLOCK.' })
  eligible!: boolean;

  @Field(() => [EligibilityCheck])
  checks!: EligibilityCheck[];
}

/** An emulation title a person holds for one year (the highest, when they hold several). */
@ObjectType()
export class TitleRecord {
  @Field(() => Int)
  year!: number;

  @Field(() => AwardType)
  awardType!: AwardType;

  @Field(() => Award)
  award!: Award;
}
