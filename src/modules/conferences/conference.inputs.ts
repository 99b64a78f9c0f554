import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

@InputType()
export class CreateConferenceInput {
  @Field(() => String)
  title!: string;

  @Field(() => ID)
  hostUnitId!: string;

  @Field(() => String, { nullable: true })
  venue?: string | null;

  @Field(() => DateTimeScalar)
  startsAt!: Date;
}

@InputType()
export class CreateDelegationInput {
  @Field(() => ID)
  conferenceId!: string;

  @Field(() => String, {
    description:
      'The congress the delegates go to, e.g. the 6th Provincial Patriotic Emulation Congress.',
  })
  congress!: string;

  @Field(() => [ID], { description: 'The delegates, in list order; each person once.' })
  memberIds!: string[];
}
