import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { AchievementKind, AchievementStatus, InitiativeLevel } from './achievement.entity';

@InputType({ description: 'Narrows a list of achievements: every criterion given must hold.' })
export class AchievementFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Only achievements recorded under this campaign.',
  })
  campaignId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Achievements of this unit, its subunits, or people of them.',
  })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this person's own achievements." })
  personId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only advanced models; false: only the others.',
  })
  advancedModel?: boolean | null;

  @Field(() => AchievementStatus, {
    nullable: true,
    description: 'Only achievements in this state.',
  })
  status?: AchievementStatus | null;
}

@InputType({
  description: 'A new achievement, for recordAchievement. It starts as PROPOSED.',
})
export class RecordAchievementInput {
  @Field({ description: 'Short title, at most 300 characters.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Details, at most 4000 characters.' })
  description?: string | null;

  @Field(() => AchievementKind, { description: 'An initiative or a result.' })
  kind!: AchievementKind;

  @Field(() => InitiativeLevel, {
    nullable: true,
    description:
      'For an INITIATIVE only (BAD_USER_INPUT otherwise): the level at which it was recognised.',
  })
  initiativeLevel?: InitiativeLevel | null;

  @Field(() => ID, { nullable: true, description: 'Exactly one of personId and unitId.' })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit that holds it as a collective.' })
  unitId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The campaign it belongs to (NOT_FOUND when unknown).',
  })
  campaignId?: string | null;

  @Field(() => LocalDateScalar, { description: 'The day it was achieved.' })
  achievedOn!: string;
}
