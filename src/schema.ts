import type { PubSub } from 'type-graphql';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker, requireSignIn } from './auth/auth-checker';
import { resolvers } from './modules/resolvers';

/**
 * Builds the executable schema from the resolver classes. `emitSchemaFile`
 * writes the SDL (the committed schema.graphql is checked against it by a test).
 */
export function createSchema(options: {
  pubSub: PubSub;
  emitSchemaFile?: string;
}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    pubSub: options.pubSub,
    authChecker,
    authMode: 'error',
    globalMiddlewares: [requireSignIn],
    validate: false,
    emitSchemaFile: options.emitSchemaFile
      ? { path: options.emitSchemaFile, sortedSchema: false }
      : false,
  });
}
