import { randomBytes } from 'node:crypto';
import type {
  DataSource,
  DeepPartial,
  EntityTarget,
  FindOptionsWhere,
  ObjectLiteral,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Eight hex digits, different on every call: keeps codes, names and usernames apart. */
export function unique(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

/**
 * Inserts one row of `entity`, with no rule checks, and reads it back as the
 * API would load it (database defaults filled in). Throws when the database
 * refuses the row.
 */
export async function insertRow<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  fields: DeepPartial<T>,
): Promise<T> {
  const repository = dataSource.getRepository(entity);
  const { identifiers } = await repository.insert(fields as QueryDeepPartialEntity<T>);
  return repository.findOneByOrFail(identifiers[0] as FindOptionsWhere<T>);
}
