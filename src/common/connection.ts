import type { ClassType } from 'type-graphql';
import { Arg, Field, Int, ObjectType } from 'type-graphql';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { In } from 'typeorm';
import { BadInputError } from '../errors';

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field()
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
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}

/**
 * The order of a connection: columns (SQL names on the entity's table) and the
 * entity properties they map to, all in one direction. The last key must be
 * unique (the id), so that the order is total and cursors are stable.
 */
export interface PageOrder {
  keys: { column: string; property: string }[];
  direction: 'ASC' | 'DESC';
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
  return Arg('first', () => Int, { nullable: true, defaultValue });
}

/** The `after: String` cursor argument of a connection field. */
export function AfterArg() {
  return Arg('after', () => String, { nullable: true });
}

/** Checks `first`: 0..100, else BAD_USER_INPUT. */
export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 0) throw new BadInputError('first must be zero or more');
  if (first > MAX_PAGE_SIZE) throw new BadInputError(`first may be at most ${MAX_PAGE_SIZE}`);
  return first;
}

function encodeCursor(order: PageOrder, node: ObjectLiteral): string {
  const values = order.keys.map(({ property }) => {
    const value: unknown = node[property];
    return value instanceof Date ? value.toISOString() : value;
  });
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor for the same order; BAD_USER_INPUT when it is not one. */
function decodeCursor(order: PageOrder, cursor: string): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === order.keys.length &&
      values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadInputError('after is not a valid cursor for this list');
}

function toConnection<T extends ObjectLiteral>(
  rows: T[],
  first: number,
  totalCount: number,
  order: PageOrder,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(order, node), node }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The keyset condition "after this cursor" for `alias`, with its parameters. */
function afterCondition(alias: string, order: PageOrder, cursor: string, prefix: string) {
  const values = decodeCursor(order, cursor);
  const columns = order.keys.map(({ column }) => `${alias}.${column}`).join(', ');
  const placeholders = values.map((_, i) => `:${prefix}${i}`).join(', ');
  const params = Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]));
  const op = order.direction === 'ASC' ? '>' : '<';
  return { sql: `(${columns}) ${op} (${placeholders})`, params };
}

/**
 * Runs a query as one page of a connection: the total count, then up to
 * `first` rows after the cursor in keyset order (no OFFSET).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  order: PageOrder,
): Promise<Connection<T>> {
  const first = checkFirst(args.first);
  const alias = query.alias;
  const totalCount = await query.clone().getCount();
  if (first === 0) return toConnection([], 0, totalCount, order);
  const page = query.clone();
  if (args.after) {
    const condition = afterCondition(alias, order, args.after, 'cursor');
    page.andWhere(condition.sql, condition.params);
  }
  order.keys.forEach(({ column }, i) => {
    const expression = `${alias}.${column}`;
    if (i === 0) page.orderBy(expression, order.direction);
    else page.addOrderBy(expression, order.direction);
  });
  const rows = await page.limit(first + 1).getMany();
  return toConnection(rows, first, totalCount, order);
}

/**
 * Pages of children for many parents at once, for DataLoaders: one windowed
 * query finds the ids of each parent's page and total, a second loads those
 * rows. Two statements however many parents are asked for.
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
  const orderSql = order.keys.map(({ column }) => `t.${column} ${direction}`).join(', ');
  const conditions = [`t.${parentColumn} = ANY(:parents)`];
  const params: Record<string, unknown> = { parents: [...parentIds], ...(where?.params ?? {}) };
  if (where) conditions.push(where.sql);
  let afterSql = 'true';
  if (args.after) {
    const condition = afterCondition('t', order, args.after, 'cursor');
    afterSql = condition.sql;
    Object.assign(params, condition.params);
  }
  // The total counts every child; row numbers count only those after the cursor.
  const sql = `
    SELECT id, parent, total FROM (
      SELECT t.id, t.${parentColumn} AS parent, total,
             row_number() OVER (PARTITION BY t.${parentColumn} ORDER BY ${orderSql}) AS rn
      FROM (
        SELECT t.*, count(*) OVER (PARTITION BY t.${parentColumn}) AS total
        FROM ${table} t WHERE ${conditions.join(' AND ')}
      ) t
      WHERE ${afterSql}
    ) ranked
    WHERE rn <= :limit
    ORDER BY parent, rn`;
  params.limit = first + 1;
  const [query, parameters] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  const ranked: { id: string; parent: string; total: string | number }[] = await manager.query(
    query,
    parameters,
  );
  const totals = new Map<string, number>();
  if (first === 0 || ranked.length === 0) {
    // Totals still matter for an empty page; count them directly.
    const counts: { parent: string; total: string }[] = await manager.query(
      ...manager.connection.driver.escapeQueryWithParameters(
        `SELECT t.${parentColumn} AS parent, count(*) AS total FROM ${table} t WHERE ${conditions.join(' AND ')} GROUP BY 1`,
        { parents: [...parentIds], ...(where?.params ?? {}) },
      ),
    );
    for (const row of counts) totals.set(row.parent, Number(row.total));
  }
  const rows =
    ranked.length && first > 0
      ? await repository.findBy({ id: In(ranked.map((r) => r.id)) } as never)
      : [];
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  const grouped = new Map<string, T[]>();
  for (const r of ranked) {
    totals.set(r.parent, Number(r.total));
    const row = byId.get(r.id);
    if (!row) continue;
    const list = grouped.get(r.parent) ?? [];
    list.push(row);
    grouped.set(r.parent, list);
  }
  return parentIds.map((parent) =>
    toConnection(grouped.get(parent) ?? [], first, totals.get(parent) ?? 0, order),
  );
}
