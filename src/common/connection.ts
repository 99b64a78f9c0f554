import type { ClassType } from 'type-graphql';
import { Arg, Field, Int, ObjectType } from 'type-graphql';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { BadInputError, pgErrorOf } from '../errors';
import { msg } from '../i18n/i18n';
import { entityRows, type EntityRows } from './rows';
import { queryPrepared } from './prepared';
import { compile, query, queryOne, sql, type SqlFragment } from './sql';

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;

@ObjectType({
  description:
    'Where a page of a list ends. While hasNextPage is true, pass endCursor as `after` to get the next page.',
})
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Opaque; pass as `after` to get the next page.',
  })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A Relay connection as resolvers return it. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Declares the `XEdge` and `XConnection` object types for a node type.
 * `name` is the node's GraphQL name, e.g. `Person` gives PersonEdge and PersonConnection.
 */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class EdgeType {
    @Field({
      description: `Opaque; pass as \`after\` to get the items that follow this ${name} in the same list.`,
    })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of a list of ${name} items, in the list's order, with the size of the whole list.`,
  })
  class ConnectionType {
    @Field(() => [EdgeType], {
      description: `The ${name} items of this page, in the list's order; empty past the end.`,
    })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and how to get them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description: 'How many items the whole list holds, on all its pages together.',
    })
    totalCount!: number;
  }
  return ConnectionType;
}

/**
 * The order of a connection: entity properties, all in one direction. The
 * last key must be unique (the id), so that the order is total and cursors
 * are stable. Key columns must be NOT NULL: a row comparison with NULL
 * matches nothing.
 */
export interface PageOrder<T> {
  keys: readonly (keyof T & string)[];
  direction: 'ASC' | 'DESC';
}

/** Which rows a connection pages through: its order, and a condition on alias `t`. */
export interface PageQuery<T> {
  order: PageOrder<T>;
  /** Rows of alias `t` to keep (all when absent). */
  where?: SqlFragment;
  /**
   * How to read the first page (no cursor, total wanted) when `where` and
   * `order` alone would be slow: `keys(limit)` is a statement giving exactly
   * the first `limit` rows of `where` in `order`, each as `__key` (the
   * order's unique key), `__total` (the size of the whole list, on every
   * row, when `counted`; else anything) and `__note` (anything; the first
   * row's is passed to `seen`, on counted pages).
   */
  firstPage?: {
    keys(limit: number, counted: boolean): SqlFragment;
    seen?(note: unknown): Promise<void>;
  };
  /** A statement whose one row's `n` is the size of the list, instead of counting `where`. */
  count?: SqlFragment;
  /**
   * Send the first page's statement as a named prepared statement (outside
   * a transaction), so that each connection parses and plans it once: for
   * statements whose plan does not depend on their values (the search's
   * first page, whose branches are chosen while it runs).
   */
  prepared?: boolean;
}

export interface PageArgs {
  first: number;
  after?: string | null;
  /**
   * Whether the total is wanted (default true). When false, `totalCount` is
   * not counted and reads 0: for a client that did not select it, a search
   * matching tens of thousands of rows costs only its page.
   */
  count?: boolean;
}

/**
 * The `first: Int = <defaultValue>` argument of a connection field. It stays
 * nullable as in the contract; resolvers read an explicit null as the default.
 */
export function FirstArg(defaultValue = 20) {
  return Arg('first', () => Int, {
    nullable: true,
    defaultValue,
    description: `The page size: at most this many items, from 0 to ${MAX_PAGE_SIZE} (BAD_USER_INPUT outside). Null means the default, ${defaultValue}.`,
  });
}

/** The `after: String` cursor argument of a connection field; `description` for other cursors. */
export function AfterArg(
  description = "Start right after the item with this cursor (an edge's cursor or pageInfo.endCursor that this list returned). Omit for the first page. BAD_USER_INPUT for anything else.",
) {
  return Arg('after', () => String, { nullable: true, description });
}

/** Checks `first`: 0..100, else BAD_USER_INPUT. */
export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 0) {
    throw new BadInputError(msg('page.firstNegative'), { field: 'first' });
  }
  if (first > MAX_PAGE_SIZE) {
    throw new BadInputError(msg('page.firstTooLarge', { max: MAX_PAGE_SIZE }), { field: 'first' });
  }
  return first;
}

