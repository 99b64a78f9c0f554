import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { msg } from '../i18n/i18n';
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
  throw new ForbiddenError(msg('auth.roleNeeded', { needed: roles.join(','), role: actor.role }));
};

/** The signed-in actor; UNAUTHENTICATED without one. */
export function requireActor(context: Pick<Context, 'actor'>): Actor {
  if (!context.actor) throw new UnauthenticatedError();
  return context.actor;
}

/** Root fields that answer without a token. */
const PUBLIC_ROOT_FIELDS = new Set(['Mutation.login', 'Query.viewer', 'Query.__typename']);

/**
 * Every root field but `login` (and `viewer`, which the contract defines as
 * null without a token) needs a signed-in account: the check is put directly
 * around the resolvers of the root fields. As a TypeGraphQL global
 * middleware it ran as an async chain on every field of every object (300
 * fields in a profile), which cost 13% of the profile benchmark's throughput
 * (bench/); root fields are the only place where it does anything. Changes
 * `schema` in place and returns it.
 */
export function requireSignInOnRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [
    schema.getQueryType(),
    schema.getMutationType(),
    schema.getSubscriptionType(),
  ]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (PUBLIC_ROOT_FIELDS.has(`${type.name}.${field.name}`)) continue;
      const guard =
        (
          resolver: GraphQLFieldResolver<unknown, Context>,
        ): GraphQLFieldResolver<unknown, Context> =>
        (root, args, context, info) => {
          requireActor(context);
          return resolver(root, args, context, info);
        };
      if (field.resolve) field.resolve = guard(field.resolve);
      if (field.subscribe) field.subscribe = guard(field.subscribe);
    }
  }
  return schema;
}
