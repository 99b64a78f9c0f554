import {
  getNamedType,
  GraphQLObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';
import type { Pool } from 'pg';
import type { ClassType } from 'type-graphql';
import type { DataSource, ObjectLiteral } from 'typeorm';
import {
  Keyset,
  retriesWithoutPlan,
  type Connection,
  type RowExtension,
} from '../common/connection';
import { queryPrepared } from '../common/prepared';
import { entityRows, type EntityRows } from '../common/rows';
import type { ServiceDeps } from '../common/services';
import type { Context } from '../context';
import { compile, sql, type CompiledSql, type SqlFragment } from '../common/sql';
import { readPlans } from '../modules/read-plans';
import type { Logger } from '../logger';
import { attachPlanned } from './planned';
import type { FieldArgs, Relation, Relations } from './relations';

/**
 * The read planner: a root field (person, people, unit, units, node, awards,
 * achievements, me) looks ahead at what the operation selects below it and
 * reads, in its own one statement, every nested field it knows how to read
 * (the relations of src/modules/read-plans.ts): references and lists as
 * correlated subqueries returning JSON (`json_build_array`, `json_agg`),
 * connections as a page of rows with their cursors and, when selected,
 * their `totalCount`. The objects it returns carry what was read for each
 * field of the selection (src/plan/planned.ts), which the fields' resolvers
 * return as it is (see servePlannedFields); anything else they read through
 * their DataLoaders as before.
 *
 * The plan (which fields, under which GraphQL field nodes, read how) is
 * worked out once per document and shape of variables (the booleans that
 * @include and @skip read) and kept; only the statement's values are the
 * request's own. Statements of by-id roots are sent as named prepared
 * statements once they have been seen twice, so PostgreSQL parses and plans
 * them once per connection.
 *
 * When anything about a request's arguments is wrong (a page size out of
 * range, a cursor of another list), or the statement fails in PostgreSQL,
 * the planner steps aside and the resolvers run alone, so that an error
 * comes from the field it belongs to, as it would without a plan.
 */
export class ReadPlanner {
  private readonly dataSource: DataSource;
  private readonly logger: Logger;
  private readonly enabled: boolean;
  private readonly plans = new WeakMap<FieldNode, Map<string, NodePlan | null>>();
  private readonly relations: Relations = readPlans;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.logger = deps.logger;
    this.enabled = deps.config.PLANNED_READS;
  }

  /**
   * The `entity` row with this id, of GraphQL type `type` (default: the
   * root field's own type), with every planned field below the root field
   * read in the same statement; `fallback()` when there is nothing to plan
   * or the plan cannot serve this request.
   */
  async byId<T extends ObjectLiteral>(
    info: GraphQLResolveInfo,
    entity: ClassType<T>,
    id: string,
    fallback: () => Promise<T | null>,
    type: GraphQLObjectType | null = objectTypeOf(info),
  ): Promise<T | null> {
    const plan = type && this.planOf(info, type, entity);
    if (!plan) return fallback();
    const request = new PlanRequest(info.variableValues);
    let statement: CompiledSql;
    try {
      statement = this.byIdStatement(plan, request, id);
    } catch {
      return fallback();
    }
    let rows: { j: unknown[] }[];
    try {
      rows = await this.run<{ j: unknown[] }>(statement, true);
    } catch (error) {
      // Without the plan each field fails (or not) on its own, at its own path.
      if (retriesWithoutPlan(error)) return fallback();
      throw error;
    }
    const json = rows[0]?.j;
    return json ? (this.hydrateNode(plan, json, request) as T) : null;
  }

  /**
   * What a root connection field of `entity` rows reads for each row of
   * its page, for `paginate`; undefined when nothing below it can be planned
   * or this request's arguments cannot be (the resolvers then serve it).
   */
  pageExtension<T extends ObjectLiteral>(
    info: GraphQLResolveInfo,
    entity: ClassType<T>,
  ): RowExtension<T> | undefined {
    const connection = objectTypeOf(info);
    if (!connection) return undefined;
    const plan = this.planOf(info, connection, entity);
    if (!plan?.page) return undefined;
    const nodePlan = plan.page;
    const request = new PlanRequest(info.variableValues);
    let select: SqlFragment;
    try {
      select = remember(nodePlan, request.key(nodePlan), () =>
        this.nodeJson(nodePlan, 'p', request, false),
      );
    } catch {
      return undefined;
    }
    return {
      select: () => select,
      attach: (node, value) => this.attachFields(node, nodePlan, value as unknown[], 0, request),
    };
  }

  // ------------------------------------------------------------ planning

  /**
   * The plan below the root field for objects of `type` (or, for a
   * connection type, for its nodes), from the cache; null when nothing below
   * it can be planned.
   */
  private planOf(
    info: GraphQLResolveInfo,
    type: GraphQLObjectType,
    entity: ClassType<ObjectLiteral>,
  ): NodePlan | null {
    if (!this.enabled) return null;
    const key = info.fieldNodes[0]!;
    let byShape = this.plans.get(key);
    if (!byShape) {
      byShape = new Map();
      this.plans.set(key, byShape);
    }
    const shape = `${type.name}|${shapeOf(info.variableValues)}`;
    let plan = byShape.get(shape);
    if (plan === undefined) {
      try {
        plan = new Compilation(info, this.relations, this.dataSource).root(type, entity);
      } catch (error) {
        // A plan that cannot be made is a bug of a relation: serve without one, say so once.
        this.logger.warn({ err: error, field: info.fieldName }, 'read plan failed; using loaders');
        plan = null;
      }
      if (byShape.size >= MAX_SHAPES) byShape.delete(byShape.keys().next().value!);
      byShape.set(shape, plan);
    }
    return plan;
  }

  // ----------------------------------------------------------------- SQL

  /**
   * A JSON array for the row of `plan` at `alias`: the row's columns (when
   * `withRow`) and then the value of each planned field, in order.
   */
  private nodeJson(
    plan: NodePlan,
    alias: string,
    request: PlanRequest,
    withRow: boolean,
  ): SqlFragment {
    const parts: SqlFragment[] =
      withRow && plan.rows ? [rowJson(this.dataSource, plan, alias)] : [];
    for (const field of plan.fields) parts.push(this.fieldSql(field, alias, request));
    return sql`json_build_array(${sql.join(parts)})`;
  }

  private fieldSql(field: FieldPlan, parentAlias: string, request: PlanRequest): SqlFragment {
    const relation = field.relation;
    const args = request.args(field);
    const parent = sql.ident(parentAlias);
    const alias = `r${field.id}`;
    const row = sql.ident(alias);
    switch (relation.kind) {
      case 'one':
        return sql`(SELECT ${this.nodeJson(field.child!, alias, request, true)}
                      FROM ${field.child!.rows!.table} ${row}
                     WHERE ${relation.where(parent, row, args)} LIMIT 1)`;
      case 'many':
        return sql`(SELECT coalesce(json_agg(${this.nodeJson(field.child!, alias, request, true)}
                                             ORDER BY ${relation.order(row)}), '[]'::json)
                      FROM ${field.child!.rows!.table} ${row}
                     WHERE ${relation.where(parent, row, args)})`;
      case 'rows':
        return sql`(SELECT coalesce(json_agg(${this.nodeJson(field.child!, alias, request, true)}
                                             ORDER BY ${relation.order(row)}), '[]'::json)
                      FROM (${relation.from(parent, args)}) ${row})`;
      case 'self':
        return this.nodeJson(field.child!, parentAlias, request, false);
      case 'value':
        return relation.select(parent, args);
      case 'page': {
        const page = relation.page(args);
        const keyset = field.keyset!;
        const table = field.child!.rows!.table;
        const t = sql.ident('t');
        const where = relation.where(parent, t, args);
        const total = field.count
          ? sql`(SELECT count(*)::int FROM ${table} t WHERE ${where})`
          : sql`NULL`;
        if (page.first === 0) return sql`json_build_array(${total}, '[]'::json)`;
        // Keys as PostgreSQL prints them make the cursors (see Keyset).
        const keys = sql.join(keyset.columns.map((column) => sql`(${column})::text`));
        return sql`json_build_array(${total}, (
          SELECT coalesce(json_agg(json_build_array(${this.nodeJson(field.child!, alias, request, true)},
                                                    ${row}.__keys) ORDER BY ${row}.__n), '[]'::json)
            FROM (SELECT t.*, json_build_array(${keys}) AS __keys,
                         row_number() OVER (ORDER BY ${keyset.orderBy}) AS __n
                    FROM ${table} t
                   WHERE (${where}) AND ${keyset.after(page.after)}
                   ORDER BY ${keyset.orderBy}
                   LIMIT ${page.first + 1}) ${row}))`;
      }
      default:
        return unreachable(relation);
    }
  }

  /**
   * The statement reading the row with this id and its planned fields. Its
   * text and values depend only on the plan, the fields' arguments and the
   * id, so each plan keeps it compiled per set of arguments, with the id's
   * place among the values: a request of a known shape only fills in its id.
   */
  private byIdStatement(plan: NodePlan, request: PlanRequest, id: string): CompiledSql {
    const compiled = remember((plan.root ??= {}), request.key(plan), () => {
      const slot = new IdSlot();
      const { text, values } = compile(
        sql`SELECT ${this.nodeJson(plan, 'r0', request, true)} AS j
              FROM ${plan.rows!.table} r0 WHERE r0.id = ${slot}`,
      );
      return { text, values, slot: values.indexOf(slot) };
    });
    const values = [...compiled.values];
    values[compiled.slot] = id;
    return { text: compiled.text, values };
  }

  /** Runs a statement on the pool; `named`: as a named prepared statement once it is hot. */
  private async run<Row>(statement: CompiledSql, named: boolean): Promise<Row[]> {
    if (named) return queryPrepared<Row>(this.dataSource, statement);
    const { text, values } = statement;
    // Logged like TypeORM's own statements (and counted by the statement-count tests).
    this.dataSource.logger.logQuery(text, values);
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const result = await pool.query<Row & Record<string, unknown>>({ text, values });
    return result.rows;
  }

  // ------------------------------------------------------------ hydration

  private hydrateNode(plan: NodePlan, json: unknown[], request: PlanRequest): ObjectLiteral {
    const entity = plan.rows!.hydrate(json[0] as Record<string, unknown>);
    this.attachFields(entity, plan, json, 1, request);
    return entity;
  }

  /** Sets on `target` the value of each planned field, read from `json` from `offset` on. */
  private attachFields(
    target: object,
    plan: NodePlan,
    json: unknown[],
    offset: number,
    request: PlanRequest,
  ): void {
    const values = new Map<FieldNode, unknown>();
    plan.fields.forEach((field, i) => {
      values.set(field.key, this.fieldValue(field, json[offset + i], request, target));
    });
    attachPlanned(target, values);
  }

  private fieldValue(
    field: FieldPlan,
    value: unknown,
    request: PlanRequest,
    parent: object,
  ): unknown {
    const relation = field.relation;
    switch (relation.kind) {
      case 'one':
        return value === null ? null : this.hydrateNode(field.child!, value as unknown[], request);
      case 'many':
        return (value as unknown[][]).map((item) => this.hydrateNode(field.child!, item, request));
      case 'rows':
        return (value as unknown[][]).map((item) => {
          const entity = field.child!.rows!.hydrate(item[0] as Record<string, unknown>);
          const wrapper = relation.wrap(entity);
          this.attachFields(wrapper, field.child!, item, 1, request);
          return wrapper;
        });
      case 'self': {
        const entity = relation.of(parent);
        this.attachFields(entity, field.child!, value as unknown[], 0, request);
        return entity;
      }
      case 'value':
        return value;
      case 'page': {
        const [total, rows] = value as [number | null, [unknown[], string[]][]];
        const { first } = relation.page(request.args(field));
        const edges = rows.slice(0, first).map(([node, keys]) => ({
          cursor: field.keyset!.cursorOfValues(keys),
          node: this.hydrateNode(field.child!, node, request),
        }));
        const connection: Connection<ObjectLiteral> = {
          edges,
          // Not selected when null: nothing reads it.
          totalCount: total ?? 0,
          pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
        };
        return connection;
      }
      default:
        return unreachable(relation);
    }
  }
}

