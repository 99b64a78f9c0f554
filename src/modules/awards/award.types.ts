import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AwardType } from './award-type.entity';
import { Award } from './award.entity';
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
    description: 'What the rule asks, with the thresholds, counts and years of the catalogue.',
  })
  description!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The law or decree the rule rests on; the type's own legalBasis when the rule names none.",
  })
  legalBasis!: string | null;
}

@ObjectType({ description: 'What one rule found for the recipient and year.' })
export class EligibilityCheck {
  @Field({ description: 'The code of the rule that made this check.' })
  rule!: string;

  @Field(() => RuleOutcome, { description: 'PASS, WARN or BLOCK.' })
  outcome!: RuleOutcome;

  @Field({ description: 'What was found, naming any missing title, year or achievement.' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The law or decree the rule rests on, when known.',
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
      "Every check made, in the type's rule order; a rule may make several. For an unknown recipient, only that BLOCK.",
  })
  checks!: EligibilityCheck[];
}

@ObjectType({
  description:
    'The emulation title a person holds for one year: of their APPROVED or ANNOUNCED titles of that year, the highest level (then the larger bonus).',
})
export class TitleRecord {
  @Field(() => Int, { description: 'The year the title is held for.' })
  year!: number;

  @Field(() => AwardType, { description: 'The title, e.g. Chiến sĩ thi đua cơ sở.' })
  awardType!: AwardType;

  @Field(() => Award, { description: 'The award that gave the title.' })
  award!: Award;
}
