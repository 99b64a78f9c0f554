import { Field, ID, InputType, Int } from 'type-graphql';
import { TaskRating } from './annual-rating.entity';

@InputType({
  description: "One person's or unit's rating for a year; recording it again replaces it.",
})
export class RecordAnnualRatingInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The person rated: exactly one of personId and unitId.',
  })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit rated as a collective.' })
  unitId?: string | null;

  @Field(() => Int, { description: 'The year rated.' })
  year!: number;

  @Field(() => TaskRating, { description: 'The rating.' })
  rating!: TaskRating;

  @Field(() => String, { nullable: true, description: 'A remark, e.g. the review it comes from.' })
  note?: string | null;
}

@InputType({ description: "A member's rating in a unit's bulk rating." })
export class MemberRatingInput {
  @Field(() => ID, { description: 'A person whose unit is the unit rated.' })
  personId!: string;

  @Field(() => TaskRating, { description: 'The rating.' })
  rating!: TaskRating;

  @Field(() => String, { nullable: true, description: 'A remark.' })
  note?: string | null;
}

@InputType({
  description:
    "A unit's year-end review at once: its own rating as a collective and its members' ratings.",
})
export class RecordUnitRatingsInput {
  @Field(() => ID, { description: 'The unit reviewed.' })
  unitId!: string;

  @Field(() => Int, { description: 'The year reviewed.' })
  year!: number;

  @Field(() => TaskRating, {
    nullable: true,
    description: 'The unit’s own rating as a collective; left as it is when absent.',
  })
  unitRating?: TaskRating | null;

  @Field(() => [MemberRatingInput], {
    defaultValue: [],
    description: 'Ratings of its members (people whose unit it is), at most 500.',
  })
  members!: MemberRatingInput[];
}
