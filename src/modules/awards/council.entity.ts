import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';

/**
 * A meeting of an Emulation & Reward Council (họp Hội đồng Thi đua - Khen
 * thưởng) that decided one or more nominations, each with its own votes.
 * Quorum is counted against `membersPresent`; written votes of absent
 * members count toward each nomination's votes.
 */
@Entity('council_meeting')
@ObjectType({
  description:
    'A meeting of the Emulation & Reward Council that decided nominations, each with its own votes.',
})
export class CouncilMeeting {
  @Field(() => ID, { description: 'The meeting id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => LocalDateScalar, { description: 'Day of the meeting.' })
  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  /** The unit whose council met (its head decides); null when not given. */
  @Column({ name: 'council_unit_id', type: 'uuid', nullable: true })
  councilUnitId!: string | null;

  @Field(() => Int, { description: 'Members of the council.' })
  @Column({ name: 'members_total', type: 'int' })
  membersTotal!: number;

  @Field(() => Int, { description: 'Members present at the meeting.' })
  @Column({ name: 'members_present', type: 'int' })
  membersPresent!: number;

  @Field(() => String, { nullable: true, description: 'The minutes (biên bản), as text.' })
  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the meeting was recorded.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A decision (quyết định khen thưởng) in the register: its number, date,
 * signer and issuing body. One decision covers many awards. Numbers restart
 * every year, so a number is unique within a year.
 */
@Entity('award_decision')
@ObjectType({
  description:
    'A decision on awards (quyết định khen thưởng) in the register: number, date, signer and issuing body. One decision covers many awards.',
})
export class AwardDecision {
  @Field(() => ID, { description: 'The decision id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Its number, e.g. 125/QĐ-BTGDV; unique within a year.' })
  @Column({ type: 'text' })
  number!: string;

  @Field(() => LocalDateScalar, {
    description: 'Day it was signed; the awards are paid under the rules of that day.',
  })
  @Column({ name: 'decided_on', type: 'date' })
  decidedOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Who signed it, e.g. Trưởng ban Nguyễn Quốc Khánh; null when not recorded.',
  })
  @Column({ type: 'text', nullable: true })
  signer!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The body that issued it, e.g. Ban Tuyên giáo và Dân vận Tỉnh ủy; null when not recorded.',
  })
  @Column({ name: 'issuing_body', type: 'text', nullable: true })
  issuingBody!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was registered.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
