import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';
import type { LocalizedText } from '../../i18n/messages';

/**
 * The year-end rating of a person or a unit (xếp loại chất lượng), best
 * first. Enum names are ASCII; the descriptions give the Vietnamese terms.
 */
export enum TaskRating {
  HOAN_THANH_XUAT_SAC = 'HOAN_THANH_XUAT_SAC',
  HOAN_THANH_TOT = 'HOAN_THANH_TOT',
  HOAN_THANH = 'HOAN_THANH',
  KHONG_HOAN_THANH = 'KHONG_HOAN_THANH',
}
registerEnumType(TaskRating, {
  name: 'TaskRating',
  description: 'The year-end rating (xếp loại) of a person or a unit, best first.',
  valuesConfig: {
    HOAN_THANH_XUAT_SAC: {
      description: 'Hoàn thành xuất sắc nhiệm vụ: completed tasks excellently.',
    },
    HOAN_THANH_TOT: { description: 'Hoàn thành tốt nhiệm vụ: completed tasks well.' },
    HOAN_THANH: { description: 'Hoàn thành nhiệm vụ: completed tasks.' },
    KHONG_HOAN_THANH: { description: 'Không hoàn thành nhiệm vụ: did not complete tasks.' },
  },
});

/** Ratings from best to worst. */
export const RATING_ORDER: readonly TaskRating[] = [
  TaskRating.HOAN_THANH_XUAT_SAC,
  TaskRating.HOAN_THANH_TOT,
  TaskRating.HOAN_THANH,
  TaskRating.KHONG_HOAN_THANH,
];

/** True when `rating` is `minimum` or better. */
export function ratedAtLeast(rating: TaskRating, minimum: TaskRating): boolean {
  return RATING_ORDER.indexOf(rating) <= RATING_ORDER.indexOf(minimum);
}

/** Ratings as an officer writes them, and in English. */
export const RATING_NAMES: Record<TaskRating, LocalizedText> = {
  HOAN_THANH_XUAT_SAC: {
    vi: 'Hoàn thành xuất sắc nhiệm vụ',
    en: 'completed tasks excellently (hoàn thành xuất sắc nhiệm vụ)',
  },
  HOAN_THANH_TOT: {
    vi: 'Hoàn thành tốt nhiệm vụ',
    en: 'completed tasks well (hoàn thành tốt nhiệm vụ)',
  },
  HOAN_THANH: { vi: 'Hoàn thành nhiệm vụ', en: 'completed tasks (hoàn thành nhiệm vụ)' },
  KHONG_HOAN_THANH: {
    vi: 'Không hoàn thành nhiệm vụ',
    en: 'did not complete tasks (không hoàn thành nhiệm vụ)',
  },
};

/**
 * One year's rating of a person or a unit: exactly one of personId and
 * unitId. One per recipient and year; recording it again replaces it.
 */
@Entity('annual_rating')
@ObjectType({
  description:
    "A person's or a unit's year-end rating (xếp loại), recorded by the unit's manager; the title rules read it.",
})
export class AnnualRating {
  @Field(() => ID, { description: 'The rating id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Field(() => Int, { description: 'The year rated.' })
  @Column({ type: 'int' })
  year!: number;

  @Field(() => TaskRating, { description: 'The rating given.' })
  @Column({ type: 'text' })
  rating!: TaskRating;

  @Field(() => String, { nullable: true, description: 'A remark of whoever recorded it.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => String, { description: 'Username of the account that recorded it last.' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded last.' })
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