/** Different shapes kept per root field node (oldest dropped first). */
const MAX_SHAPES = 16;

/** What the planner reads for objects of one type at one place of the operation. */
interface NodePlan extends Remembers<SqlFragment> {
  /** The row mapper of the objects' entity; null for wrappers and `self` nodes. */
  rows: EntityRows<ObjectLiteral> | null;
  fields: FieldPlan[];
  /** For a connection type: the plan of its nodes. */
  page?: NodePlan;
  /** For the plan of a by-id root: its compiled statements (see byIdStatement). */
  root?: Remembers<CompiledById>;
}

/** A by-id statement compiled once: the id goes at `slot` of its values. */
interface CompiledById {
  text: string;
  values: unknown[];
  slot: number;
}

/** Stands for the row id while a by-id statement is compiled (found again by identity). */
class IdSlot {}

/** What a plan keeps per set of its fields' arguments. */
interface Remembers<T> {
  kept?: Map<string, T>;
}

/** Sets of arguments kept per plan (oldest dropped first). */
const MAX_KEPT = 16;

/**
 * What `make` gives for `key` (the arguments of a request's planned fields,
 * see PlanRequest.key: they alone decide the SQL below a plan), made once
 * per key and kept on `holder`. Whatever `make` throws is thrown and not kept.
 */
