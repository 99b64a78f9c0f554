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

  /** First year of the emulation period the congress reviews; null: five years before the conference's. */
  @Column({ name: 'period_from', type: 'int', nullable: true })
  periodFrom!: number | null;

  /** Last year of the period; null: the conference's year. */
  @Column({ name: 'period_to', type: 'int', nullable: true })
  periodTo!: number | null;

  /** The WARN checks kept when it was approved, as messages of the catalogue. */
  @Column({ type: 'jsonb' })
  warnings!: { key: string; params: Record<string, unknown> }[];
}

/** How a delegate takes part in the congress. */
export enum DelegateRole {
  OFFICIAL = 'OFFICIAL',
  GUEST = 'GUEST',
}
registerEnumType(DelegateRole, {
  name: 'DelegateRole',
  description: 'An official delegate (đại biểu chính thức) or a guest (khách mời).',
  valuesConfig: {
    OFFICIAL: {
      description:
        "Đại biểu chính thức: takes a seat of the unit's quota; expected to be an advanced model or a title holder of the period.",
    },
    GUEST: { description: 'Khách mời: invited; takes no seat of a quota.' },
  },
});

/** Seats of one unit in a delegation (official delegates from the unit and its subunits). */
@Entity('delegation_quota')
export class DelegationQuota {
  @PrimaryColumn({ name: 'delegation_id', type: 'uuid' })
  delegationId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'int' })
  seats!: number;
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

  @Column({ type: 'text' })
  role!: DelegateRole;
}
