import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RecipientKind {
  INDIVIDUAL = 'INDIVIDUAL',
  COLLECTIVE = 'COLLECTIVE',
}
registerEnumType(RecipientKind, { name: 'RecipientKind' });

export enum AwardCategory {
  EMULATION_TITLE = 'EMULATION_TITLE',
  COMMENDATION = 'COMMENDATION',
}
registerEnumType(AwardCategory, {
  name: 'AwardCategory',
  valuesConfig: {
    EMULATION_TITLE: {
      description: 'Danh hiệu thi đua, awarded per year, e.g. Lao động tiên tiến.',
    },
    COMMENDATION: { description: 'Hình thức khen thưởng, e.g. Bằng khen, Giấy khen.' },
  },
});

export enum AwardLevel {
  GRASSROOTS = 'GRASSROOTS',
  PROVINCIAL = 'PROVINCIAL',
  MINISTERIAL = 'MINISTERIAL',
  NATIONAL = 'NATIONAL',
}
registerEnumType(AwardLevel, { name: 'AwardLevel' });

/** A rule of the catalogue as stored: the code of a registered rule and its parameters. */
export interface StoredRule {
  code: string;
  params?: Record<string, unknown>;
  legalBasis?: string;
}

/** Reads numeric columns (PostgreSQL `numeric` arrives as a string). */
const numeric = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/** An entry of the award catalogue, with the rules that govern it. */
@Entity('award_type')
@ObjectType({ description: 'An entry of the award catalogue, with the rules that govern it.' })
export class AwardType {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Stable code, e.g. LAO_DONG_TIEN_TIEN, CSTD_CO_SO, BANG_KHEN_TINH.' })
  @Column({ type: 'text' })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Field(() => AwardCategory)
  @Column({ type: 'text' })
  category!: AwardCategory;

  @Field(() => [RecipientKind], {
    description: 'Who may receive it: individuals, collectives, or both.',
  })
  @Column({ name: 'recipient_kinds', type: 'text', array: true })
  recipientKinds!: RecipientKind[];

  @Field(() => AwardLevel)
  @Column({ type: 'text' })
  level!: AwardLevel;

  @Field(() => Float, { description: 'Cash bonus as a multiple of the base salary.' })
  @Column({ name: 'bonus_multiple', type: 'numeric', transformer: numeric })
  bonusMultiple!: number;

  @Field(() => Float, {
    description: 'Share of all council members whose yes vote approves a nomination, 0..1.',
  })
  @Column({ name: 'approval_threshold', type: 'numeric', transformer: numeric })
  approvalThreshold!: number;

  /** The rules checked on nomination, as data; exposed through `AwardType.rules`. */
  @Column({ name: 'rules', type: 'jsonb' })
  ruleSpecs!: StoredRule[];

  @Field(() => String, {
    nullable: true,
    description:
      'The law and decrees the type rests on, e.g. Law on Emulation and Commendation 06/2022/QH15.',
  })
  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis!: string | null;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;
}
