import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

export enum Role {
  ADMIN = 'ADMIN',
  SECRETARY = 'SECRETARY',
  COUNCIL = 'COUNCIL',
  UNIT_MANAGER = 'UNIT_MANAGER',
  MEMBER = 'MEMBER',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an account may do. ADMIN passes every role check.',
  valuesConfig: {
    ADMIN: { description: 'Everything, including accounts.' },
    SECRETARY: {
      description: 'The emulation secretariat: catalogue, campaigns, conferences, announcements.',
    },
    COUNCIL: { description: 'Emulation & reward council: decides nominations.' },
    UNIT_MANAGER: {
      description: 'Manages one unit and its subunits: people, achievements, nominations, pledges.',
    },
    MEMBER: { description: 'Reads, and sees their own profile through `me`.' },
    VIEWER: { description: 'Read-only: dashboards and conference screens.' },
  },
});

/** A sign-in account. The password hash is a column, never a field. */
@Entity('account')
@ObjectType({ description: 'A sign-in account and its role.' })
export class Account {
  @Field(() => ID, { description: "The account's id (a UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'The sign-in name, unique ignoring case.' })
  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Field(() => Role, { description: 'What the account may do.' })
  @Column({ type: 'text' })
  role!: Role;

  /** The unit a UNIT_MANAGER manages. */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  /** The person a MEMBER is. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  /**
   * Bumped (by a database trigger) whenever the password, role, unit,
   * person, username or disabled state changes; tokens carry it, so a
   * change revokes every token issued before it.
   */
  @Column({ type: 'int', default: 1 })
  version!: number;

  /** When an ADMIN disabled the account; null while it is enabled. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Field({ description: 'A disabled account cannot sign in, and its tokens no longer work.' })
  get disabled(): boolean {
    return this.disabledAt !== null && this.disabledAt !== undefined;
  }

  @Field(() => DateTimeScalar, { description: 'When the account was made.' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the password was last changed or reset; null if never since creation.',
  })
  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The last successful sign-in.' })
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;
}
