import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class DashboardFilter {
  @Field(() => ID, { nullable: true, description: 'Restrict to this unit and its subunits.' })
  unitId?: string | null;

  @Field(() => Int, { nullable: true })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true })
  toYear?: number | null;

  @Field(() => ID, { nullable: true })
  campaignId?: string | null;
}
