import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';

export enum ReviewKind {
  INTERIM = 'INTERIM',
  FINAL = 'FINAL',
}
registerEnumType(ReviewKind, {
  name: 'ReviewKind',
  description: 'Whether a campaign review is interim or final.',
  valuesConfig: { INTERIM: { description: 'Sơ kết.' }, FINAL: { description: 'Tổng kết.' } },
});

@Entity('campaign_review')
@ObjectType({ description: 'An interim (sơ kết) or final (tổng kết) review of a campaign.' })
export class CampaignReview {
  @Field(() => ID, { description: "The review's id (a UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Field(() => ReviewKind, {
    description: 'Interim or final; a campaign has at most one FINAL review.',
  })
  @Column({ type: 'text' })
  kind!: ReviewKind;

  @Field(() => LocalDateScalar, { description: 'The day the review was held.' })
  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the review found; null when not given.',
  })
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ name: 'conference_id', type: 'uuid', nullable: true })
  conferenceId!: string | null;
}
