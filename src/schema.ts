import { buildSchema, getMetadataStorage, type PubSub } from 'type-graphql';
import { isAbstractType, isObjectType, type GraphQLSchema } from 'graphql';
import { authChecker, requireSignInOnRootFields } from './auth/auth-checker';
import { guardTextArguments } from './common/text-arguments';
import { auditMutations } from './modules/audit/audit-scope';
import { readPlans } from './modules/read-plans';
import { resolvers } from './modules/resolvers';
import { servePlannedFields } from './plan/planned';

/**
 * TypeGraphQL asks for a PubSub as soon as there are subscriptions, though
 * it uses one only for `topics` subscriptions. Every subscription here has
 * its own `subscribe`, which reads the event log; nothing is published in
 * process. This one refuses to be used, so a `topics` subscription added by
 * mistake fails when it is subscribed to instead of never firing.
 */
const NO_TOPICS: PubSub = {
  publish(topic) {
    throw new Error(`nothing publishes to topic ${topic}: subscriptions read the event log`);
  },
  subscribe(topic) {
    throw new Error(`no subscription listens to topic ${topic}: give it a subscribe function`);
  },
};

/**
 * Builds the executable schema from the resolver classes (the committed
 * schema.graphql is checked against it by a test). Every root field but the
 * public ones needs a signed-in actor; String arguments are checked for
 * control characters; every mutation is audited.
 */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub: NO_TOPICS,
    authChecker,
    authMode: 'error',
    validate: false,
  });
  describeRootTypes(schema);
  useDefaultResolvers(schema);
  synchronousResolveTypes(schema);
  servePlannedFields(schema, readPlans);
  // Innermost first: text arguments are checked once signed in, and the audit
  // wrapper, outermost, records every mutation, refused ones included.
  return auditMutations(requireSignInOnRootFields(guardTextArguments(schema)));
}

/**
 * TypeGraphQL builds Query, Mutation and Subscription without descriptions
 * (no decorator takes one); clients see these in their schema explorers.
 */
const ROOT_TYPE_DESCRIPTIONS = {
  Query:
    'Reads. Every field needs a signed-in account of any role, except viewer (null without one). Send the token from login as `Authorization: Bearer <token>`.',
  Mutation:
    'Changes. Every field but login needs a signed-in account with a role it names (ADMIN may do everything), else FORBIDDEN. Each runs in one transaction: when it fails, nothing is written.',
  Subscription:
    'Live events, over WebSocket (graphql-ws) on the same /graphql path, with the token as connectionParams.authorization. For VIEWER, SECRETARY and ADMIN; FORBIDDEN for other roles. A subscriber that falls behind catches up from the event log at its own pace; a socket that stops taking what it is sent is closed with code 1013 (try again later): reconnect and resume with the last cursor seen. Closed with 4403 when the token expires or its account changes.',
} as const;

/** Sets the descriptions of the root types, in place. */
function describeRootTypes(schema: GraphQLSchema): void {
  for (const type of [
    schema.getQueryType(),
    schema.getMutationType(),
    schema.getSubscriptionType(),
  ]) {
    if (type)
      type.description = ROOT_TYPE_DESCRIPTIONS[type.name as keyof typeof ROOT_TYPE_DESCRIPTIONS];
  }
}

/**
 * TypeGraphQL gives every plain field (a property, no resolver) a resolver
 * of its own that builds an object and runs the (empty) middleware chain
 * before reading the property: about 150 calls per mobile profile. Where a
 * field has no resolver method, no roles and no middlewares, and its
 * property has the field's name, graphql-js's default resolver reads the
 * same property; this puts it back. Changes `schema` in place.
 */
function useDefaultResolvers(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const withResolvers = new Set(
    storage.fieldResolvers.map(
      (field) => `${String(field.getObjectType?.()?.name)}.${field.methodName}`,
    ),
  );
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const trivial =
        field.name === field.schemaName &&
        field.roles === undefined &&
        !field.middlewares?.length &&
        !withResolvers.has(`${objectType.target.name}.${field.name}`);
      const graphqlField = fields[field.schemaName];
      if (trivial && graphqlField) graphqlField.resolve = undefined;
    }
  }
}

/**
 * TypeGraphQL wraps a union's or interface's own `resolveType` in an async
 * function (to map the class it returns to a type name), so every value of
 * such a type costs a promise; and compiled queries (src/plan/compiled-execution.ts)
 * take `resolveType`'s result as it is, so they need it synchronous. This
 * does the same mapping without the promise when the own `resolveType` answers
 * at once (it still passes on a promise it returns). Changes `schema` in place.
 */
function synchronousResolveTypes(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const nameOf = (resolved: unknown) =>
    resolved === null || resolved === undefined || typeof resolved === 'string'
      ? (resolved ?? undefined)
      : storage.objectTypes.find((type) => type.target === resolved)?.name;
  for (const { name, resolveType } of [...storage.unions, ...storage.interfaceTypes]) {
    const type = schema.getType(name);
    if (!resolveType || !isAbstractType(type)) continue;
    type.resolveType = (value, context, info, abstractType) => {
      const resolved: unknown = resolveType(value, context, info, abstractType);
      return resolved instanceof Promise ? resolved.then(nameOf) : nameOf(resolved);
    };
  }
}
