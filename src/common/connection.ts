import type { ClassType } from 'type-graphql';
import { Arg, Field, Int, ObjectType } from 'type-graphql';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { In } from 'typeorm';
import { BadInputError, pgErrorOf } from '../errors';
import { RawReader } from './loaders';

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
 * The order of a connection: columns (SQL names on the entity's table) and the
 * entity properties they map to, all in one direction. The last key must be
 * unique (the id), so that the order is total and cursors are stable. Key
 * columns must be NOT NULL: a row comparison with NULL matches nothing.
 *
 * A key may order by an SQL `expression` of the row instead of its column
 * (given the table alias), e.g. `(a) => \`immutable_unaccent(${a}.full_name)\``.
 */
export interface PageOrder {
  keys: { column: string; property: string; expression?: (alias: string) => string }[];
  direction: 'ASC' | 'DESC';
}

/** The SQL a key orders by on `alias`. */
function keySql(alias: string, key: PageOrder['keys'][number]): string {
  return key.expression ? key.expression(alias) : `${alias}.${key.column}`;
}

export interface PageArgs {
  first: number;
  after?: string | null;
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
  if (!Number.isInteger(first) || first < 0) throw new BadInputError('first must be zero or more');
  if (first > MAX_PAGE_SIZE) throw new BadInputError(`first may be at most ${MAX_PAGE_SIZE}`);
  return first;
}

const INVALID_CURSOR = 'after is not a valid cursor for this list';

/** What a cursor is tied to: the key columns and direction of its list. */
function orderTag(order: PageOrder): string {
  return `${order.keys.map((k) => (k.expression ? k.expression('t') : k.column)).join(',')}:${order.direction}`;
}

/**
 * A cursor holds the key values as PostgreSQL prints them (`column::text`),
 * so that timestamps keep their microseconds (a JS Date would cut them to
 * milliseconds and make pages repeat or skip rows), and the order it belongs to.
 */
function encodeCursor(order: PageOrder, values: readonly string[]): string {
  return Buffer.from(JSON.stringify({ o: orderTag(order), v: values })).toString('base64url');
}

/** Decodes a cursor made by encodeCursor for the same order; BAD_USER_INPUT when it is not one. */
function decodeCursor(order: PageOrder, cursor: string): string[] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const { o, v } = (decoded ?? {}) as { o?: unknown; v?: unknown };
    if (
      o === orderTag(order) &&
      Array.isArray(v) &&
      v.length === order.keys.length &&
      v.every((value) => typeof value === 'string')
    ) {
      return v as string[];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadInputError(INVALID_CURSOR);
}

/** SQL expressions that print the key columns of `alias` as cursor text. */
function cursorColumns(alias: string, order: PageOrder): string[] {
  return order.keys.map((key) => `(${keySql(alias, key)})::text`);
}

function toConnection<T extends ObjectLiteral>(
  rows: { node: T; keys: string[] }[],
  first: number,
  totalCount: number,
  order: PageOrder,
): Connection<T> {
  const edges = rows
    .slice(0, first)
    .map(({ node, keys }) => ({ cursor: encodeCursor(order, keys), node }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The keyset condition "after this cursor" for `alias`, with its parameters. */
function afterCondition(alias: string, order: PageOrder, cursor: string, prefix: string) {
  const values = decodeCursor(order, cursor);
  const columns = order.keys.map((key) => keySql(alias, key)).join(', ');
  const placeholders = values.map((_, i) => `:${prefix}${i}`).join(', ');
  const params = Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]));
  const op = order.direction === 'ASC' ? '>' : '<';
  return { sql: `(${columns}) ${op} (${placeholders})`, params };
}

/**
 * A forged cursor can decode to values that PostgreSQL cannot read as the
 * key columns' types (SQLSTATE class 22, data exception): that is the
 * client's fault, BAD_USER_INPUT, not a server error.
 */
async function withCursorCheck<R>(after: string | null | undefined, run: () => Promise<R>) {
  try {
    return await run();
  } catch (error) {
    if (after && pgErrorOf(error)?.code.startsWith('22')) throw new BadInputError(INVALID_CURSOR);
    throw error;
  }
}

/**
 * The statement that reads one page: `query` after the cursor, in keyset order,
 * `first + 1` rows (the extra one tells whether there is a next page), with the
 * cursor text of each row selected as `__cursor_<i>`. Exported so that tests
 * can EXPLAIN exactly what `paginate` runs.
 */
export function pageQuery<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  order: PageOrder,
): SelectQueryBuilder<T> {
  const first = checkFirst(args.first);
  const alias = query.alias;
  const page = query.clone();
  if (args.after) {
    const condition = afterCondition(alias, order, args.after, 'cursor');
    page.andWhere(condition.sql, condition.params);
  }
  cursorColumns(alias, order).forEach((expression, i) =>
    page.addSelect(expression, `__cursor_${i}`),
  );
  order.keys.forEach((key, i) => {
    const expression = keySql(alias, key);
    if (i === 0) page.orderBy(expression, order.direction);
    else page.addOrderBy(expression, order.direction);
  });
  return page.limit(first + 1);
}

