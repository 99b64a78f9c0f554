import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

@InputType({ description: 'A new conference, for createConference. It starts as SCHEDULED.' })
export class CreateConferenceInput {
  @Field(() => String, { description: 'Title, at most 300 characters.' })
  title!: string;

  @Field(() => ID, { description: 'The unit that holds it (NOT_FOUND when unknown).' })
  hostUnitId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where it takes place, at most 300 characters.',
  })
  venue?: string | null;

  @Field(() => DateTimeScalar, { description: 'When it is scheduled to start.' })
  startsAt!: Date;
}

@InputType({ description: 'A new delegation, for createDelegation. It starts as DRAFT.' })
export class CreateDelegationInput {
  @Field(() => ID, {
    description: 'The conference it belongs to; not ENDED (RULE_VIOLATION).',
  })
  conferenceId!: string;

  @Field(() => String, {
    description:
      'The congress the delegates go to, e.g. the 6th Provincial Patriotic Emulation Congress.',
  })
  congress!: string;

  @Field(() => [ID], {
    description:
      'The delegates, in list order: 1 to 500 people, each once (BAD_USER_INPUT otherwise; NOT_FOUND for an unknown person).',
  })
  memberIds!: string[];
}
