import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';

export enum CampaignKind {
  REGULAR = 'REGULAR',
  THEMATIC = 'THEMATIC',
}
registerEnumType(CampaignKind, {
  name: 'CampaignKind',
  valuesConfig: {
    REGULAR: { description: 'Thường xuyên: runs for a whole period, e.g. 2025-2030.' },
    THEMATIC: {
      description: 'Chuyên đề / theo đợt: a thematic drive, e.g. Skilled Mass Mobilization.',
    },
  },
});

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  LAUNCHED = 'LAUNCHED',
  CLOSED = 'CLOSED',
}
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });

/** An emulation movement (phong trào thi đua). */
@Entity('campaign')
@ObjectType({ implements: Node, description: 'An emulation movement (phong trào thi đua).' })
export class Campaign implements Node {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'text' })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The slogan, e.g. Solidarity - Responsibility - Creativity - Close to the people.',
  })
  @Column({ type: 'text', nullable: true })
  theme!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => CampaignKind)
  @Column({ type: 'text' })
  kind!: CampaignKind;

  @Field(() => CampaignStatus)
  @Column({ type: 'text' })
  status!: CampaignStatus;

  @Field(() => LocalDateScalar)
  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateScalar)
  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ name: 'organizer_id', type: 'uuid' })
  organizerId!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt!: Date | null;

  @Column({ name: 'launched_at_conference_id', type: 'uuid', nullable: true })
  launchedAtConferenceId!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
