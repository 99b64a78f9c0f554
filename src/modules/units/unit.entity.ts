import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node';

export enum UnitKind {
  PROVINCE = 'PROVINCE',
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  DEPARTMENT = 'DEPARTMENT',
  DIVISION = 'DIVISION',
  COMMUNE = 'COMMUNE',
  ENTERPRISE = 'ENTERPRISE',
  ASSOCIATION = 'ASSOCIATION',
  OTHER = 'OTHER',
}
registerEnumType(UnitKind, { name: 'UnitKind' });

/** An agency, department, division or locality. Units form a tree stored as a materialized path. */
@Entity('unit')
@ObjectType({
  implements: Node,
  description: 'An agency, department, division or locality. Units form a tree.',
})
export class Unit implements Node {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Short unique code, e.g. LS-TGDV.' })
  @Column({ type: 'text' })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => UnitKind)
  @Column({ type: 'text' })
  kind!: UnitKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  /** Ids from the root down to this unit: '/root/child/this/'. Subtree = path LIKE this.path || '%'. */
  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'int' })
  depth!: number;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
}

/** Ids of the ancestors of a unit, root first, from its materialized path. */
export function ancestorIds(unit: Pick<Unit, 'path'>): string[] {
  return unit.path.split('/').filter(Boolean).slice(0, -1);
}
