import type { ClassType } from 'type-graphql';
import {
  InstanceChecker,
  type DataSource,
  type EntityManager,
  type EntityMetadata,
  type ObjectLiteral,
} from 'typeorm';
import { query, sql, type Queryable, type SqlFragment } from './sql';

/** An order over entity properties, e.g. `{ sortOrder: 'ASC', code: 'ASC' }`. */
export type PropertyOrder<T> = Partial<Record<keyof T & string, 'ASC' | 'DESC'>>;

/**
 * The one mapping between an entity's rows and its objects, built from
 * TypeORM's metadata: the table, the column of each property, and hydration
 * the way TypeORM does it (the driver's value conversion and the columns'
 * transformers). Statements are written with the `sql` tag and run as they
 * are, without TypeORM's query builder, which costs about 0.6 ms of CPU per
 * statement on top of the ~0.3 ms of the query itself (bench/), several
 * times per request.
 *
 * Only entities made of plain columns can be mapped; `entityRows` throws for
 * any other, and `checkEntityRows` checks every entity when the app starts.
 */
export class EntityRows<T extends ObjectLiteral> {
  /** The entity's name, e.g. `Award` (NOT_FOUND messages use it). */
  readonly name: string;
  /** The entity's table, quoted. */
  readonly table: SqlFragment;

  constructor(
    private readonly metadata: EntityMetadata,
    private readonly dataSource: DataSource,
  ) {
    const problems = unmappable(metadata);
    if (problems.length) {
      throw new Error(
        `Entity ${metadata.name} cannot be read as plain rows: it has ${problems.join(', ')}`,
      );
    }
    this.name = metadata.name;
    this.table = sql.ident(metadata.tableName);
  }

  /** Every column on `alias`, in metadata order: `t."id", t."code", …`. */
  columns(alias = 't'): SqlFragment {
    return sql.join(this.metadata.columns.map((column) => sql.ident(alias, column.databaseName)));
  }

  /** The SQL name of a property's column. Error for a property without a column. */
  columnName(property: keyof T & string): string {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.name} has no column for ${property}`);
    return column.databaseName;
  }

  /** A property's column on `alias`: `t."full_name"`. */
  column(property: keyof T & string, alias = 't'): SqlFragment {
    return sql.ident(alias, this.columnName(property));
  }

  /** `ORDER BY` the properties of `order` on alias `t` (nothing for an empty order). */
  orderBy(order: PropertyOrder<T>): SqlFragment {
    const keys = Object.entries(order).map(
      ([property, direction]) =>
        sql`${this.column(property)} ${sql.raw(direction === 'DESC' ? 'DESC' : 'ASC')}`,
    );
    return keys.length ? sql` ORDER BY ${sql.join(keys)}` : sql.empty;
  }

  /** An entity from a row that holds every column under its SQL name (extra keys are ignored). */
  hydrate(row: Record<string, unknown>): T {
    const driver = this.dataSource.driver;
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const column of this.metadata.columns) {
      (entity as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(
        row[column.databaseName],
        column,
      );
    }
    return entity;
  }

  /** Rows of alias `t` matching `where`, in `order`. */
  async select(
    db: Queryable,
    where: SqlFragment = sql`true`,
    order: PropertyOrder<T> = {},
  ): Promise<T[]> {
    const rows = await query(
      db,
      sql`SELECT ${this.columns()} FROM ${this.table} t WHERE ${where}${this.orderBy(order)}`,
    );
    return rows.map((row) => this.hydrate(row));
  }

  /** Rows whose `property` is one of `values`, in `order`. */
  selectIn(
    db: Queryable,
    property: keyof T & string,
    values: readonly unknown[],
    order: PropertyOrder<T> = {},
  ): Promise<T[]> {
    return this.select(db, sql`${this.column(property)} = ANY(${[...values]})`, order);
  }
}

/** What keeps an entity from being read as plain columns; empty when nothing does. */
function unmappable(metadata: EntityMetadata): string[] {
  const problems: string[] = [];
  if (metadata.relations.length) {
    problems.push(`relations (${metadata.relations.map((r) => r.propertyName).join(', ')})`);
  }
  if (metadata.embeddeds.length) problems.push('embedded columns');
  if (metadata.afterLoadListeners.length) problems.push('@AfterLoad listeners');
  if (metadata.inheritancePattern || metadata.treeType) problems.push('inheritance or a tree');
  const odd = metadata.columns.filter(
    (c) => !c.isSelect || c.isVirtual || c.isVirtualProperty || c.embeddedMetadata !== undefined,
  );
  if (odd.length) {
    problems.push(
      `columns that are not plain (${odd.map((c) => c.propertyName).join(', ')}: virtual, embedded or not selected)`,
    );
  }
  return problems;
}

const cache = new WeakMap<EntityMetadata, EntityRows<ObjectLiteral>>();

/** The row mapper of `entity` (made once per data source). Error when the entity cannot be mapped. */
export function entityRows<T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  entity: ClassType<T>,
): EntityRows<T> {
  const dataSource = InstanceChecker.isDataSource(db) ? db : db.dataSource;
  const metadata = dataSource.getMetadata(entity);
  let rows = cache.get(metadata);
  if (!rows) {
    rows = new EntityRows<ObjectLiteral>(metadata, dataSource);
    cache.set(metadata, rows);
  }
  return rows as EntityRows<T>;
}

/**
 * Builds the row mapper of every entity of `dataSource`, so that an entity
 * that cannot be mapped stops the app when it starts, not a request later.
 * Throws one Error naming each such entity and why.
 */
export function checkEntityRows(dataSource: DataSource): void {
  const failures: string[] = [];
  for (const metadata of dataSource.entityMetadatas) {
    try {
      entityRows(dataSource, metadata.target as ClassType<ObjectLiteral>);
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  if (failures.length) throw new Error(failures.join('\n'));
}
