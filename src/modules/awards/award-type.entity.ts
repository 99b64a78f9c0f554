import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

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

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;
}
