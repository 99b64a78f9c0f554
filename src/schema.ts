import type { PubSub } from 'type-graphql';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker, requireSignInOnRootFields } from './auth/auth-checker';
import { guardTextArguments } from './common/text-arguments';
import { auditMutations } from './modules/audit/audit-scope';
import { resolvers } from './modules/resolvers';

/**
 * Builds the executable schema from the resolver classes. `emitSchemaFile`
 * writes the SDL (the committed schema.graphql is checked against it by a test).
 * Every root field but the public ones needs a signed-in actor; String
 * arguments are checked for control characters; every mutation is audited.
 */
export async function createSchema(options: {
  pubSub: PubSub;
  emitSchemaFile?: string;
}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub: options.pubSub,
    authChecker,
    authMode: 'error',
    validate: false,
    emitSchemaFile: options.emitSchemaFile
      ? { path: options.emitSchemaFile, sortedSchema: false }
      : false,
  });
  // Innermost first: text arguments are checked once signed in, and the audit
  // wrapper, outermost, records every mutation, refused ones included.
  return auditMutations(requireSignInOnRootFields(guardTextArguments(schema)));
}
