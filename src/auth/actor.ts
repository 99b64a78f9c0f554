import { Role } from '../modules/accounts/account.entity';

/** Who is making a request, as the token says. Services take this, never a GraphQL context. */
export interface Actor {
  accountId: string;
  username: string;
  role: Role;
  /** The unit a UNIT_MANAGER manages. */
  unitId: string | null;
  /** The person a MEMBER is. */
  personId: string | null;
}

/** Roles that may do everything a given role may, besides the role itself. */
export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.role === Role.ADMIN || roles.includes(actor.role);
}
