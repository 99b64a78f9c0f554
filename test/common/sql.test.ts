import { Client } from 'pg';
import { compile, query, queryOne, sql } from '../../src/common/sql';
import { createTestDatabase } from '../helpers/app';

describe('the sql tag', () => {
  it('turns values into numbered placeholders, never into text', () => {
    const name = "O'Brien; DROP TABLE unit; --";
    expect(
      compile(sql`SELECT * FROM person WHERE full_name = ${name} AND unit_id = ${'u1'}`),
    ).toEqual({
      text: 'SELECT * FROM person WHERE full_name = $1 AND unit_id = $2',
      values: [name, 'u1'],
    });
  });

  it('numbers the placeholders of nested fragments in the order they appear', () => {
    const inner = sql`t.year BETWEEN ${2020} AND ${2025}`;
    const deeper = sql`t.status = ${'APPROVED'} AND ${inner}`;
    const statement = sql`SELECT ${1} FROM award t WHERE t.id = ${'a'} AND ${deeper} LIMIT ${10}`;
    expect(compile(statement)).toEqual({
      text: 'SELECT $1 FROM award t WHERE t.id = $2 AND t.status = $3 AND t.year BETWEEN $4 AND $5 LIMIT $6',
      values: [1, 'a', 'APPROVED', 2020, 2025, 10],
    });
  });

  it('lets one fragment be used twice, each use with its own placeholders', () => {
    const subtree = sql`u.path LIKE ${'/a/%'}`;
    expect(compile(sql`${subtree} OR ${subtree}`)).toEqual({
      text: 'u.path LIKE $1 OR u.path LIKE $2',
      values: ['/a/%', '/a/%'],
    });
  });

  it('passes an array as one value', () => {
    expect(compile(sql`t.id = ANY(${['a', 'b', 'c']})`)).toEqual({
      text: 't.id = ANY($1)',
      values: [['a', 'b', 'c']],
    });
  });

  it('keeps null as a value and refuses undefined', () => {
    expect(compile(sql`x = ${null}`)).toEqual({ text: 'x = $1', values: [null] });
    expect(() => sql`x = ${undefined}`).toThrow(/undefined/);
  });

  it('quotes identifiers and doubles the quotes inside them', () => {
    expect(
      compile(sql`SELECT ${sql.ident('t', 'full_name')} FROM ${sql.ident('per"son')} t`),
    ).toEqual({ text: 'SELECT "t"."full_name" FROM "per""son" t', values: [] });
    expect(() => sql.ident('')).toThrow(TypeError);
    expect(() => sql.ident('a\0b')).toThrow(TypeError);
    expect(() => sql.ident()).toThrow(TypeError);
  });

  it('joins fragments with a separator, and an empty list to nothing', () => {
    const columns = [sql`a`, sql`${1} AS b`, sql`${2} AS c`];
    expect(compile(sql`SELECT ${sql.join(columns)}`)).toEqual({
      text: 'SELECT a, $1 AS b, $2 AS c',
      values: [1, 2],
    });
    expect(compile(sql.join([sql`x = ${1}`, sql`y = ${2}`], ' OR '))).toEqual({
      text: 'x = $1 OR y = $2',
      values: [1, 2],
    });
    expect(sql.join([]).isEmpty).toBe(true);
  });

  it('has an empty fragment that adds nothing', () => {
    expect(sql.empty.isEmpty).toBe(true);
    expect(compile(sql`SELECT 1${sql.empty} FROM unit`)).toEqual({
      text: 'SELECT 1 FROM unit',
      values: [],
    });
    expect(sql`x`.isEmpty).toBe(false);
    expect(sql`${null}`.isEmpty).toBe(false);
  });

  it('ANDs the conditions given, in parentheses, and is true without any', () => {
    expect(compile(sql.and())).toEqual({ text: 'true', values: [] });
    expect(compile(sql.and(false, null, undefined, sql.empty))).toEqual({
      text: 'true',
      values: [],
    });
    expect(compile(sql`x AND ${sql.and(sql`a = ${1} OR b`)}`)).toEqual({
      text: 'x AND (a = $1 OR b)',
      values: [1],
    });
    expect(compile(sql.and(sql`a = ${1}`, false, sql`b = ${2} OR c`))).toEqual({
      text: '(a = $1) AND (b = $2 OR c)',
      values: [1, 2],
    });
  });

  it('takes raw text only as it is given', () => {
    expect(compile(sql`SELECT * FROM unit ${sql.raw('FOR UPDATE')}`)).toEqual({
      text: 'SELECT * FROM unit FOR UPDATE',
      values: [],
    });
  });
});

describe('running statements on PostgreSQL', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: await createTestDatabase() });
    await client.connect();
    await client.query(`CREATE TABLE "we""ird" (id int PRIMARY KEY, name text)`);
  });

  afterAll(() => client?.end());

  it('sends values as parameters, so quotes and semicolons stay data', async () => {
    const name = 'x\'); DROP TABLE "we""ird"; --';
    const table = sql.ident('we"ird');
    await query(
      client,
      sql`INSERT INTO ${table} (id, name) VALUES (${1}, ${name}), (${2}, ${'b'})`,
    );
    expect(await query(client, sql`SELECT name FROM ${table} WHERE id = ${1}`)).toEqual([{ name }]);
  });

  it('passes an array as one parameter for = ANY', async () => {
    const rows = await query<{ id: number }>(
      client,
      sql`SELECT id FROM ${sql.ident('we"ird')} WHERE id = ANY(${[1, 2, 3]}) ORDER BY id`,
    );
    expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('returns the rows of RETURNING for an UPDATE, and the first row with queryOne', async () => {
    const updated = await queryOne<{ id: number }>(
      client,
      sql`UPDATE ${sql.ident('we"ird')} SET name = ${'c'} WHERE id = ${2} RETURNING id`,
    );
    expect(updated).toEqual({ id: 2 });
    expect(
      await queryOne(client, sql`SELECT 1 FROM ${sql.ident('we"ird')} WHERE id = ${99}`),
    ).toBeUndefined();
  });
});
