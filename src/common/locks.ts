import type { ClassType } from 'type-graphql';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { NotFoundError } from '../errors';
import { entityRows } from './rows';
import { queryOne, sql } from './sql';

/**
 * Row lock strengths (PostgreSQL's), strongest first:
 * - `update`: the row will change or be deleted; waits for and blocks every other lock;
 * - `no key update`: the row will change but not its key; lets foreign-key checks through;
 * - `share`: the row must not change until the transaction ends; other `share` holders are not blocked.
 */
export type LockStrength = 'update' | 'no key update' | 'share';

const CLAUSES: Record<LockStrength, string> = {
  update: 'FOR UPDATE',
  'no key update': 'FOR NO KEY UPDATE',
  share: 'FOR SHARE',
};

/**
 * Reads the row of `entity` with this id and locks it until the transaction
 * of `manager` ends (`update` unless told otherwise). NOT_FOUND naming the
 * entity when there is no such row.
 */
export async function lockById<T extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  entity: ClassType<T>,
  id: string,
  strength: LockStrength = 'update',
): Promise<T> {
  const rows = entityRows(manager, entity);
  const row = await queryOne(
    manager,
    sql`SELECT ${rows.columns()} FROM ${rows.table} t WHERE ${rows.column('id')} = ${id} ${sql.raw(CLAUSES[strength])}`,
  );
  if (!row) throw new NotFoundError(rows.name, id);
  return rows.hydrate(row);
}
