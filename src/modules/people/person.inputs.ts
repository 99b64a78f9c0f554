import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { Gender, PersonCategory, ReportCategory } from './person.entity';

@InputType({ description: 'Narrows a list of people: every criterion given must hold.' })
export class PersonFilter {
  @Field(() => String, {
    nullable: true,
    description:
      "Matches full name, ignoring case and Vietnamese diacritics: 'nguyen quoc khanh' finds Nguyễn Quốc Khánh.",
  })
  search?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only people of this unit (with includeSubunits, of its whole subtree).',
  })
  unitId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'With unitId: include people of all subunits.',
  })
  includeSubunits?: boolean | null;

  @Field(() => PersonCategory, { nullable: true, description: 'Only people of this category.' })
  category?: PersonCategory | null;
}

@InputType({ description: 'A new person, for createPerson.' })
export class CreatePersonInput {
  @Field({ description: 'Full name, at most 200 characters.' })
  fullName!: string;

  @Field(() => ID, { description: 'The unit they belong to; a UNIT_MANAGER must manage it.' })
  unitId!: string;

  @Field(() => PersonCategory, {
    description: 'Cadre, civil servant, public employee or worker.',
  })
  category!: PersonCategory;

  @Field(() => Gender, { nullable: true, description: 'Omit when not recorded.' })
  gender?: Gender | null;

  @Field(() => String, {
    nullable: true,
    description: 'Job title, e.g. Trưởng ban; at most 200 characters.',
  })
  position?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Holds a leadership post.',
  })
  isLeader?: boolean | null;

  @Field(() => ReportCategory, {
    nullable: true,
    description:
      'Where they are counted in the statistical reports. Left out: DEPUTY_HEAD_AND_ABOVE for a leader, DIRECT_WORKER otherwise; BAD_USER_INPUT when it contradicts isLeader.',
  })
  reportCategory?: ReportCategory | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'A member of the Communist Party of Viet Nam.',
  })
  partyMember?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'An http or https URL of their photo (BAD_USER_INPUT otherwise).',
  })
  avatarUrl?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day the person was recruited (ngày tuyển dụng); null clears it.',
  })
  recruitedOn?: string | null;
}

@InputType({
  description: 'Changes to a person, for updatePerson: fields left out stay as they are.',
})
export class UpdatePersonInput {
  @Field(() => String, {
    nullable: true,
    description: 'New full name, at most 200 characters; not blank, not null.',
  })
  fullName?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Moves the person to this unit; a UNIT_MANAGER must manage both units. Null keeps the unit.',
  })
  unitId?: string | null;

  @Field(() => PersonCategory, { nullable: true, description: 'New category; null keeps it.' })
  category?: PersonCategory | null;

  @Field(() => Gender, { nullable: true, description: 'New gender; null clears it.' })
  gender?: Gender | null;

  @Field(() => String, {
    nullable: true,
    description: 'New job title; null or blank clears it.',
  })
  position?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether they hold a leadership post; null keeps it.',
  })
  isLeader?: boolean | null;

  @Field(() => ReportCategory, {
    nullable: true,
    description:
      'Where they are counted in the statistical reports; null keeps it (or follows a change of isLeader). BAD_USER_INPUT when it contradicts isLeader.',
  })
  reportCategory?: ReportCategory | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether they are a Party member; null keeps it.',
  })
  partyMember?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'New http or https photo URL; null or blank clears it.',
  })
  avatarUrl?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day the person was recruited (ngày tuyển dụng); null clears it.',
  })
  recruitedOn?: string | null;
}
