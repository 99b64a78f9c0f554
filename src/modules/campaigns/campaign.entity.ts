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
  description: 'Whether a campaign runs for a whole period or is a thematic drive.',
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
registerEnumType(CampaignStatus, {
  name: 'CampaignStatus',
  description: 'Where a campaign is in its lifecycle: DRAFT -> LAUNCHED -> CLOSED.',
  valuesConfig: {
    DRAFT: { description: 'Prepared, not launched yet: units cannot pledge to it.' },
    LAUNCHED: { description: 'Running: units pledge to it while today is within its period.' },
    CLOSED: { description: 'Over: it takes no pledges and can no longer change.' },
  },
});

@Entity('campaign')
@ObjectType({ implements: Node, description: 'An emulation movement (phong trào thi đua).' })
export class Campaign implements Node {
  @Field(() => ID, { description: "The campaign's id: a UUID, unique across all types." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Short code, unique ignoring case, e.g. DVK-2020-2025.' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Full name, e.g. Phong trào thi đua yêu nước giai đoạn 2025-2030.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The slogan, e.g. Solidarity - Responsibility - Creativity - Close to the people.',
  })
  @Column({ type: 'text', nullable: true })
  theme!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the movement asks of units and people; null when not given.',
  })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => CampaignKind, { description: 'Regular (a whole period) or thematic.' })
  @Column({ type: 'text' })
  kind!: CampaignKind;

  @Field(() => CampaignStatus, { description: 'DRAFT, LAUNCHED or CLOSED.' })
  @Column({ type: 'text' })
  status!: CampaignStatus;

  @Field(() => LocalDateScalar, { description: 'The first day of its period.' })
  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { description: 'The last day of its period, included.' })
  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ name: 'organizer_id', type: 'uuid' })
  organizerId!: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was launched; null while DRAFT.',
  })
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt!: Date | null;

  @Column({ name: 'launched_at_conference_id', type: 'uuid', nullable: true })
  launchedAtConferenceId!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
