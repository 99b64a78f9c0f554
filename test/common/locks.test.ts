import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { lockById, type LockStrength } from '../../src/common/locks';
import { query, sql } from '../../src/common/sql';
import { pgErrorOf } from '../../src/errors';
import { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildUnit } from '../helpers/factories';

describe('lockById', () => {
  let t: TestApp;
  let unit: Unit;
  const open: QueryRunner[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    unit = await buildUnit(t.dataSource, { code: 'LOCK-1' });
  });

  afterEach(async () => {
    for (const runner of open.splice(0)) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  afterAll(() => t?.stop());

  /** A transaction of its own that gives up on a lock after 200 ms instead of waiting. */
  async function transaction(): Promise<QueryRunner> {
    const runner = t.dataSource.createQueryRunner();
    open.push(runner);
    await runner.connect();
    await runner.startTransaction();
    await query(runner, sql`SET LOCAL lock_timeout = '200ms'`);
    return runner;
  }

  /** Whether a second transaction gets `second` while a first holds `first` on the same row. */
  async function compatible(first: LockStrength, second: LockStrength): Promise<boolean> {
    const a = await transaction();
    await lockById(a.manager, Unit, unit.id, first);
    const b = await transaction();
    try {
      await lockById(b.manager, Unit, unit.id, second);
      return true;
    } catch (error) {
      if (pgErrorOf(error)?.code === '55P03') return false; // lock_not_available
      throw error;
    } finally {
      await a.rollbackTransaction();
      await b.rollbackTransaction();
    }
  }

  it('reads the row as the entity', async () => {
    const runner = await transaction();
    const locked = await lockById(runner.manager, Unit, unit.id);
    expect(locked).toBeInstanceOf(Unit);
    expect(locked).toEqual(await t.dataSource.manager.findOneByOrFail(Unit, { id: unit.id }));
  });

  it('is NOT_FOUND, naming the entity, for a row that does not exist', async () => {
    const runner = await transaction();
    const id = randomUUID();
    await expect(lockById(runner.manager, Unit, id)).rejects.toMatchObject({
      message: `Unit ${id} does not exist`,
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it.each([
    ['update', 'update', false],
    ['update', 'share', false],
    ['share', 'update', false],
    ['share', 'no key update', false],
    ['no key update', 'share', false],
    ['share', 'share', true],
  ] as const)('holding %s, another transaction asking for %s gets it: %s', async (a, b, ok) => {
    expect(await compatible(a, b)).toBe(ok);
  });

  it('holds the lock until the transaction ends', async () => {
    const a = await transaction();
    await lockById(a.manager, Unit, unit.id);
    await a.commitTransaction();
    const b = await transaction();
    await expect(lockById(b.manager, Unit, unit.id)).resolves.toMatchObject({ id: unit.id });
  });
});