/** A connection with no rows. */
export function emptyConnection<T>(): Connection<T> {
  return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
}

/** BAD_USER_INPUT for an `after` that is no cursor of this list. */
function invalidCursor(): BadInputError {
  return new BadInputError(msg('page.badCursor'), { field: 'after' });
}

/** A page order resolved against the entity's columns. */
export class Keyset<T extends ObjectLiteral> {
  /** The key columns on alias `t`. */
  readonly columns: SqlFragment[];
  /** What a cursor is tied to: the key columns and direction of its list. */
  private readonly tag: string;
  private readonly names: string[];
  /** What every cursor of this list starts with, as JSON. */
  private readonly cursorStart: string;

  constructor(
    rows: EntityRows<T>,
    readonly order: PageOrder<T>,
  ) {
    this.names = order.keys.map((key) => rows.columnName(key));
    this.columns = this.names.map((name) => sql.ident('t', name));
    this.tag = `${this.names.join(',')}:${order.direction}`;
    this.cursorStart = `{"o":${JSON.stringify(this.tag)},"v":[`;
  }

  /** The SQL name of the last key: unique, so it identifies a row. */
  get unique(): string {
    return this.names.at(-1)!;
  }

  /** `t.a DESC, t.b DESC` */
  get orderBy(): SqlFragment {
    return this.orderByOn('t');
  }

  /** The order on another alias: `p.a DESC, p.b DESC`. */
  orderByOn(alias: string): SqlFragment {
    const direction = sql.raw(this.order.direction === 'DESC' ? 'DESC' : 'ASC');
    return sql.join(this.names.map((name) => sql`${sql.ident(alias, name)} ${direction}`));
  }

  /**
   * The cursor of the key values as PostgreSQL prints them: base64url of
   * `{"o":tag,"v":[values as strings]}`, written out here rather than by
   * JSON.stringify of an object made for it (one per row of every page).
   */
  cursorOfValues(values: readonly unknown[]): string {
    let json = this.cursorStart;
    for (let i = 0; i < values.length; i++) {
      json += (i === 0 ? '' : ',') + JSON.stringify(String(values[i]));
    }
    return Buffer.from(`${json}]}`).toString('base64url');
  }

  /**
   * The key columns as PostgreSQL prints them (`column::text`), selected as
   * `__k0`, `__k1`, …: cursors hold that text, so that timestamps keep their
   * microseconds (a JS Date would cut them to milliseconds and make pages
   * repeat or skip rows).
   */
  get cursorColumns(): SqlFragment {
    return sql.join(
      this.columns.map((column, i) => sql`(${column})::text AS ${sql.ident(`__k${i}`)}`),
    );
  }

  /** The cursor of a row selected with cursorColumns. */
  cursorOf(row: Record<string, unknown>): string {
    return this.cursorOfValues(this.order.keys.map((_, i) => row[`__k${i}`]));
  }

  /** The keyset condition "after this cursor" (true without one); BAD_USER_INPUT for a cursor of another list. */
  after(cursor: string | null | undefined): SqlFragment {
    if (!cursor) return sql`true`;
    const values = this.decode(cursor);
    const op = sql.raw(this.order.direction === 'ASC' ? '>' : '<');
    return sql`(${sql.join(this.columns)}) ${op} (${sql.join(values.map((v) => sql`${v}`))})`;
  }

  private decode(cursor: string): string[] {
    try {
      const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      const { o, v } = (decoded ?? {}) as { o?: unknown; v?: unknown };
      if (
        o === this.tag &&
        Array.isArray(v) &&
        v.length === this.order.keys.length &&
        v.every((value) => typeof value === 'string')
      ) {
        return v as string[];
      }
    } catch {
      // fall through to the error below
    }
    throw invalidCursor();
  }
}

