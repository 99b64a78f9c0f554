import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';

/** The decision that approves the nominations of a meeting, for the register. */
@InputType({
  description: 'The decision (quyết định) that approves the nominations of a meeting.',
})
export class DecisionInput {
  @Field({ description: 'Its number, e.g. 125/QĐ-BTGDV; numbers restart every year.' })
  number!: string;

  @Field(() => LocalDateScalar, {
    description:
      'Day it is signed: on or after the meeting. The awards are checked and paid under the rules of that day.',
  })
  decidedOn!: string;

  @Field({ description: 'Who signs it, e.g. Trưởng ban Nguyễn Quốc Khánh.' })
  signer!: string;

  @Field({ description: 'The body that issues it, e.g. Ban Tuyên giáo và Dân vận Tỉnh ủy.' })
  issuingBody!: string;
}

/** The council's vote on one nomination at a meeting. */
@InputType({ description: "The council's vote on one NOMINATED award at a meeting." })
export class AwardVoteInput {
  @Field(() => ID, { description: 'The NOMINATED award voted on.' })
  awardId!: string;

  @Field({
    description:
      "Approve (then the votes must reach the type's threshold and the rules must still hold on the decision date) or reject.",
  })
  approve!: boolean;

  @Field(() => Int, {
    description:
      'Yes votes, counting written votes of absent members; all votes together at most membersTotal.',
  })
  votesFor!: number;

  @Field(() => Int, { description: 'No votes, counting written votes of absent members.' })
  votesAgainst!: number;

  @Field(() => Int, { description: 'Abstentions.' })
  votesAbstain!: number;
}

/** A council meeting that decides several nominations at once. */
@InputType({
  description:
    'A council meeting deciding several nominations at once, each with its own votes. All or nothing: any refused vote leaves nothing written.',
})
export class HoldCouncilMeetingInput {
  @Field(() => LocalDateScalar, { description: 'Day of the meeting.' })
  heldOn!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The unit whose council meets (its head signs the decision).',
  })
  councilUnitId?: string | null;

  @Field(() => Int, { description: 'Members of the council.' })
  membersTotal!: number;

  @Field(() => Int, {
    description: 'Members present: at least the quorum of the rule set in force (two thirds).',
  })
  membersPresent!: number;

  @Field(() => String, { nullable: true, description: 'The minutes (biên bản), as text.' })
  minutes?: string | null;

  @Field(() => DecisionInput, {
    nullable: true,
    description: 'Required when any vote approves: the decision covering every approved award.',
  })
  decision?: DecisionInput | null;

  @Field(() => [AwardVoteInput], { description: 'One vote per nomination, at most 200.' })
  votes!: AwardVoteInput[];
}

/** Which meetings to list. */
@InputType({ description: 'Which council meetings to list; every field narrows the list.' })
export class CouncilMeetingFilter {
  @Field(() => ID, { nullable: true, description: 'Meetings of this unit’s council.' })
  councilUnitId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Held on or after this day.' })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Held on or before this day.' })
  to?: string | null;
}

/** Which decisions to list. */
@InputType({ description: 'Which registered decisions to list; every field narrows the list.' })
export class AwardDecisionFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Matches the number, signer or issuing body, ignoring case and Vietnamese diacritics.',
  })
  search?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Signed on or after this day.' })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Signed on or before this day.' })
  to?: string | null;
}
