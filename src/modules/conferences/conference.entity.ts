import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';

export enum ConferenceStatus {
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}
registerEnumType(ConferenceStatus, { name: 'ConferenceStatus' });

/** A conference where awards are presented and movements launched. */
@Entity('conference')
@ObjectType({
  implements: Node,
  description: 'A conference where awards are presented and movements launched.',
})
export class Conference implements Node {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'host_unit_id', type: 'uuid' })
  hostUnitId!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  venue!: string | null;

  @Field(() => DateTimeScalar)
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Field(() => ConferenceStatus)
  @Column({ type: 'text' })
  status!: ConferenceStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
