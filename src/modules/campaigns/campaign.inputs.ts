import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { CampaignKind, CampaignStatus } from './campaign.entity';

@InputType({ description: 'Narrows a list of campaigns: every criterion given must hold.' })
export class CampaignFilter {
  @Field(() => CampaignStatus, { nullable: true, description: 'Only campaigns in this state.' })
  status?: CampaignStatus | null;

  @Field(() => CampaignKind, { nullable: true, description: 'Only campaigns of this kind.' })
  kind?: CampaignKind | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only campaigns organised by this unit (not its subunits).',
  })
  organizerId?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Campaigns whose period contains this date.',
  })
  activeOn?: string | null;
}

@InputType({ description: 'A new campaign, for createCampaign. It starts as DRAFT.' })
export class CreateCampaignInput {
  @Field({
    description:
      'Short code, unique ignoring case: letters, digits, dots, dashes and underscores, at most 40 characters. CONFLICT when taken.',
  })
  code!: string;

  @Field({ description: 'Full name, at most 300 characters.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The slogan, at most 500 characters.',
  })
  theme?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the movement asks, at most 4000 characters.',
  })
  description?: string | null;

  @Field(() => CampaignKind, { description: 'Regular (a whole period) or thematic.' })
  kind!: CampaignKind;

  @Field(() => LocalDateScalar, { description: 'The first day of its period.' })
  startsOn!: string;

  @Field(() => LocalDateScalar, {
    description: 'The last day of its period, included; not before startsOn (BAD_USER_INPUT).',
  })
  endsOn!: string;

  @Field(() => ID, { description: 'The unit that runs it (NOT_FOUND when unknown).' })
  organizerId!: string;
}

@InputType({
  description: 'Changes to a campaign, for updateCampaign: fields left out stay as they are.',
})
export class UpdateCampaignInput {
  @Field(() => String, {
    nullable: true,
    description: 'New name, at most 300 characters; not blank, not null.',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New slogan; null or blank clears it.' })
  theme?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New description; null or blank clears it.',
  })
  description?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'New first day of the period; null keeps it.',
  })
  startsOn?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'New last day of the period; null keeps it. The period must not end before it starts (BAD_USER_INPUT).',
  })
  endsOn?: string | null;
}