/**
 * Runs a query as one page of a connection: the total count, then up to
 * `first` rows after the cursor in keyset order (no OFFSET).
 * BAD_USER_INPUT for `first` outside 0..100 or a cursor not of this list.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  order: PageOrder,
): Promise<Connection<T>> {
  const first = checkFirst(args.first);
  const page = pageQuery(query, args, order);
  // The first page carries the total as a window count, so the matching rows
  // are found once, not twice (a count, then the page); after a cursor the
  // page no longer holds every match, and the total is counted apart.
  let totalCount: number | undefined;
  if (args.after || first === 0) {
    totalCount = Number((await query.clone().select('count(*)', 'n').getRawOne())?.n ?? 0);
    if (first === 0) return toConnection([], 0, totalCount, order);
  } else {
    page.addSelect('count(*) OVER ()', '__total');
  }
  const { entities, raw } = await withCursorCheck(args.after, () => page.getRawAndEntities());
  // Without joins every raw row is one entity, in the same order.
  if (entities.length !== raw.length) throw new Error('paginate does not support joined rows');
  totalCount ??= Number(raw[0]?.__total ?? 0);
  const rows = entities.map((node, i) => ({
    node,
    keys: order.keys.map((_, k) => String(raw[i][`__cursor_${k}`])),
  }));
  return toConnection(rows, first, totalCount, order);
}

/**
 * Pages of children for many parents at once, for DataLoaders: one windowed
 * query finds the ids of each parent's page and its total, a second loads
 * those rows (a third counts, only when a cursor leaves some parents with no
 * rows after it). A constant number of statements however many parents.
 *
 * `where` is an extra SQL condition on alias `t` (with named parameters).
 */
export async function paginateByParent<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: ClassType<T>,
  parentColumn: string,
  parentIds: readonly string[],
  args: PageArgs,
  order: PageOrder,
  where?: { sql: string; params: Record<string, unknown> },
): Promise<Connection<T>[]> {
  const first = checkFirst(args.first);
  const repository = manager.getRepository(entity);
  const table = repository.metadata.tableName;
  const direction = order.direction;
  const orderSql = order.keys.map((key) => `${keySql('t', key)} ${direction}`).join(', ');
  const keySelect = cursorColumns('t', order)
    .map((expression, i) => `${expression} AS __k${i}`)
    .join(', ');
  const conditions = [`t.${parentColumn} = ANY(:parents)`];
  const baseParams: Record<string, unknown> = {
    parents: [...parentIds],
    ...(where?.params ?? {}),
  };
  if (where) conditions.push(`(${where.sql})`);
  const params: Record<string, unknown> = { ...baseParams, limit: first + 1 };
  let afterSql = 'true';
  if (args.after) {
    const condition = afterCondition('t', order, args.after, 'cursor');
    afterSql = condition.sql;
    Object.assign(params, condition.params);
  }
  // The total counts every child; row numbers count only those after the cursor.
  // The page's rows come back whole, so one statement serves entities with
  // plain columns (RawReader); others are loaded by id with a second one.
  const sql = `
    SELECT ranked.* FROM (
      SELECT t.*, t.${parentColumn} AS __parent, ${keySelect},
             row_number() OVER (PARTITION BY t.${parentColumn} ORDER BY ${orderSql}) AS __rn
      FROM (
        SELECT t.*, count(*) OVER (PARTITION BY t.${parentColumn}) AS __total
        FROM ${table} t WHERE ${conditions.join(' AND ')}
      ) t
      WHERE ${afterSql}
    ) ranked
    WHERE __rn <= :limit
    ORDER BY __parent, __rn`;
  const driver = manager.connection.driver;
  const ranked: ({ id: string; __parent: string; __total: string | number } & Record<
    string,
    unknown
  >)[] = await withCursorCheck(args.after, () =>
    manager.query(...driver.escapeQueryWithParameters(sql, params)),
  );
  const totals = new Map<string, number>();
  for (const r of ranked) totals.set(r.__parent, Number(r.__total));
  // A parent with no rows after the cursor is missing from `ranked`; without a
  // cursor that means it has none at all.
  const missing = parentIds.filter((parent) => !totals.has(parent));
  if (args.after && missing.length) {
    const counts: { parent: string; total: string | number }[] = await manager.query(
      ...driver.escapeQueryWithParameters(
        `SELECT t.${parentColumn} AS parent, count(*) AS total FROM ${table} t
          WHERE ${conditions.join(' AND ')} GROUP BY 1`,
        { ...baseParams, parents: missing },
      ),
    );
    for (const row of counts) totals.set(row.parent, Number(row.total));
  }
  const reader = RawReader.for(manager, entity);
  const rows =
    ranked.length && first > 0
      ? reader
        ? ranked.map((r) => reader.hydrate(r))
        : await repository.findBy({ id: In(ranked.map((r) => r.id)) } as never)
      : [];
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  const grouped = new Map<string, { node: T; keys: string[] }[]>();
  for (const r of ranked) {
    const node = byId.get(r.id);
    if (!node) continue;
    const list = grouped.get(r.__parent) ?? [];
    list.push({ node, keys: order.keys.map((_, i) => String(r[`__k${i}`])) });
    grouped.set(r.__parent, list);
  }
  return parentIds.map((parent) =>
    toConnection(grouped.get(parent) ?? [], first, totals.get(parent) ?? 0, order),
  );
}
