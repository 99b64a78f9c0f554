import { buildSchema, type PubSub } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker, requireSignInOnRootFields } from './auth/auth-checker';
import { resolvers } from './modules/resolvers';

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
 * public ones needs a signed-in actor.
 */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub: NO_TOPICS,
    authChecker,
    authMode: 'error',
    validate: false,
  });
  return requireSignInOnRootFields(schema);
}
