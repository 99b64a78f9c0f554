import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node';
import { LocalDateScalar } from '../../common/scalars';

export enum PersonCategory {
  CADRE = 'CADRE',
  CIVIL_SERVANT = 'CIVIL_SERVANT',
  PUBLIC_EMPLOYEE = 'PUBLIC_EMPLOYEE',
  WORKER = 'WORKER',
}
registerEnumType(PersonCategory, {
  name: 'PersonCategory',
  description: 'Cán bộ, công chức, viên chức, người lao động.',
});

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
}
registerEnumType(Gender, { name: 'Gender' });

/** A person's profile, as a mobile client shows it. */
@Entity('person')
@ObjectType({ implements: Node, description: "A person's profile, as a mobile client shows it." })
export class Person implements Node {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Field(() => Gender, { nullable: true })
  @Column({ type: 'text', nullable: true })
  gender!: Gender | null;

  @Field(() => String, {
    nullable: true,
    description: 'Job title, e.g. Trưởng ban (head of department).',
  })
  @Column({ type: 'text', nullable: true })
  position!: string | null;

  @Field(() => PersonCategory)
  @Column({ type: 'text' })
  category!: PersonCategory;

  @Field({ description: 'Holds a leadership post. Dashboards compare leaders and direct workers.' })
  @Column({ name: 'is_leader', type: 'boolean', default: false })
  isLeader!: boolean;

  @Field()
  @Column({ name: 'party_member', type: 'boolean', default: false })
  partyMember!: boolean;

  @Field(() => String, { nullable: true })
  @Column({ name: 'avatar_url', type: 'text', nullable: true })
  avatarUrl!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'Day the person was recruited (ngày tuyển dụng): Lao động tiên tiến is not given to people recruited less than 6 months before the year ends. Null when not recorded.',
  })
  @Column({ name: 'recruited_on', type: 'date', nullable: true })
  recruitedOn!: string | null;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;
}
