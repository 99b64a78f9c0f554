import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { AwardKind, AwardStatus } from './award.entity';

@InputType()
export class AwardFilter {
  @Field(() => AwardStatus, { nullable: true })
  status?: AwardStatus | null;

  @Field(() => String, { nullable: true, description: 'An award type code, e.g. GIAY_KHEN.' })
  typeCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Awards to this unit, its subunits, or people of them.',
  })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true })
  conferenceId?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}

@InputType()
export class NominateAwardInput {
  @Field()
  typeCode!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Exactly one of personId and unitId, matching the type's recipientKinds.",
  })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => Int)
  year!: number;

  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => [ID], { nullable: true, defaultValue: [] })
  achievementIds?: string[] | null;

  @Field(() => String, { nullable: true })
  citation?: string | null;

  @Field(() => AwardKind, {
    nullable: true,
    description:
      'Regular (THUONG_XUYEN, the default), thematic (CHUYEN_DE) or ad hoc (DOT_XUAT). Emulation titles are regular only.',
  })
  kind?: AwardKind | null;
}

@InputType()
export class EligibilityInput {
  @Field()
  typeCode!: string;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => Int)
  year!: number;

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: 'The achievements a nomination would cite, checked as nominateAward checks them.',
  })
  achievementIds?: string[] | null;

  @Field(() => AwardKind, {
    nullable: true,
    description: 'The kind the nomination would have; THUONG_XUYEN by default.',
  })
  kind?: AwardKind | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'Check under the rule set in force on this day (e.g. a decision date); today in Vietnam by default.',
  })
  on?: string | null;
}

@InputType()
export class DecideAwardInput {
  @Field()
  approve!: boolean;

  @Field(() => String, { nullable: true, description: 'Required to approve, e.g. 125/QĐ-BTGDV.' })
  decisionNumber?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Required to approve.' })
  decidedOn?: string | null;

  @Field(() => Int, { description: 'Members of the council.' })
  membersTotal!: number;

  @Field(() => Int, {
    description: 'Members present: at least the quorum of the rule set in force (two thirds).',
  })
  membersPresent!: number;

  @Field(() => Int, {
    description:
      'Yes votes, counting written votes of absent members; with the other votes at most membersTotal.',
  })
  votesFor!: number;

  @Field(() => Int, { description: 'No votes, counting written votes of absent members.' })
  votesAgainst!: number;

  @Field(() => Int)
  votesAbstain!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Who signed the decision, for the register, e.g. Trưởng ban Nguyễn Quốc Khánh.',
  })
  signer?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The body that issued the decision, for the register.',
  })
  issuingBody?: string | null;
}

@InputType({ description: 'A row of the base salary table (mức lương cơ sở).' })
export class SetBaseSalaryInput {
  @Field(() => LocalDateScalar, { description: 'First day the amount is in force.' })
  validFrom!: string;

  @Field(() => Int, { description: 'Amount in đồng per month, e.g. 2340000.' })
  amount!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The act that set it, e.g. Nghị định 73/2024/NĐ-CP.',
  })
  legalBasis?: string | null;
}
