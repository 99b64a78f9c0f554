import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

export enum DelegationStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
}
registerEnumType(DelegationStatus, {
  name: 'DelegationStatus',
  description: 'Whether a delegation is approved: DRAFT -> APPROVED.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared, not approved yet.' },
    APPROVED: { description: 'Approved. Final.' },
  },
});

@Entity('delegation')
@ObjectType({
  description: 'A list of delegates, e.g. to the 6th Provincial Patriotic Emulation Congress.',
})
export class Delegation {
  @Field(() => ID, { description: "The delegation's id (a UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({
    description:
      'The congress the delegates go to, e.g. the 6th Provincial Patriotic Emulation Congress.',
  })
  @Column({ type: 'text' })
  congress!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @Field(() => DelegationStatus, { description: 'DRAFT until approved.' })
  @Column({ type: 'text' })
  status!: DelegationStatus;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was approved; null while DRAFT.',
  })
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One delegate of a delegation, in list order. */
@Entity('delegation_member')
export class DelegationMember {
  @PrimaryColumn({ name: 'delegation_id', type: 'uuid' })
  delegationId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'int' })
  position!: number;
}
