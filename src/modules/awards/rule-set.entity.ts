import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import type { Basis } from './legal-basis';

/** A rule of the catalogue as stored: the code of a registered rule, its parameters and what it implements. */
export interface StoredRule {
  code: string;
  params?: Record<string, unknown>;
  /** Citations of the article the rule implements (or, in older rows, a text). */
  basis?: Basis;
  /** Older rows: a text legal basis. */
  legalBasis?: string;
}

/** Reads numeric columns (PostgreSQL `numeric` arrives as a string); null stays null. */
const numeric = {
  to: (value: number | null) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * A version of the law: the decree in force from `validFrom` to `validTo`
 * (inclusive; null while still in force), with the council's quorum and how
 * bonuses are rounded. Rule sets never overlap (an exclusion constraint), so
 * exactly one or none is in force on any day.
 */
@Entity('rule_set')
@ObjectType({
  description:
    'A version of the law in force over a period (e.g. Decree 152/2025/NĐ-CP from 1 July 2025): the council quorum, how bonuses are rounded, and a version of every award type.',
})
export class RuleSet {
  @Field(() => ID, { description: 'The rule set id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Stable code, e.g. ND_152_2025.' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'The act as an officer names it, e.g. Nghị định 152/2025/NĐ-CP.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => LocalDateScalar, { description: 'First day in force.' })
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day in force (inclusive); null while it is still in force.',
  })
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Field(() => Int, {
    description:
      'Quorum of a council meeting as a fraction of its members: numerator (2 of 2/3). At least ⌈numerator/denominator × membersTotal⌉ must be present.',
  })
  @Column({ name: 'quorum_numerator', type: 'int' })
  quorumNumerator!: number;

  @Field(() => Int, { description: 'Quorum fraction: denominator (3 of 2/3).' })
  @Column({ name: 'quorum_denominator', type: 'int' })
  quorumDenominator!: number;

  /** Citations for the quorum; GraphQL shows them as `quorumBasis`. */
  @Column({ name: 'quorum_basis', type: 'jsonb' })
  quorumCitations!: Basis;

  /** Citations for the money rules (rounding, highest title only); GraphQL `moneyBasis`. */
  @Column({ name: 'money_basis', type: 'jsonb' })
  moneyCitations!: Basis;

  @Field(() => Int, {
    description:
      'Bonuses are rounded up to a multiple of this many đồng (10,000 under Decree 152/2025).',
  })
  @Column({ name: 'rounding_unit', type: 'int' })
  roundingUnit!: number;

  @Field({
    description:
      'When one recipient holds several emulation titles for one year, only the highest one is paid.',
  })
  @Column({ name: 'highest_title_only', type: 'boolean' })
  highestTitleOnly!: boolean;
}

/**
 * What one rule set says about one award type: the bonus multiples, the
 * council's approval threshold, and the rules a nomination is checked
 * against, each citing the article it implements.
 */
@Entity('award_type_version')
@ObjectType({
  description:
    'What one rule set says about one award type: bonus multiples, the approval threshold and the rules, each citing its article.',
})
export class AwardTypeVersion {
  @Field(() => ID, { description: 'The version id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'award_type_id', type: 'uuid' })
  awardTypeId!: string;

  @Column({ name: 'rule_set_id', type: 'uuid' })
  ruleSetId!: string;

  /** Bonus of an individual as a multiple of the base salary; null: not for individuals. */
  @Column({ name: 'individual_multiple', type: 'numeric', nullable: true, transformer: numeric })
  individualMultiple!: number | null;

  /** Bonus of a collective as a multiple of the base salary; null: not for collectives. */
  @Column({ name: 'collective_multiple', type: 'numeric', nullable: true, transformer: numeric })
  collectiveMultiple!: number | null;

  /** Share of all council members whose yes vote approves, 0..1. */
  @Column({ name: 'approval_threshold', type: 'numeric', transformer: numeric })
  approvalThreshold!: number;

  @Column({ name: 'approval_basis', type: 'jsonb' })
  approvalCitations!: Basis;

  @Column({ name: 'money_basis', type: 'jsonb' })
  moneyCitations!: Basis;

  /** The rules checked on nomination and approval, as data. */
  @Column({ name: 'rules', type: 'jsonb' })
  ruleSpecs!: StoredRule[];

  /** What the type rests on (the article that defines it). */
  @Column({ name: 'legal_basis', type: 'jsonb' })
  typeCitations!: Basis;
}

/**
 * The base salary (mức lương cơ sở) from `validFrom` until the next row's
 * `validFrom`. Bonuses are multiples of the one in force on the decision date.
 */
@Entity('base_salary')
@ObjectType({
  description:
    'The base salary (mức lương cơ sở) in force from a date until the next row; bonuses are multiples of the one in force on the decision date.',
})
export class BaseSalary {
  @Field(() => LocalDateScalar, { description: 'First day this amount is in force.' })
  @PrimaryColumn({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Field(() => Int, { description: 'Amount in đồng per month, e.g. 2340000.' })
  @Column({ type: 'int' })
  amount!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The act that set it, e.g. Nghị định 73/2024/NĐ-CP.',
  })
  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
