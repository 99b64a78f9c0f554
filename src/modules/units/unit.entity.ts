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
registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'What kind of agency, organisation or locality a unit is.',
  valuesConfig: {
    PROVINCE: { description: 'A province or centrally-run city (tỉnh, thành phố).' },
    PARTY_COMMITTEE: { description: 'A Party committee, e.g. Tỉnh ủy Lạng Sơn.' },
    DEPARTMENT: {
      description: 'A department, board or agency, e.g. Ban Tuyên giáo và Dân vận Tỉnh ủy.',
    },
    DIVISION: { description: 'A division (phòng) inside a department, e.g. Văn phòng Ban.' },
    COMMUNE: { description: 'A commune or ward (xã, phường).' },
    ENTERPRISE: { description: 'An enterprise (doanh nghiệp).' },
    ASSOCIATION: {
      description: 'The Fatherland Front, a mass organisation or an association (hội, đoàn thể).',
    },
    OTHER: { description: 'Any other kind of unit.' },
  },
});

/** An agency, department, division or locality. Units form a tree stored as a materialized path. */
@Entity('unit')
@ObjectType({
  implements: Node,
  description: 'An agency, department, division or locality. Units form a tree.',
})
export class Unit implements Node {
  @Field(() => ID, { description: "The unit's id: a UUID, unique across all types." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Short unique code, e.g. LS-TGDV.' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Full name, e.g. Ban Tuyên giáo và Dân vận Tỉnh ủy.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => UnitKind, { description: 'What kind of unit it is.' })
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
