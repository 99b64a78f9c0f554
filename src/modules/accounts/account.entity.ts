import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

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
}
