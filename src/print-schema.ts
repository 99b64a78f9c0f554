import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The SDL committed as schema.graphql: sorted, so that diffs stay small. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `# Emitted from the TypeGraphQL resolvers by \`npm run schema:emit\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
