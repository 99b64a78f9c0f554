import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';

/** A unit replicating an advanced model. Unique per (achievement, unit). */
@Entity('model_replication')
@ObjectType({
  description: 'A unit replicating an advanced model (nhân rộng điển hình tiên tiến).',
})
export class ModelReplication {
  @Field(() => ID, { description: "The replication's id (a UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'achievement_id', type: 'uuid' })
  achievementId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Field(() => LocalDateScalar, { description: 'The day the unit replicated the model.' })
  @Column({ name: 'replicated_on', type: 'date' })
  replicatedOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'How the unit replicated it; null when not given.',
  })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
