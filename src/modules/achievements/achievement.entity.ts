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
  description: 'What an achievement is: an initiative or a result.',
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
registerEnumType(InitiativeLevel, {
  name: 'InitiativeLevel',
  description:
    'The level at which an initiative was recognised, lowest first. Rules that ask for a level accept it or any above it.',
  valuesConfig: {
    GRASSROOTS: { description: 'Recognised at grassroots level (cấp cơ sở).' },
    PROVINCIAL: {
      description: 'Recognised at provincial or ministerial level (cấp tỉnh, cấp bộ).',
    },
    NATIONAL: { description: 'Recognised at national level (toàn quốc).' },
  },
});

export enum AchievementStatus {
  PROPOSED = 'PROPOSED',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}
registerEnumType(AchievementStatus, {
  name: 'AchievementStatus',
  description: 'Where an achievement is in verification: PROPOSED -> VERIFIED or REJECTED.',
  valuesConfig: {
    PROPOSED: { description: 'Recorded, waiting for the secretariat to verify it.' },
    VERIFIED: {
      description: 'Verified: it can be the basis of an award and be marked as an advanced model.',
    },
    REJECTED: { description: 'Not accepted. Final.' },
  },
});

/** A recorded achievement of a person or a collective: exactly one of personId and unitId is set. */
@Entity('achievement')
@ObjectType({
  implements: Node,
  description: 'A recorded achievement of a person or a collective.',
})
export class Achievement implements Node {
  @Field(() => ID, { description: "The achievement's id: a UUID, unique across all types." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Short title, e.g. the name of the initiative.' })
  @Column({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Details; null when not given.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => AchievementKind, { description: 'An initiative or a result.' })
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

  @Field(() => LocalDateScalar, {
    description: 'The day it was achieved; award rules count it in that year.',
  })
  @Column({ name: 'achieved_on', type: 'date' })
  achievedOn!: string;

  @Field(() => AchievementStatus, {
    description: 'PROPOSED until the secretariat verifies or rejects it.',
  })
  @Column({ type: 'text' })
  status!: AchievementStatus;

  @Field({ description: 'Marked as an advanced model (điển hình tiên tiến) worth replicating.' })
  @Column({ name: 'advanced_model', type: 'boolean' })
  advancedModel!: boolean;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;
}
