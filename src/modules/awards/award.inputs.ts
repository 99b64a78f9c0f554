import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { AwardStatus } from './award.entity';

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

  @Field(() => Int, { description: 'Members present: at least two thirds of membersTotal.' })
  membersPresent!: number;

  @Field(() => Int)
  votesFor!: number;

  @Field(() => Int)
  votesAgainst!: number;

  @Field(() => Int)
  votesAbstain!: number;
}