function remember<T>(holder: Remembers<T>, key: string, make: () => T): T {
  const kept = (holder.kept ??= new Map());
  let value = kept.get(key);
  if (value === undefined) {
    value = make();
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(key, value);
  }
  return value;
}

/** One planned field: what the field's resolver will find under `key`. */
interface FieldPlan {
  /** Unique in its plan: names the field's SQL alias. */
  id: number;
  /** The field's first node, as graphql-js passes it to the resolver (info.fieldNodes[0]). */
  key: FieldNode;
  definition: GraphQLField<unknown, unknown>;
  relation: Relation;
  child: NodePlan | null;
  /** For a page: whether totalCount is selected. */
  count: boolean;
  keyset?: Keyset<ObjectLiteral>;
}

/** Works out the plan of one root field for one shape of variables. */
class Compilation {
  private nextId = 1;

  constructor(
    private readonly info: GraphQLResolveInfo,
    private readonly relations: Relations,
    private readonly dataSource: DataSource,
  ) {}

  /** The plan for the root field's objects of `type`; for a connection type, of its nodes. */
  root(type: GraphQLObjectType, entity: ClassType<ObjectLiteral>): NodePlan | null {
    const nodes = this.info.fieldNodes;
    const edgesNodes = this.connectionNodes(type, nodes);
    if (edgesNodes) {
      const nodeType = edgesNodes.type;
      const page = this.node(nodeType, edgesNodes.nodes, entity);
      return page.fields.length ? { rows: null, fields: [], page } : null;
    }
    const plan = this.node(type, nodes, entity);
    return plan.fields.length ? plan : null;
  }

