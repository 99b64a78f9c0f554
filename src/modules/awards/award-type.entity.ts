import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RecipientKind {
  INDIVIDUAL = 'INDIVIDUAL',
  COLLECTIVE = 'COLLECTIVE',
}
registerEnumType(RecipientKind, {
  name: 'RecipientKind',
  description: 'Who receives an award: an individual or a collective.',
  valuesConfig: {
    INDIVIDUAL: { description: 'A person (cá nhân).' },
    COLLECTIVE: { description: 'A unit, as a collective (tập thể).' },
  },
});

export enum AwardCategory {
  EMULATION_TITLE = 'EMULATION_TITLE',
  COMMENDATION = 'COMMENDATION',
}
registerEnumType(AwardCategory, {
  name: 'AwardCategory',
  description: 'Whether an award type is an emulation title or a form of commendation.',
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
registerEnumType(AwardLevel, {
  name: 'AwardLevel',
  description: 'The level of authority that gives an award, lowest first.',
  valuesConfig: {
    GRASSROOTS: { description: "Given by a grassroots unit's head (cấp cơ sở)." },
    PROVINCIAL: {
      description:
        "Given at provincial level, e.g. by the Chairman of the provincial People's Committee.",
    },
    MINISTERIAL: { description: 'Given by a ministry or central agency (cấp bộ, ban, ngành).' },
    NATIONAL: { description: 'Given by the State (cấp nhà nước).' },
  },
});

/** A rule of the catalogue as stored: the code of a registered rule and its parameters. */
export interface StoredRule {
  code: string;
  params?: Record<string, unknown>;
  legalBasis?: string;
}

/** Reads numeric columns (PostgreSQL `numeric` arrives as a string). */
const numeric = { to: (value: number) => value, from: (value: string | number) => Number(value) };

@Entity('award_type')
@ObjectType({ description: 'An entry of the award catalogue, with the rules that govern it.' })
export class AwardType {
  @Field(() => ID, { description: "The award type's id (a UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Stable code, e.g. LAO_DONG_TIEN_TIEN, CSTD_CO_SO, BANG_KHEN_TINH.' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'The Vietnamese name, e.g. Chiến sĩ thi đua cơ sở.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The English name, e.g. Grassroots Emulation Fighter; null when not given.',
  })
  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Field(() => AwardCategory, { description: 'An emulation title or a commendation.' })
  @Column({ type: 'text' })
  category!: AwardCategory;

  @Field(() => [RecipientKind], {
    description: 'Who may receive it: individuals, collectives, or both.',
  })
  @Column({ name: 'recipient_kinds', type: 'text', array: true })
  recipientKinds!: RecipientKind[];

  @Field(() => AwardLevel, { description: 'The level of authority that gives it.' })
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
