import { Field, ID, InputType, Int } from 'type-graphql';
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
      'The official delegates, in list order: at least 1, and with the guests at most 500 people, each once (BAD_USER_INPUT otherwise; NOT_FOUND for an unknown person).',
  })
  memberIds!: string[];

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: 'Guests (khách mời), after the official delegates; they take no seat of a quota.',
  })
  guestIds?: string[] | null;

  @Field(() => [DelegationQuotaInput], {
    nullable: true,
    defaultValue: [],
    description:
      'Seats per unit: an official delegate takes a seat of the deepest unit with a quota that contains their unit. With quotas, every official delegate must fall under one.',
  })
  quotas?: DelegationQuotaInput[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'First year of the emulation period the congress reviews; five years before the conference by default (2020 for 2025).',
  })
  periodFromYear?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Last year of that period; the conference's year by default.",
  })
  periodToYear?: number | null;
}

@InputType({ description: 'The seats of one unit in a delegation.' })
export class DelegationQuotaInput {
  @Field(() => ID, { description: 'The unit; its subunits’ delegates count toward it too.' })
  unitId!: string;

  @Field(() => Int, { description: 'Seats for official delegates, 0 to 500.' })
  seats!: number;
}

@InputType({
  description:
    'Changes to a DRAFT delegation: each field given replaces what the delegation had; absent fields are kept.',
})
export class UpdateDelegationInput {
  @Field(() => String, { nullable: true, description: 'The congress the delegates go to.' })
  congress?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The official delegates, in list order.' })
  memberIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The guests, in list order.' })
  guestIds?: string[] | null;

  @Field(() => [DelegationQuotaInput], { nullable: true, description: 'The seats per unit.' })
  quotas?: DelegationQuotaInput[] | null;

  @Field(() => Int, {
    nullable: true,
    description: 'First year of the period reviewed; null restores the default.',
  })
  periodFromYear?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Last year of the period reviewed; null restores the default.',
  })
  periodToYear?: number | null;
}
