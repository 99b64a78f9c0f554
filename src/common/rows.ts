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
    only?: ReadonlySet<string>,
  ) {
    const problems = unmappable(metadata);
    if (problems.length) {
      throw new Error(
        `Entity ${metadata.name} cannot be read as plain rows: it has ${problems.join(', ')}`,
      );
    }
    this.name = metadata.name;
    this.table = sql.ident(metadata.tableName);
    this.read = only
      ? metadata.columns.filter((column) => only.has(column.databaseName))
      : metadata.columns;
    this.columnNames = this.read.map((column) => column.databaseName);
    this.hydration = this.read.map((column) => ({
      property: column.propertyName,
      column: column.databaseName,
      converts: convertsOnRead(column) ? column : null,
    }));
  }

  /** The columns this mapper reads and hydrates: every column, or those of a subset. */
  private readonly read: EntityMetadata['columns'];

  /** The SQL names of the columns this mapper reads, in metadata order. */
  readonly columnNames: readonly string[];

  /** Subsets made from this mapper, by their columns. */
  private readonly subsets = new Map<string, EntityRows<T>>();

  /**
   * A mapper that reads and hydrates only these columns (SQL names; `id`
   * always among them), for a caller that knows nothing reads the other
   * properties of its objects: their properties stay unset. Made once per
   * set of columns.
   */
  subset(columns: Iterable<string>): EntityRows<T> {
    const names = new Set(['id', ...columns]);
    const key = this.metadata.columns
      .map((column) => column.databaseName)
      .filter((name) => names.has(name))
      .join(',');
    let subset = this.subsets.get(key);
    if (!subset) {
      subset = new EntityRows<T>(this.metadata, this.dataSource, names);
      this.subsets.set(key, subset);
    }
    return subset;
  }

  /**
   * The SQL names of the columns behind `properties` when each is a column
   * property; null when one is not (a getter, a resolver's field...).
   */
  columnsOf(properties: Iterable<string>): string[] | null {
    const columns: string[] = [];
    for (const property of properties) {
      const column = this.metadata.findColumnWithPropertyName(property);
      if (!column) return null;
      columns.push(column.databaseName);
    }
    return columns;
  }

  /** Per column: its property, its SQL name, and itself when the driver converts its values. */
  private readonly hydration: {
    property: string;
    column: string;
    converts: EntityMetadata['columns'][number] | null;
  }[];

  /** Every column it reads on `alias`, in metadata order: `t."id", t."code", …`. */
  columns(alias = 't'): SqlFragment {
    return sql.join(this.read.map((column) => sql.ident(alias, column.databaseName)));
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

  /**
   * An entity from a row that holds every column under its SQL name (extra
   * keys are ignored). Columns whose value TypeORM would return as the
   * driver gave it (text, uuid, integers, numeric, jsonb: no conversion, no
   * transformer) are copied as they are; the others go through the driver's
   * own conversion.
   */
  hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as Record<
      string,
      unknown
    >;
    for (const { property, column, converts } of this.hydration) {
      const value = row[column];
      entity[property] = converts
        ? this.dataSource.driver.prepareHydratedValue(value, converts)
        : value;
    }
    return entity as T;
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

/**
 * Whether TypeORM's PostgreSQL driver may change a value of this column
 * when it reads it (PostgresDriver.prepareHydratedValue): a transformer, or a
 * type it converts (booleans, dates and times, `Number` properties, enums,
 * simple arrays and JSON, vectors, hstore, cube; any type not listed below).
 */
function convertsOnRead(column: EntityMetadata['columns'][number]): boolean {
  if (column.transformer) return true;
  const type = column.type;
  if (type === Boolean || type === Date || type === Number) return true;
  return typeof type !== 'string' || !PASSED_THROUGH.has(type);
}

/** Column types whose values TypeORM returns as pg parsed them. */
const PASSED_THROUGH = new Set([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'char',
  'character',
  'citext',
  'boolean',
  'bool',
  'int',
  'int2',
  'int4',
  'int8',
  'integer',
  'smallint',
  'bigint',
  'numeric',
  'decimal',
  'real',
  'float4',
  'float8',
  'double precision',
  'json',
  'jsonb',
]);

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
