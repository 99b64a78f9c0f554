import type { ClassType } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import type { PageArgs, PageOrder } from '../common/connection';
import type { SqlFragment } from '../common/sql';

/** A field's arguments as graphql-js coerced them (defaults applied, variables read). */
export type FieldArgs = Readonly<Record<string, unknown>>;

/**
 * The condition on the rows a relation reads (alias `row`) for one parent
 * row (alias `parent`), given the field's arguments. It may throw (e.g. for
 * an argument the resolver would refuse): the read planner then leaves the
 * whole operation to the resolvers, which report the error where it belongs.
 */
export type RelationWhere = (parent: SqlFragment, row: SqlFragment, args: FieldArgs) => SqlFragment;

type Entity = ClassType<ObjectLiteral>;

/**
 * How a field of an object type is read inside the statement of its root
 * field, as a subquery of the parent row (see src/plan/read-planner.ts).
 * Fields without one are left to their resolvers and DataLoaders.
 */
export type Relation =
  /** At most one row of `entity`, e.g. Person.unit; null when none. */
  | { kind: 'one'; entity: Entity; where: RelationWhere }
  /** Every matching row of `entity` in `order`, e.g. Unit.ancestors. */
  | {
      kind: 'many';
      entity: Entity;
      where: RelationWhere;
      order: (row: SqlFragment) => SqlFragment;
    }
  /** One page of a connection of `entity` rows, e.g. Person.awards. */
  | {
      kind: 'page';
      entity: Entity;
      where: RelationWhere;
      order: PageOrder<never>;
      /** The page asked for (checkFirst'd: it may throw). */
      page: (args: FieldArgs) => PageArgs;
    }
  /**
   * Rows of `entity` from a statement of their own (`from`: a SELECT of the
   * entity's columns for the parent row, in `order` on alias `row`), each
   * returned as `wrap(entity)`, e.g. Person.titleHistory's TitleRecords.
   */
  | {
      kind: 'rows';
      entity: Entity;
      from: (parent: SqlFragment, args: FieldArgs) => SqlFragment;
      order: (row: SqlFragment) => SqlFragment;
      wrap: (entity: ObjectLiteral) => object;
    }
  /**
   * The row behind a wrapper made by a `rows` relation (`of` finds it in the
   * wrapper), e.g. TitleRecord.award; its own fields can be planned too.
   */
  | { kind: 'self'; of: (wrapper: object) => ObjectLiteral }
  /** A value computed by SQL for the parent row, e.g. Unit.headcount. */
  | { kind: 'value'; select: (parent: SqlFragment, args: FieldArgs) => SqlFragment };

/** Relations by GraphQL type and field name: `{ Person: { unit: {…} } }`. */
export type Relations = Record<string, Record<string, Relation>>;
