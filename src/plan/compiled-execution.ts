import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/**
 * A document's operations by name ('' for the only one): the compiled query,
 * null when it cannot be compiled, or the number of times it ran before.
 */
type Compiled = Map<string, CompiledQuery | null | number>;

/**
 * Runs of an operation interpreted before it is compiled. Compiling costs
 * about as much as validating for a dashboard or a profile (1.5–9 ms here)
 * but 130–210 ms for the introspection query, so a document is compiled only
 * once it comes back (Apollo keeps the parsed document per query text): a
 * stream of distinct documents costs no compilation.
 */
const RUNS_BEFORE_COMPILING = 1;

/**
 * Apollo Server's executor, as a gateway that serves `schema` itself
 * (`observe` is told how each operation ran): query operations run as
 * JavaScript compiled once per document and operation, from its second run
 * (graphql-jit), instead of graphql-js's interpreter, which builds a resolve
 * info, an arguments object and a path for every field of every list item
 * (a national dashboard's 2,000 campaigns are 16,000 fields). Every field
 * that has a resolver still runs it with the same arguments, context and
 * info (TypeGraphQL's wrappers, its authorization, the read planner's
 * planned fields); plain fields are read directly. Mutations, and queries
 * whose variables do not coerce, run on graphql-js as before, so their
 * errors are graphql-js's own. Errors raised during a compiled execution are
 * rebuilt as graphql-js would raise them (message, locations, path, the
 * original error and its extensions), so Apollo's plugins and formatError
 * see the same errors either way. Apollo's parsing, validation, plugins and
 * error formatting are unchanged: only `execute` is replaced.
 */
export function compiledExecution(
  schema: GraphQLSchema,
  observe?: (execution: 'compiled' | 'interpreted') => void,
): Gateway {
  const compiled = new WeakMap<DocumentNode, Compiled>();
  const executor: Executor = async ({ request, document, operation, context }) => {
    const variables = request.variables ?? {};
    const interpreted = () => {
      observe?.('interpreted');
      return execute({
        schema,
        document,
        contextValue: context,
        variableValues: variables,
        operationName: request.operationName,
      }) as Promise<ExecutionResult> | ExecutionResult;
    };
    // No operation (a name that matches none): graphql-js's error, which Apollo expects.
    if ((operation as typeof operation | undefined)?.operation !== 'query') return interpreted();
    const query = compiledQuery(compiled, schema, document, request.operationName);
    if (!query) return interpreted();
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return interpreted();
    observe?.('compiled');
    const result = await query.query(undefined, context, variables);
    if (!result.errors) return result;
    // Compiled code takes a `resolveType` result as it is: one that returned a promise (which
    // graphql-js awaits) shows as an unresolved abstract type, and graphql-js answers instead.
    if (result.errors.some(isUnresolvedType)) return interpreted();
    return { ...result, errors: result.errors.map(asGraphQLJsError) };
  };
  return {
    load: async () => ({ executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}

/**
 * The compiled query of one operation of `document`, compiled on its run after
 * RUNS_BEFORE_COMPILING; null before that or when it cannot be compiled.
 */
function compiledQuery(
  cache: WeakMap<DocumentNode, Compiled>,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): CompiledQuery | null {
  let byName = cache.get(document);
  if (!byName) {
    byName = new Map();
    cache.set(document, byName);
  }
  const key = operationName ?? '';
  const known = byName.get(key) ?? 0;
  if (typeof known !== 'number') return known;
  if (known < RUNS_BEFORE_COMPILING) {
    byName.set(key, known + 1);
    return null;
  }
  let query: CompiledQuery | null;
  try {
    const result = compileQuery(schema, document, operationName);
    query = isCompiledQuery(result) ? result : null;
  } catch {
    // Whatever graphql-jit cannot compile, graphql-js interprets.
    query = null;
  }
  byName.set(key, query);
  return query;
}

/** graphql-jit's error for an abstract type's value whose type it could not name. */
function isUnresolvedType(error: GraphQLError): boolean {
  return error.originalError === undefined && /^Abstract type \S+ must resolve/.test(error.message);
}

/**
 * A graphql-jit error as graphql-js's `locatedError` makes it: an error a
 * resolver threw that already has a path is passed on as it is; any other
 * is wrapped with its message, locations and path, keeping the original
 * (and so its extensions). graphql-jit's own errors (a null for a non-null
 * field, a value a scalar cannot serialize) have no original error, where
 * graphql-js's have a plain Error: so they stay masked as internal errors.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const original: unknown = error.originalError;
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError:
      original instanceof Error
        ? original
        : new Error(
            original === undefined ? error.message : `Unexpected error value: ${String(original)}`,
          ),
  });
  // graphql-jit keeps the locations, not the nodes they were computed from.
  if (error.locations) Object.assign(rebuilt, { locations: error.locations });
  return rebuilt;
}