function toConnection<T extends ObjectLiteral>(
  rows: { node: T; cursor: string }[],
  first: number,
  totalCount: number,
): Connection<T> {
  const edges = rows.slice(0, first);
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * A forged cursor can decode to values that PostgreSQL cannot read as the
 * key columns' types (SQLSTATE class 22, data exception): that is the
 * client's fault, BAD_USER_INPUT, not a server error.
 */
export async function withCursorCheck<R>(after: string | null | undefined, run: () => Promise<R>) {
  try {
    return await run();
  } catch (error) {
    if (after && pgErrorOf(error)?.code.startsWith('22')) throw invalidCursor();
    throw error;
  }
}

/**
 * The statements behind one page of `entity` rows: `page` reads up to
 * `first + 1` rows after the cursor in keyset order (the extra one tells
 * whether there is a next page) with each row's cursor text, and on the
 * first page their total as a window count; `count` counts every match.
 * Exported so that tests can EXPLAIN exactly what `paginate` runs.
 * BAD_USER_INPUT for `first` outside 0..100 or a cursor not of this list.
 */
export function pageStatements<T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  entity: ClassType<T>,
  args: PageArgs,
  pageQuery: PageQuery<T>,
): { page: SqlFragment; count: SqlFragment } {
  return plan(db, entity, args, pageQuery);
}

function plan<T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  entity: ClassType<T>,
  args: PageArgs,
  { order, where = sql`true`, firstPage, count }: PageQuery<T>,
) {
  const first = checkFirst(args.first);
  const rows = entityRows(db, entity);
  const keyset = new Keyset(rows, order);
  // The first page carries the total as a window count, so the matching rows
  // are found once, not twice (a count, then the page). The count and the
  // top of the order are worked out over the matches' ids and keys only, and
  // only the page's rows are then read whole: a search matching 20,000 people
  // no longer carries 20,000 whole rows through the window and the sort.
  // After a cursor the page no longer holds every match, and the total is
  // counted apart.
  // A first page with its own statement reads its keys that way, wanted total or not.
  const wanted = args.count !== false;
  const counted = !args.after && (wanted || firstPage !== undefined);
  const keys = firstPage
    ? firstPage.keys(first + 1, wanted)
    : sql`SELECT ${sql.ident('t', keyset.unique)} AS __key, count(*) OVER () AS __total, NULL AS __note
              FROM ${rows.table} t
             WHERE ${where}
             ORDER BY ${keyset.orderBy}
             LIMIT ${first + 1}`;
  const page = counted
    ? sql`SELECT ${rows.columns()}, ${keyset.cursorColumns}, k.__total, k.__note
      FROM (${keys}) k
      JOIN ${rows.table} t ON ${sql.ident('t', keyset.unique)} = k.__key
      ORDER BY ${keyset.orderBy}`
    : sql`SELECT ${rows.columns()}, ${keyset.cursorColumns}
      FROM ${rows.table} t
      WHERE (${where}) AND ${keyset.after(args.after)}
      ORDER BY ${keyset.orderBy}
      LIMIT ${first + 1}`;
  return {
    rows,
    keyset,
    page,
    count: count ?? sql`SELECT count(*)::int AS n FROM ${rows.table} t WHERE ${where}`,
    seen: counted && wanted ? firstPage?.seen : undefined,
  };
}

/**
 * One page of a connection over the rows of `entity` that match `where`: the
 * total count, then up to `first` rows after the cursor in keyset order (no
 * OFFSET). BAD_USER_INPUT for `first` outside 0..100 or a cursor not of this list.
 */
export async function paginate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: ClassType<T>,
  args: PageArgs,
  pageQuery: PageQuery<T>,
  extension?: RowExtension<T>,
): Promise<Connection<T>> {
  const { rows, keyset, page, count, seen } = plan(manager, entity, args, pageQuery);
  let totalCount: number | undefined;
  if (args.after || args.first === 0) {
    totalCount =
      args.count === false ? 0 : ((await queryOne<{ n: number }>(manager, count))?.n ?? 0);
    if (args.first === 0) return { ...emptyConnection<T>(), totalCount };
  }
  // The extension's subqueries run on the page's rows only, after the LIMIT.
  const statement = extension
    ? sql`SELECT p.*, ${extension.select('p')} AS __extension FROM (${page}) p
           ORDER BY ${keyset.orderByOn('p')}`
    : page;
  const prepared = pageQuery.prepared && !args.after && !manager.queryRunner;
  const found = await withCursorCheck(args.after, () =>
    (prepared
      ? queryPrepared(manager.connection, compile(statement))
      : query(manager, statement)
    ).catch((error: unknown) => {
      // Without the extension, each nested field fails (or not) on its own.
      if (!extension || !retriesWithoutPlan(error, args.after)) throw error;
      extension = undefined;
      return query(manager, page);
    }),
  );
  totalCount ??= Number(found[0]?.__total ?? 0);
  if (seen && found.length) await seen(found[0]!.__note);
  const nodes = found.map((row) => {
    const node = rows.hydrate(row);
    extension?.attach(node, row.__extension);
    return { node, cursor: keyset.cursorOf(row) };
  });
  return toConnection(nodes, args.first, totalCount);
}

