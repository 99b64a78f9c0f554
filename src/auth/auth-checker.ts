import type { AuthChecker, MiddlewareFn } from 'type-graphql';
import type { Context } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { Role } from '../modules/accounts/account.entity';
import { hasRole, type Actor } from './actor';

/**
 * TypeGraphQL's authChecker for `@Authorized(...roles)`: ADMIN passes every
 * check. Throws (rather than returning false) so that clients get
 * UNAUTHENTICATED or FORBIDDEN with a message, over HTTP and WebSocket alike.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const actor = requireActor(context);
  if (roles.length === 0 || hasRole(actor, roles)) return true;
  throw new ForbiddenError(`This needs the role ${roles.join(' or ')}; you are ${actor.role}`);
};

/** The signed-in actor; UNAUTHENTICATED without one. */
export function requireActor(context: Pick<Context, 'actor'>): Actor {
  if (!context.actor) throw new UnauthenticatedError();
  return context.actor;
}

/** Root fields that answer without a token. */
const PUBLIC_ROOT_FIELDS = new Set(['Mutation.login', 'Query.viewer', 'Query.__typename']);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Global middleware: every root field but `login` (and `viewer`, which the
 * contract defines as null without a token) needs a signed-in account.
 */
export const requireSignIn: MiddlewareFn<Context> = ({ context, info }, next) => {
  const parent = info.parentType.name;
  if (ROOT_TYPES.has(parent) && !PUBLIC_ROOT_FIELDS.has(`${parent}.${info.fieldName}`))
    requireActor(context);
  return next();
};
