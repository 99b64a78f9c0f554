import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';

export enum ConferenceStatus {
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}
registerEnumType(ConferenceStatus, {
  name: 'ConferenceStatus',
  description: 'Where a conference is: SCHEDULED -> LIVE -> ENDED.',
  valuesConfig: {
    SCHEDULED: {
      description: 'Planned, not started: it takes delegations, not announcements or launches.',
    },
    LIVE: {
      description:
        'Under way: awards are announced, campaigns launched and pledges made, and its screens see them.',
    },
    ENDED: { description: 'Over: its event log is closed.' },
  },
});

@Entity('conference')
@ObjectType({
  implements: Node,
  description: 'A conference where awards are presented and movements launched.',
})
export class Conference implements Node {
  @Field(() => ID, { description: "The conference's id: a UUID, unique across all types." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({
    description: 'Title, e.g. Hội nghị biểu dương điển hình tiên tiến giai đoạn 2020-2025.',
  })
  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'host_unit_id', type: 'uuid' })
  hostUnitId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where it takes place; null when not given.',
  })
  @Column({ type: 'text', nullable: true })
  venue!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it is scheduled to start.' })
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Field(() => ConferenceStatus, { description: 'SCHEDULED, LIVE or ENDED.' })
  @Column({ type: 'text' })
  status!: ConferenceStatus;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it went LIVE; null before that.',
  })
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ENDED; null before that.' })
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
