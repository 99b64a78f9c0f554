import type { ClientBase } from 'pg';
import { InstanceChecker, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * A piece of SQL: its text, with the values it carries kept apart. A value
 * never becomes SQL text; it becomes a `$n` placeholder when the statement is
 * compiled. Fragments nest: a fragment placed in another one adds its text
 * and its values there. Make them with the `sql` tag.
 */
export class SqlFragment {
  /** @param texts one more than `values`: text, value, text, …, value, text. */
  private constructor(
    readonly texts: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** @internal The one way fragments are built; use the `sql` tag. */
  static build(strings: readonly string[], substitutions: readonly unknown[]): SqlFragment {
    const texts: string[] = [strings[0] ?? ''];
    const values: unknown[] = [];
    substitutions.forEach((substitution, i) => {
      const following = strings[i + 1] ?? '';
      if (substitution instanceof SqlFragment) {
        texts[texts.length - 1] += substitution.texts[0];
        values.push(...substitution.values);
        texts.push(...substitution.texts.slice(1));
        texts[texts.length - 1] += following;
        return;
      }
      if (substitution === undefined) {
        // Almost always a missing property; SQL's NULL must be asked for with null.
        throw new TypeError(`sql: value #${i + 1} is undefined (use null for SQL NULL)`);
      }
      values.push(substitution);
      texts.push(following);
    });
    return new SqlFragment(texts, values);
  }

  /** True when the fragment holds no text and no value. */
  get isEmpty(): boolean {
    return this.values.length === 0 && this.texts[0] === '';
  }
}

/** A compiled statement, as drivers take it. */
export interface CompiledSql {
  text: string;
  values: unknown[];
}

/**
 * Tagged template for SQL: `sql\`SELECT … WHERE t.id = ${id}\``. Each `${…}`
 * is a value (one `$n` parameter, whatever it holds: a JS array is one array
 * parameter, for `= ANY(${ids})`), or a fragment, whose text and values are
 * spliced in. `undefined` is refused (TypeError): write null for NULL.
 * Identifiers go through `sql.ident`, trusted constant text through `sql.raw`.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return SqlFragment.build(strings, values);
}

/** The fragment with no text: what optional parts of a statement default to. */
sql.empty = SqlFragment.build([''], []);

/**
 * A quoted identifier, or several joined with dots (`sql.ident('t', 'id')` is
 * `"t"."id"`). Double quotes inside a name are doubled, so any string is a
 * safe identifier. TypeError for an empty name or one holding a NUL byte.
 */
sql.ident = (...names: string[]): SqlFragment => {
  if (names.length === 0) throw new TypeError('sql.ident: no name');
  const quoted = names.map((name) => {
    if (typeof name !== 'string' || name === '' || name.includes('\0')) {
      throw new TypeError(`sql.ident: ${JSON.stringify(name)} is not a valid identifier`);
    }
    return `"${name.replace(/"/g, '""')}"`;
  });
  return SqlFragment.build([quoted.join('.')], []);
};

/**
 * Text used as SQL as it is. Only for constants written in this code base
 * (keywords, a lock clause chosen from a fixed list), never for anything a
 * client or the database sent.
 */
sql.raw = (text: string): SqlFragment => SqlFragment.build([text], []);

/** The fragments one after the other with `separator` (trusted text) between them. */
sql.join = (fragments: readonly SqlFragment[], separator = ', '): SqlFragment => {
  if (fragments.length === 0) return sql.empty;
  const strings = ['', ...fragments.slice(1).map(() => separator), ''];
  return SqlFragment.build(strings, fragments);
};

/**
 * The conditions that are given joined with AND, each in parentheses (so an
 * OR inside one stays inside it); `true` when none is. Anything falsy is left out, so optional filters read
 * `sql.and(status && sql\`t.status = ${status}\`, …)`.
 */
sql.and = (...conditions: (SqlFragment | false | null | undefined | '' | 0)[]): SqlFragment => {
  const given = conditions.filter((c): c is SqlFragment => c instanceof SqlFragment && !c.isEmpty);
  if (given.length === 0) return sql`true`;
  return sql.join(
    given.map((condition) => sql`(${condition})`),
    ' AND ',
  );
};

/** The statement's text with `$1`, `$2`, … in the order of its values, and those values. */
export function compile(fragment: SqlFragment): CompiledSql {
  const { texts, values } = fragment;
  let text = texts[0]!;
  for (let i = 0; i < values.length; i++) text += `$${i + 1}${texts[i + 1]}`;
  return { text, values: [...values] };
}

/** Whatever a statement can run on: a TypeORM manager (a transaction's, or the pool's), a data source, a query runner, or a plain `pg` client. */
export type Queryable = EntityManager | DataSource | QueryRunner | ClientBase;

/**
 * Runs a statement, as a prepared statement with its values as parameters,
 * and returns its rows (those of RETURNING for INSERT, UPDATE and DELETE;
 * none for a statement without rows).
 */
export async function query<Row = Record<string, unknown>>(
  db: Queryable,
  statement: SqlFragment,
): Promise<Row[]> {
  const { text, values } = compile(statement);
  if (InstanceChecker.isDataSource(db)) return query<Row>(db.manager, statement);
  if (isRunner(db)) return recordsOf<Row>(await db.query(text, values, true));
  if (isManager(db)) {
    // As EntityManager.query does, but asking for the rows whatever the command.
    const runner = db.queryRunner ?? db.dataSource.createQueryRunner();
    try {
      return recordsOf<Row>(await runner.query(text, values, true));
    } finally {
      if (!db.queryRunner) await runner.release();
    }
  }
  return (await db.query(text, values)).rows as Row[];
}

/** The first row of a statement, or undefined when it has none. */
export async function queryOne<Row = Record<string, unknown>>(
  db: Queryable,
  statement: SqlFragment,
): Promise<Row | undefined> {
  return (await query<Row>(db, statement))[0];
}

function recordsOf<Row>(result: { records?: unknown[] }): Row[] {
  return (result.records ?? []) as Row[];
}

function isRunner(db: Queryable): db is QueryRunner {
  return 'isReleased' in db;
}

function isManager(db: Queryable): db is EntityManager {
  return 'getRepository' in db;
}
