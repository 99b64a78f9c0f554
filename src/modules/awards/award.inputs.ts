import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { AwardKind, AwardStatus } from './award.entity';

@InputType({ description: 'Narrows a list of awards: every criterion given must hold.' })
export class AwardFilter {
  @Field(() => AwardStatus, { nullable: true, description: 'Only awards in this state.' })
  status?: AwardStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only awards of the type with this code, e.g. GIAY_KHEN.',
  })
  typeCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Awards to this unit, its subunits, or people of them.',
  })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only awards to this person.' })
  personId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only awards nominated under this campaign.',
  })
  campaignId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only awards announced at this conference.',
  })
  conferenceId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only awards for this year.' })
  year?: number | null;
}

@InputType({
  description:
    "A nomination, for nominateAward. A UNIT_MANAGER nominates within its unit and subunits, and its unit is the nominator; for a SECRETARY the nominator is the recipient's unit.",
})
export class NominateAwardInput {
  @Field({
    description: "The award type's code, e.g. CSTD_CO_SO (NOT_FOUND when the catalogue has none).",
  })
  typeCode!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Exactly one of personId and unitId, matching the type's recipientKinds.",
  })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit nominated, as a collective.' })
  unitId?: string | null;

  @Field(() => Int, {
    description: 'The year it is for (1945 to 2200), e.g. the year an emulation title is held.',
  })
  year!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The campaign it is nominated under (NOT_FOUND when unknown).',
  })
  campaignId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description:
      "The achievements it is based on, at most 20: VERIFIED, the recipient's own (a collective's or its members'), and not the basis of another award that is not REJECTED or REVOKED.",
  })
  achievementIds?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the recipient is commended for, at most 2000 characters.',
  })
  citation?: string | null;

  @Field(() => AwardKind, {
    nullable: true,
    description:
      'Regular (THUONG_XUYEN, the default), thematic (CHUYEN_DE) or ad hoc (DOT_XUAT). Emulation titles are regular only.',
  })
  kind?: AwardKind | null;
}

@InputType({
  description: 'What eligibility checks: the type, recipient and year as a nomination gives them.',
})
export class EligibilityInput {
  @Field({
    description: "The award type's code, e.g. CSTD_CO_SO (NOT_FOUND when the catalogue has none).",
  })
  typeCode!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The person to check. Exactly one of personId and unitId.',
  })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit to check, as a collective.' })
  unitId?: string | null;

  @Field(() => Int, { description: 'The year the award would be for (1945 to 2200).' })
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

@InputType({
  description:
    "The council's decision, for decideAward. Either way it needs a quorum: membersPresent at least two thirds of membersTotal.",
})
export class DecideAwardInput {
  @Field({ description: 'True to approve the nomination, false to reject it.' })
  approve!: boolean;

  @Field(() => String, { nullable: true, description: 'Required to approve, e.g. 125/QĐ-BTGDV.' })
  decisionNumber?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'Required to approve: the decision date, whose rule set and base salary the award is checked and paid under.',
  })
  decidedOn?: string | null;

  @Field(() => Int, { description: 'Members of the council.' })
  membersTotal!: number;

  @Field(() => Int, {
    description: 'Members present: at least the quorum of the rule set in force (two thirds).',
  })
  membersPresent!: number;

  @Field(() => Int, {
    description:
      "Members who voted to approve, counting written votes of absent members. Approval needs votesFor / membersTotal of at least the type's approvalThreshold.",
  })
  votesFor!: number;

  @Field(() => Int, { description: 'No votes, counting written votes of absent members.' })
  votesAgainst!: number;

  @Field(() => Int, {
    description:
      'Members who did not vote either way. The three counts add up to at most membersTotal: written votes of absent members count.',
  })
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
