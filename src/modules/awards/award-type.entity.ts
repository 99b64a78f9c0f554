import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

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

/**
 * Award levels, lowest first: how titles rank (RuleBook.compareTitles, the
 * title history, the one title of a year that is paid).
 */
export const AWARD_LEVEL_ORDER: readonly AwardLevel[] = [
  AwardLevel.GRASSROOTS,
  AwardLevel.PROVINCIAL,
  AwardLevel.MINISTERIAL,
  AwardLevel.NATIONAL,
];

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

/**
 * An entry of the award catalogue: what stays the same whatever the law in
 * force. Bonus multiples, the council's threshold, the rules and their legal
 * basis change with the law and live in AwardTypeVersion, one per rule set;
 * the fields of the GraphQL type that show them resolve to the version in
 * force today. (The table's old columns bonus_multiple, approval_threshold,
 * rules and legal_basis are no longer read.)
 */
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

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;
}