  /** The planned fields of `type` selected by `nodes` (its entity's row when `entity` is given). */
  private node(
    type: GraphQLObjectType,
    nodes: readonly FieldNode[],
    entity: ClassType<ObjectLiteral> | null,
  ): NodePlan {
    const plan: NodePlan = {
      rows: entity ? entityRows(this.dataSource, entity) : null,
      fields: [],
    };
    const relations = this.relations[type.name] ?? {};
    const { schema, fragments, variableValues } = this.info;
    const selected = collectSubfields(schema, fragments, variableValues, type, nodes);
    for (const fieldNodes of selected.values()) {
      const key = fieldNodes[0]!;
      const relation = relations[key.name.value];
      const definition = type.getFields()[key.name.value];
      if (!relation || !definition) continue;
      const field: FieldPlan = {
        id: this.nextId++,
        key,
        definition,
        relation,
        child: null,
        count: false,
      };
      const fieldType = getNamedType(definition.type);
      switch (relation.kind) {
        case 'one':
        case 'many':
          if (!(fieldType instanceof GraphQLObjectType)) continue;
          field.child = this.node(fieldType, fieldNodes, relation.entity);
          break;
        case 'rows':
          if (!(fieldType instanceof GraphQLObjectType)) continue;
          // The wrapper's fields are read from the entity's row.
          field.child = this.node(fieldType, fieldNodes, null);
          field.child.rows = entityRows(this.dataSource, relation.entity);
          break;
        case 'self': {
          if (!(fieldType instanceof GraphQLObjectType)) continue;
          field.child = this.node(fieldType, fieldNodes, null);
          break;
        }
        case 'value':
          break;
        case 'page': {
          if (!(fieldType instanceof GraphQLObjectType)) continue;
          const connection = this.connectionNodes(fieldType, fieldNodes);
          if (!connection) continue;
          field.child = this.node(connection.type, connection.nodes, relation.entity);
          field.count = connection.count;
          field.keyset = new Keyset(
            entityRows(this.dataSource, relation.entity),
            relation.order as never,
          );
          break;
        }
        default:
          unreachable(relation);
      }
      plan.fields.push(field);
    }
    if (plan.rows && entity) {
      const planned = new Set(plan.fields.map((field) => field.key));
      plan.rows = leanRows(plan.rows, type, selected, planned) ?? plan.rows;
    }
    return plan;
  }

