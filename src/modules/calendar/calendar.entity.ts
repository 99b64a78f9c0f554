import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';

/**
 * A day that breaks the week's rule: a weekday off (a public holiday, a
 * bridge day) or a Saturday or Sunday worked in exchange (làm bù). Every
 * other Monday to Friday is a working day.
 */
@Entity('calendar_day')
@ObjectType({
  description:
    'A day of the working-day calendar that breaks the weekly rule (Monday to Friday work): a public holiday or bridge day off, or a weekend day worked in exchange (làm bù).',
})
export class CalendarDay {
  @Field(() => LocalDateScalar, { description: 'The day.' })
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Field({ description: 'True for a weekend day worked in exchange; false for a day off.' })
  @Column({ type: 'boolean' })
  working!: boolean;

  @Field({ description: 'What the day is, e.g. Tết Nguyên đán Ất Tỵ.' })
  @Column({ type: 'text' })
  name!: string;
}

/** The review levels a dossier waits at, each with its processing time. */
export enum ReviewLevel {
  REVIEW = 'REVIEW',
  COUNCIL = 'COUNCIL',
}
registerEnumType(ReviewLevel, {
  name: 'ReviewLevel',
  description: 'A level a dossier waits at, with its own processing time in working days.',
  valuesConfig: {
    REVIEW: {
      description: 'The emulation office (SUBMITTED and UNDER_REVIEW): from the submission.',
    },
    COUNCIL: { description: 'The council (TO_COUNCIL): from the day it was sent to the council.' },
  },
});

/** How many working days a level has to process a dossier. */
@Entity('processing_time')
@ObjectType({
  description:
    'How many working days a level has to process a dossier: 10 by default, 20 when other agencies are consulted.',
})
export class ProcessingTime {
  @Field(() => ReviewLevel, { description: 'The level.' })
  @PrimaryColumn({ type: 'text' })
  level!: ReviewLevel;

  @Field(() => Int, {
    description: 'Working days, counted from the day after the dossier arrives.',
  })
  @Column({ name: 'working_days', type: 'int' })
  workingDays!: number;

  @Field(() => Int, { description: 'Working days when other agencies are consulted.' })
  @Column({ name: 'with_consultation', type: 'int' })
  withConsultation!: number;
}
