import type { EntityManager } from 'typeorm';
import { query, sql } from '../common/sql';
import { ForbiddenError, NotFoundError } from '../errors';
import { msg } from '../i18n/i18n';
import { Role } from '../modules/accounts/account.entity';
import type { Actor } from './actor';

/**
 * Checks that `actor` may manage things of unit `unitId`: ADMIN and the
 * roles in `unrestricted` anywhere, a UNIT_MANAGER only in its own unit's
 * subtree, everyone else never. One indexed query on the unit paths.
 * Throws NOT_FOUND when the unit does not exist, FORBIDDEN when out of scope.
 */
export async function assertUnitInScope(
  manager: EntityManager,
  actor: Actor,
  unitId: string,
  unrestricted: readonly Role[] = [],
): Promise<void> {
  const rows = await query<{ inside: boolean | null }>(
    manager,
    sql`SELECT (t.path LIKE m.path || '%') AS inside
          FROM unit t LEFT JOIN unit m ON m.id = ${actor.unitId}
         WHERE t.id = ${unitId}`,
  );
  if (rows.length === 0) throw new NotFoundError('Unit', unitId);
  if (actor.role === Role.ADMIN || unrestricted.includes(actor.role)) return;
  if (actor.role === Role.UNIT_MANAGER && rows[0]?.inside) return;
  if (actor.role === Role.UNIT_MANAGER) {
    throw new ForbiddenError(msg('auth.outsideManagedUnit'));
  }
  throw new ForbiddenError(msg('auth.roleMayNot', { role: actor.role }));
}
