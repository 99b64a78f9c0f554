import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({
  description:
    'The scope of a dashboard; every criterion is optional. NOT_FOUND for an unknown unit or campaign.',
})
export class DashboardFilter {
  @Field(() => ID, { nullable: true, description: 'Restrict to this unit and its subunits.' })
  unitId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The first year counted, included (1945 to 2200).',
  })
  fromYear?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The last year counted, included; not before fromYear (BAD_USER_INPUT).',
  })
  toYear?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only the activity of this campaign, and only this campaign in campaigns.',
  })
  campaignId?: string | null;
}