  /**
   * For a connection type (one with `edges { node }`): the node type, every
   * field node selecting `node` under any `edges`, and whether totalCount
   * is selected; null for other types.
   */
  private connectionNodes(
    type: GraphQLObjectType,
    nodes: readonly FieldNode[],
  ): { type: GraphQLObjectType; nodes: FieldNode[]; count: boolean } | null {
    const edgesField = type.getFields().edges;
    if (!edgesField || !type.getFields().totalCount) return null;
    const edgeType = getNamedType(edgesField.type);
    if (!(edgeType instanceof GraphQLObjectType)) return null;
    const nodeField = edgeType.getFields().node;
    const nodeType = nodeField && getNamedType(nodeField.type);
    if (!(nodeType instanceof GraphQLObjectType)) return null;
    const { schema, fragments, variableValues } = this.info;
    const selected = collectSubfields(schema, fragments, variableValues, type, nodes);
    const nodeNodes: FieldNode[] = [];
    let count = false;
    for (const fieldNodes of selected.values()) {
      const name = fieldNodes[0]!.name.value;
      if (name === 'totalCount') count = true;
      if (name !== 'edges') continue;
      const edge = collectSubfields(schema, fragments, variableValues, edgeType, fieldNodes);
      for (const nodeGroup of edge.values()) {
        if (nodeGroup[0]!.name.value === 'node') nodeNodes.push(...nodeGroup);
      }
    }
    return { type: nodeType, nodes: nodeNodes, count };
  }
}

/** One request's arguments of the planned fields, read once each. */
class PlanRequest {
  private readonly cache = new Map<FieldPlan, FieldArgs>();

  constructor(private readonly variables: Record<string, unknown>) {}

  args(field: FieldPlan): FieldArgs {
    if (!field.definition.args.length) return NO_ARGS;
    let args = this.cache.get(field);
    if (!args) {
      args = getArgumentValues(field.definition, field.key, this.variables);
      this.cache.set(field, args);
    }
    return args;
  }

  /** The arguments of every field planned below `plan` as one string: equal for equal SQL. */
  key(plan: NodePlan): string {
    let key = '';
    const walk = (node: NodePlan) => {
      for (const field of node.fields) {
        if (field.definition.args.length) key += `${field.id}${JSON.stringify(this.args(field))}`;
        if (field.child) walk(field.child);
      }
      if (node.page) walk(node.page);
    };
    walk(plan);
    return key;
  }
}

const NO_ARGS: FieldArgs = Object.freeze({});

/**
 * What decides which fields a document selects besides the document: the
 * variables @include and @skip can read (booleans). Other values only fill
 * the statement.
 */
function shapeOf(variables: Record<string, unknown>): string {
  let shape = '';
  for (const name in variables) {
    const value = variables[name];
    if (typeof value === 'boolean') shape += `${name}:${value ? 1 : 0},`;
  }
  return shape;
}

/** The object type a root field returns, or null (interfaces, unions, scalars). */
function objectTypeOf(info: GraphQLResolveInfo): GraphQLObjectType | null {
  const type = getNamedType(info.returnType);
  return type instanceof GraphQLObjectType ? type : null;
}

/**
 * The row mapper of a plan that reads only the columns its objects need,
 * when that is known: every field the operation selects on them (besides
 * the planned ones, which carry their own values) is a column property read
 * by graphql-js's default resolver. Null when a selected field has a
 * resolver of its own (it may read any property of its parent) or is not a
 * column: then the whole row is read. A profile asking for a name and a
 * year then costs PostgreSQL and the server only those, not every column.
 */
function leanRows<T extends ObjectLiteral>(
  rows: EntityRows<T>,
  type: GraphQLObjectType,
  selected: Map<string, readonly FieldNode[]>,
  planned: ReadonlySet<FieldNode> = new Set(),
): EntityRows<T> | null {
  const properties: string[] = [];
  for (const fieldNodes of selected.values()) {
    const node = fieldNodes[0]!;
    const name = node.name.value;
    if (name === '__typename' || planned.has(node)) continue;
    const definition = type.getFields()[name];
    if (!definition || definition.resolve !== undefined) return null;
    properties.push(name);
  }
  const columns = rows.columnsOf(properties);
  return columns && rows.subset(columns);
}

