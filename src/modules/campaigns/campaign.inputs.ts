import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { CampaignKind, CampaignStatus } from './campaign.entity';

@InputType()
export class CampaignFilter {
  @Field(() => CampaignStatus, { nullable: true })
  status?: CampaignStatus | null;

  @Field(() => CampaignKind, { nullable: true })
  kind?: CampaignKind | null;

  @Field(() => ID, { nullable: true })
  organizerId?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Campaigns whose period contains this date.',
  })
  activeOn?: string | null;
}

@InputType()
export class CreateCampaignInput {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  theme?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => CampaignKind)
  kind!: CampaignKind;

  @Field(() => LocalDateScalar)
  startsOn!: string;

  @Field(() => LocalDateScalar)
  endsOn!: string;

  @Field(() => ID)
  organizerId!: string;
}

@InputType()
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  theme?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  endsOn?: string | null;
}
