import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node';
import { LocalDateScalar } from '../../common/scalars';

export enum AchievementKind {
  INITIATIVE = 'INITIATIVE',
  RESULT = 'RESULT',
  RESEARCH = 'RESEARCH',
}
registerEnumType(AchievementKind, {
  name: 'AchievementKind',
  valuesConfig: {
    INITIATIVE: {
      description: 'Sáng kiến: an initiative or solution, the basis of emulation-fighter titles.',
    },
    RESULT: { description: 'A result of work or of a campaign.' },
    RESEARCH: {
      description:
        'Đề tài, công trình nghiên cứu khoa học đã nghiệm thu: a research result accepted and applied; like an initiative, the basis of emulation-fighter titles.',
    },
  },
});

export enum InitiativeLevel {
  GRASSROOTS = 'GRASSROOTS',
  PROVINCIAL = 'PROVINCIAL',
  NATIONAL = 'NATIONAL',
}
registerEnumType(InitiativeLevel, { name: 'InitiativeLevel' });

export enum AchievementStatus {
  PROPOSED = 'PROPOSED',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}
registerEnumType(AchievementStatus, { name: 'AchievementStatus' });

/** A recorded achievement of a person or a collective: exactly one of personId and unitId is set. */
@Entity('achievement')
@ObjectType({
  implements: Node,
  description: 'A recorded achievement of a person or a collective.',
})
export class Achievement implements Node {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => AchievementKind)
  @Column({ type: 'text' })
  kind!: AchievementKind;

  @Field(() => InitiativeLevel, {
    nullable: true,
    description: 'For initiatives: the level at which it was recognised.',
  })
  @Column({ name: 'initiative_level', type: 'text', nullable: true })
  initiativeLevel!: InitiativeLevel | null;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'holder_unit_id', type: 'uuid' })
  holderUnitId!: string;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Field(() => LocalDateScalar)
  @Column({ name: 'achieved_on', type: 'date' })
  achievedOn!: string;

  @Field(() => AchievementStatus)
  @Column({ type: 'text' })
  status!: AchievementStatus;

  @Field({ description: 'Marked as an advanced model (điển hình tiên tiến) worth replicating.' })
  @Column({ name: 'advanced_model', type: 'boolean' })
  advancedModel!: boolean;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;
}
