import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

/** A unit's pledge to take part in a campaign (đăng ký, giao ước thi đua). Unique per (campaign, unit). */
@Entity('campaign_registration')
@ObjectType({
  description: "A unit's pledge to take part in a campaign (đăng ký, giao ước thi đua).",
})
export class CampaignRegistration {
  @Field(() => ID, { description: "The pledge's id (a UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the unit pledges to do (giao ước thi đua); null when not given.',
  })
  @Column({ type: 'text', nullable: true })
  pledge!: string | null;

  @Column({ name: 'conference_id', type: 'uuid', nullable: true })
  conferenceId!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the unit pledged.' })
  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
