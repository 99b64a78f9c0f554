import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';

/** A unit replicating an advanced model. Unique per (achievement, unit). */
@Entity('model_replication')
@ObjectType()
export class ModelReplication {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'achievement_id', type: 'uuid' })
  achievementId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Field(() => LocalDateScalar)
  @Column({ name: 'replicated_on', type: 'date' })
  replicatedOn!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