/**
 * More for each row of a page, read in the page's own statement: `select`
 * is one SQL expression over the row's alias, `attach` receives its value
 * with the row's entity. The read planner (src/plan) uses it to bring a
 * page's nested fields along.
 */
export interface RowExtension<T> {
  select(alias: string): SqlFragment;
  attach(node: T, value: unknown): void;
}

/** What paginateByParent pages: the children of many parents. */
export interface ParentPageQuery<T> extends PageQuery<T> {
  /** The property holding the parent's id (a foreign key), e.g. `personId`. */
  parent: keyof T & string;
  parentIds: readonly string[];
}

/**
 * Pages of children for many parents at once, for DataLoaders: one windowed
 * statement reads each parent's page and its total (a second counts, only
 * when a cursor leaves some parents with no rows after it). A constant
 * number of statements however many parents.
 */
export async function paginateByParent<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: ClassType<T>,
  args: PageArgs,
  { parent, parentIds, order, where = sql`true` }: ParentPageQuery<T>,
): Promise<Connection<T>[]> {
  const first = checkFirst(args.first);
  const rows = entityRows(manager, entity);
  const keyset = new Keyset(rows, order);
  const parentColumn = rows.column(parent);
  const matching = (ids: readonly string[]) =>
    sql`${parentColumn} = ANY(${[...ids]}) AND (${where})`;
  // The total counts every child; row numbers count only those after the cursor.
  const ranked = await withCursorCheck(args.after, () =>
    query<{ __parent: string; __total: number } & Record<string, unknown>>(
      manager,
      sql`SELECT ranked.* FROM (
        SELECT t.*, ${parentColumn} AS __parent, ${keyset.cursorColumns},
               row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${keyset.orderBy}) AS __rn
          FROM (
            SELECT t.*, count(*) OVER (PARTITION BY ${parentColumn})::int AS __total
              FROM ${rows.table} t WHERE ${matching(parentIds)}
          ) t
         WHERE ${keyset.after(args.after)}
      ) ranked
      WHERE __rn <= ${first + 1}
      ORDER BY __parent, __rn`,
    ),
  );
  const totals = new Map<string, number>();
  for (const row of ranked) totals.set(row.__parent, row.__total);
  // A parent with no rows after the cursor is missing from `ranked`; without a
  // cursor that means it has none at all.
  const missing = parentIds.filter((id) => !totals.has(id));
  if (args.after && missing.length) {
    const counts = await query<{ parent: string; total: number }>(
      manager,
      sql`SELECT ${parentColumn} AS parent, count(*)::int AS total
            FROM ${rows.table} t WHERE ${matching(missing)} GROUP BY 1`,
    );
    for (const row of counts) totals.set(row.parent, row.total);
  }
  const grouped = new Map<string, { node: T; cursor: string }[]>();
  if (first > 0) {
    for (const row of ranked) {
      const list = grouped.get(row.__parent) ?? [];
      list.push({ node: rows.hydrate(row), cursor: keyset.cursorOf(row) });
      grouped.set(row.__parent, list);
    }
  }
  return parentIds.map((id) => toConnection(grouped.get(id) ?? [], first, totals.get(id) ?? 0));
}

/**
 * True when a statement with a planned extension failed in a way a plain
 * read may not: not a cancelled statement (class 57, e.g. statement_timeout:
 * running it again doubles the load when the database is slow), nor a bad
 * `after` cursor (class 22, answered as BAD_USER_INPUT at once).
 */
export function retriesWithoutPlan(error: unknown, after?: string | null): boolean {
  const code = pgErrorOf(error)?.code;
  if (!code || code.startsWith('57')) return false;
  return !(after && code.startsWith('22'));
}