/**
 * The row mapper for the `entity` objects that the current field's objects
 * hold in their field `fieldName` (e.g. CampaignStats.campaign below
 * Dashboard.campaigns): only the columns the operation reads from them
 * when that is known (see leanRows), else every column.
 */
export function rowsSelectedAt<T extends ObjectLiteral>(
  info: GraphQLResolveInfo,
  rows: EntityRows<T>,
  fieldName: string,
): EntityRows<T> {
  const type = objectTypeOf(info);
  const field = type?.getFields()[fieldName];
  const fieldType = field && getNamedType(field.type);
  if (!type || !(fieldType instanceof GraphQLObjectType)) return rows;
  const { schema, fragments, variableValues } = info;
  const nodes: FieldNode[] = [];
  for (const group of collectSubfields(
    schema,
    fragments,
    variableValues,
    type,
    info.fieldNodes,
  ).values()) {
    if (group[0]!.name.value === fieldName) nodes.push(...group);
  }
  const selected = collectSubfields(schema, fragments, variableValues, fieldType, nodes);
  return leanRows(rows, fieldType, selected) ?? rows;
}

/** `json_build_object('col', r."col", …)` of the columns a plan reads, by their SQL names. */
function rowJson(dataSource: DataSource, plan: NodePlan, alias: string): SqlFragment {
  const metadata = dataSource.getMetadata(plan.rows!.name);
  let columns = rowJsonColumns.get(metadata);
  if (!columns) {
    columns = metadata.columns.map((column) => {
      const name = column.databaseName;
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected column name ${name}`);
      // As the driver reads them: numeric as text (pg gives strings), the rest as JSON reads.
      const numeric = ['numeric', 'decimal'].includes(String(column.type));
      return { name, numeric };
    });
    if (columns.length > 50)
      throw new Error(`${metadata.name} has too many columns for one JSON object`);
    rowJsonColumns.set(metadata, columns);
  }
  const read = new Set(plan.rows!.columnNames);
  const parts = columns
    .filter(({ name }) => read.has(name))
    .map(
      ({ name, numeric }) =>
        sql`${sql.raw(`'${name}'`)}, ${sql.ident(alias, name)}${numeric ? sql.raw('::text') : sql.empty}`,
    );
  return sql`json_build_object(${sql.join(parts)})`;
}
const rowJsonColumns = new WeakMap<object, { name: string; numeric: boolean }[]>();

function unreachable(value: never): never {
  throw new Error(`unexpected relation ${JSON.stringify(value)}`);
}

/**
 * A root field's `entity` row by id, read with its planned fields (see
 * ReadPlanner.byId), else through the DataLoader. `type`: the GraphQL type
 * of the row when the field returns an interface (node).
 */
export function readById<T extends ObjectLiteral & { id: string }>(
  ctx: Context,
  info: GraphQLResolveInfo,
  entity: ClassType<T>,
  id: string,
  type?: GraphQLObjectType,
): Promise<T | null> {
  return ctx.services
    .get(ReadPlanner)
    .byId(info, entity, id, () => ctx.loaders.byId(entity).load(id), type);
}

/** What a root connection field of `entity` rows reads with its page (see ReadPlanner.pageExtension). */
export function readWithPage<T extends ObjectLiteral>(
  ctx: Context,
  info: GraphQLResolveInfo,
  entity: ClassType<T>,
): RowExtension<T> | undefined {
  return ctx.services.get(ReadPlanner).pageExtension(info, entity);
}

/**
 * Whether the operation selects `totalCount` of the connection a root field
 * returns (through fragments, aliases, @include and @skip), so that its
 * resolver counts only when asked (PageArgs.count).
 */
export function totalCountSelected(info: GraphQLResolveInfo): boolean {
  const type = objectTypeOf(info);
  if (!type) return true;
  const selected = collectSubfields(
    info.schema,
    info.fragments,
    info.variableValues,
    type,
    info.fieldNodes,
  );
  for (const nodes of selected.values()) {
    if (nodes[0]!.name.value === 'totalCount') return true;
  }
  return false;
}
