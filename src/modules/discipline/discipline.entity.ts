import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import type { LocalizedText } from '../../i18n/messages';

/** What a record is about. */
export enum DisciplineKind {
  DISCIPLINE = 'DISCIPLINE',
  INVESTIGATION = 'INVESTIGATION',
}
registerEnumType(DisciplineKind, {
  name: 'DisciplineKind',
  description: 'A disciplinary measure in force, or a case still being examined.',
  valuesConfig: {
    DISCIPLINE: {
      description: 'Đang trong thời hạn xử lý kỷ luật: a disciplinary measure in force.',
    },
    INVESTIGATION: {
      description:
        'Đang bị xem xét xử lý kỷ luật, thanh tra, kiểm tra hoặc điều tra: a case being examined.',
    },
  },
});

/** Kinds as an officer writes them (in a sentence), and in English. */
export const DISCIPLINE_KIND_NAMES: Record<DisciplineKind, LocalizedText> = {
  DISCIPLINE: { vi: 'đang trong thời hạn xử lý kỷ luật', en: 'discipline' },
  INVESTIGATION: {
    vi: 'đang bị xem xét xử lý kỷ luật hoặc điều tra',
    en: 'investigation',
  },
};

/**
 * A discipline or investigation of a person or a unit (exactly one of
 * personId and unitId), open from `fromDate` to `toDate` (inclusive; null
 * while it lasts). While open it defers awards to its subject (Decree
 * 152/2025/NĐ-CP Art. 4): nominations and approvals are refused, naming it.
 */
@Entity('discipline_record')
@ObjectType({
  description:
    'A discipline or investigation of a person or unit. While open it defers their awards (Decree 152/2025/NĐ-CP Art. 4).',
})
export class DisciplineRecord {
  @Field(() => ID, { description: 'The record id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Field(() => DisciplineKind, { description: 'A measure in force, or a case being examined.' })
  @Column({ type: 'text' })
  kind!: DisciplineKind;

  @Field({ description: 'Why: the violation, or what is being examined.' })
  @Column({ type: 'text' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The decision or document it rests on, e.g. 15/QĐ-UBKT.',
  })
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Field(() => LocalDateScalar, { description: 'First day it is open.' })
  @Column({ name: 'from_date', type: 'date' })
  fromDate!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day it is open (inclusive); null while it lasts.',
  })
  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate!: string | null;

  @Field({ description: 'Username of the account that recorded it.' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
