import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { Gender, PersonCategory } from './person.entity';

@InputType()
export class PersonFilter {
  @Field(() => String, {
    nullable: true,
    description:
      "Matches full name, ignoring case and Vietnamese diacritics: 'nguyen quoc khanh' finds Nguyễn Quốc Khánh.",
  })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'With unitId: include people of all subunits.',
  })
  includeSubunits?: boolean | null;

  @Field(() => PersonCategory, { nullable: true })
  category?: PersonCategory | null;
}

@InputType()
export class CreatePersonInput {
  @Field()
  fullName!: string;

  @Field(() => ID)
  unitId!: string;

  @Field(() => PersonCategory)
  category!: PersonCategory;

  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  isLeader?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  partyMember?: boolean | null;

  @Field(() => String, { nullable: true })
  avatarUrl?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day the person was recruited (ngày tuyển dụng); null clears it.',
  })
  recruitedOn?: string | null;
}

@InputType()
export class UpdatePersonInput {
  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => PersonCategory, { nullable: true })
  category?: PersonCategory | null;

  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field(() => Boolean, { nullable: true })
  isLeader?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  partyMember?: boolean | null;

  @Field(() => String, { nullable: true })
  avatarUrl?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day the person was recruited (ngày tuyển dụng); null clears it.',
  })
  recruitedOn?: string | null;
}
