import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { AchievementKind, AchievementStatus, InitiativeLevel } from './achievement.entity';

@InputType()
export class AchievementFilter {
  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Achievements of this unit, its subunits, or people of them.',
  })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => Boolean, { nullable: true })
  advancedModel?: boolean | null;

  @Field(() => AchievementStatus, { nullable: true })
  status?: AchievementStatus | null;
}

@InputType()
export class RecordAchievementInput {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => AchievementKind)
  kind!: AchievementKind;

  @Field(() => InitiativeLevel, { nullable: true })
  initiativeLevel?: InitiativeLevel | null;

  @Field(() => ID, { nullable: true, description: 'Exactly one of personId and unitId.' })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => LocalDateScalar)
  achievedOn!: string;
}
