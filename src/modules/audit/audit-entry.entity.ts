import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { Role } from '../accounts/account.entity';

/** How a mutation arrived. */
export enum AuditTransport {
  HTTP = 'HTTP',
  WEBSOCKET = 'WEBSOCKET',
}
registerEnumType(AuditTransport, {
  name: 'AuditTransport',
  description: 'How a mutation arrived.',
  valuesConfig: {
    HTTP: { description: 'A POST to /graphql.' },
    WEBSOCKET: { description: 'An operation over the graphql-ws WebSocket on /graphql.' },
  },
});

/**
 * One mutation, as the append-only audit log keeps it: who, as which role,
 * what operation on which ids, and how it ended. Arguments themselves are
 * not kept (a password is never written anywhere), only the ids among them.
 */
@Entity('audit_log')
@ObjectType({ description: 'One mutation in the append-only audit log.' })
export class AuditEntry {
  /** bigserial, read as a JS number (see src/db/data-source.ts). */
  @Field(() => ID, { description: 'Increases with every entry: newer entries have larger ids.' })
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Field(() => DateTimeScalar, { description: 'When the mutation ran (its transaction began).' })
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The request id (x-request-id), as in the server log.',
  })
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The account that made it (or signed in); null when anonymous.',
  })
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its username at the time (for a failed sign-in, the username tried).',
  })
  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Field(() => Role, { nullable: true, description: 'Its role at the time.' })
  @Column({ type: 'text', nullable: true })
  role!: Role | null;

  @Field({ description: 'The mutation, e.g. `createUnit`.' })
  @Column({ type: 'text' })
  operation!: string;

  @Field(() => [ID], {
    description: 'The ids it was given, and those of the rows it created.',
  })
  @Column({ name: 'target_ids', type: 'text', array: true })
  targetIds!: string[];

  @Field({
    description: '`OK`, or the error code it failed with (FORBIDDEN, RULE_VIOLATION, ...).',
  })
  @Column({ type: 'text' })
  outcome!: string;

  @Field(() => String, { nullable: true, description: "The client's address." })
  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Field(() => AuditTransport, { description: 'HTTP or WebSocket.' })
  @Column({ type: 'text' })
  transport!: AuditTransport;
}
