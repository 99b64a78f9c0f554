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
  valuesConfig: {
    CADRE: { description: 'Cán bộ: elected, approved or appointed to a post for a term.' },
    CIVIL_SERVANT: {
      description:
        'Công chức: recruited to a civil-service rank or post in a Party or State agency.',
    },
    PUBLIC_EMPLOYEE: {
      description: 'Viên chức: employed by a public service unit (đơn vị sự nghiệp công lập).',
    },
    WORKER: { description: 'Người lao động: works under a labour contract.' },
  },
});

/**
 * Where a person is counted in the Ministry of Home Affairs' yearly
 * emulation-and-commendation statistics: leaders at each level, or the
 * people who do the work directly.
 */
export enum ReportCategory {
  PROVINCIAL_LEADER = 'PROVINCIAL_LEADER',
  DEPARTMENT_LEADER = 'DEPARTMENT_LEADER',
  DEPUTY_HEAD_AND_ABOVE = 'DEPUTY_HEAD_AND_ABOVE',
  DIRECT_WORKER = 'DIRECT_WORKER',
}
registerEnumType(ReportCategory, {
  name: 'ReportCategory',
  description:
    "Where a person is counted in the yearly emulation-and-commendation statistics (the Ministry of Home Affairs' 06xx.N/BNV-TĐKT forms): leaders at each level, or direct workers.",
  valuesConfig: {
    PROVINCIAL_LEADER: { description: 'Lãnh đạo cấp tỉnh: leaders of the province.' },
    DEPARTMENT_LEADER: {
      description: 'Lãnh đạo cấp sở, ban, ngành: heads and deputy heads of a department or board.',
    },
    DEPUTY_HEAD_AND_ABOVE: {
      description:
        'Cấp phó trưởng phòng trở lên: heads and deputy heads of divisions and equivalent posts.',
    },
    DIRECT_WORKER: {
      description: 'Người trực tiếp lao động, công tác: people without a leadership post.',
    },
  },
});

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: "A person's gender, as recorded.",
  valuesConfig: {
    FEMALE: { description: 'Female (nữ).' },
    MALE: { description: 'Male (nam).' },
    OTHER: { description: 'Recorded as neither female nor male.' },
  },
});

@Entity('person')
@ObjectType({ implements: Node, description: "A person's profile, as a mobile client shows it." })
export class Person implements Node {
  @Field(() => ID, { description: "The person's id: a UUID, unique across all types." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Full name, e.g. Nguyễn Quốc Khánh.' })
  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Field(() => Gender, { nullable: true, description: 'Null when not recorded.' })
  @Column({ type: 'text', nullable: true })
  gender!: Gender | null;

  @Field(() => String, {
    nullable: true,
    description: 'Job title, e.g. Trưởng ban (head of department).',
  })
  @Column({ type: 'text', nullable: true })
  position!: string | null;

  @Field(() => PersonCategory, {
    description: 'Cadre, civil servant, public employee or worker.',
  })
  @Column({ type: 'text' })
  category!: PersonCategory;

  @Field(() => ReportCategory, {
    description:
      'Where the person is counted in the statistical reports; every category but DIRECT_WORKER holds a leadership post (isLeader).',
  })
  @Column({ name: 'report_category', type: 'text' })
  reportCategory!: ReportCategory;

  @Field({ description: 'Holds a leadership post. Dashboards compare leaders and direct workers.' })
  @Column({ name: 'is_leader', type: 'boolean', default: false })
  isLeader!: boolean;

  @Field({ description: 'A member of the Communist Party of Viet Nam (đảng viên).' })
  @Column({ name: 'party_member', type: 'boolean', default: false })
  partyMember!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "An http(s) URL of the person's photo; null when there is none.",
  })
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

  /** The name without diacritics, lower-cased: what search matches and sorts on (kept by PostgreSQL). */
  @Column({
    name: 'search_name',
    type: 'text',
    generatedType: 'STORED',
    asExpression: 'immutable_unaccent(full_name)',
  })
  searchName!: string;
}
