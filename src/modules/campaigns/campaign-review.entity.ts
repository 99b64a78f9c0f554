import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';

export enum ReviewKind {
  INTERIM = 'INTERIM',
  FINAL = 'FINAL',
}
registerEnumType(ReviewKind, {
  name: 'ReviewKind',
  valuesConfig: { INTERIM: { description: 'Sơ kết.' }, FINAL: { description: 'Tổng kết.' } },
});

/** An interim (sơ kết) or final (tổng kết) review of a campaign. */
@Entity('campaign_review')
@ObjectType()
export class CampaignReview {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Field(() => ReviewKind)
  @Column({ type: 'text' })
  kind!: ReviewKind;

  @Field(() => LocalDateScalar)
  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ name: 'conference_id', type: 'uuid', nullable: true })
  conferenceId!: string | null;
}
