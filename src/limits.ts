import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNullableType,
  isListType,
  Kind,
  visit,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { QueryTooComplexError } from './errors';
import { msg } from './i18n/i18n';

/** The limits every operation must stay within, over HTTP and WebSocket. */
export const LIMITS = {
  /** Deepest nesting of fields. */
  depth: 12,
  /** Most aliases in one operation, `__typename` included. */
  aliases: 20,
  /** Largest estimated cost (see costEstimator). */
  cost: 25_000,
  /**
   * Most tokens in one document, checked while parsing (graphql-js's
   * maxTokens), so a huge document is refused before it costs anything;
   * a screen's or dashboard's operation has a few hundred.
   */
  tokens: 3_000,
};

/**
 * Cost of a field: 1 plus its children's cost, times the page size for a
 * field with `first`, times 10 for any other list. The `edges` of a
 * connection are not multiplied again: `first` already counted them.
 */
const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const first = typeof args.first === 'number' ? Math.max(args.first, 1) : undefined;
  if (first !== undefined) return 1 + childComplexity * first;
  if (field.name === 'edges' && type.name.endsWith('Connection')) return 1 + childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + childComplexity * 10;
  return 1 + childComplexity;
};

/**
 * Reports graphql-armor's refusal as QUERY_TOO_COMPLEX with a message of the
 * catalogue: the limit, and what the operation has, which armor only gives
 * in its English text ("... exceeded, found 13.").
 */
function rejecting(
  key: 'limits.depth' | 'limits.aliases',
  limit: number,
): (context: ValidationContext | null, error: GraphQLError) => void {
  return (context, error) => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    const params = { limit, found: found === undefined ? null : Number(found) };
    context?.reportError(new QueryTooComplexError(msg(key, params)));
  };
}

const rules = [
  maxDepthRule({
    n: LIMITS.depth,
    propagateOnRejection: false,
    onReject: [rejecting('limits.depth', LIMITS.depth)],
    exposeLimits: true,
  }),
  maxAliasesRule({
    n: LIMITS.aliases,
    // `__typename` is no exception: 5,500 aliases of it once slowed everyone down.
    allowList: [],
    propagateOnRejection: false,
    onReject: [rejecting('limits.aliases', LIMITS.aliases)],
    exposeLimits: true,
  }),
];

/** What is known of a parsed document's limits (servers reuse parsed documents). */
interface KnownLimits {
  schema: GraphQLSchema;
  withinDepthAndAliases: boolean;
  /** Whether a page size (`first`) or a directive reads a variable, so that the cost depends on variables. */
  costFromVariables: boolean;
  /** Cost by operation name, when it does not depend on variables. */
  costs: Map<string, number>;
}

/**
 * Depth and aliases depend on the document alone, and so does the cost when
 * no `first` comes from a variable: both are worked out once per parsed
 * document (Apollo Server and the WebSocket layer keep parsed documents), not
 * on every request (5% of the server's CPU in the profile benchmark, bench/).
 */
const known = new WeakMap<DocumentNode, KnownLimits>();

function knownLimits(schema: GraphQLSchema, document: DocumentNode): KnownLimits {
  let entry = known.get(document);
  if (!entry || entry.schema !== schema) {
    let costFromVariables = false;
    visit(document, {
      Argument(node) {
        if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) {
          costFromVariables = true;
        }
      },
      // @include(if: $x) / @skip(if: $x) decide which fields count.
      Directive(node) {
        if (node.arguments?.some((argument) => argument.value.kind === Kind.VARIABLE)) {
          costFromVariables = true;
        }
      },
    });
    entry = {
      schema,
      withinDepthAndAliases: validate(schema, document, rules).length === 0,
      costFromVariables,
      costs: new Map(),
    };
    known.set(document, entry);
  }
  return entry;
}

/**
 * Checks an operation against the depth, alias and cost limits.
 * Returns QUERY_TOO_COMPLEX errors, or an empty list when it is within them.
 */
export function checkLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): GraphQLError[] {
  const known = knownLimits(schema, document);
  if (!known.withinDepthAndAliases) {
    const errors = validate(schema, document, rules);
    if (errors.length) return [...errors];
  }
  try {
    const key = operationName ?? '';
    let cost = known.costFromVariables ? undefined : known.costs.get(key);
    if (cost === undefined) {
      cost = getComplexity({
        schema,
        query: document,
        variables,
        operationName,
        estimators: [costEstimator],
      });
      if (!known.costFromVariables) known.costs.set(key, cost);
    }
    if (cost > LIMITS.cost) {
      return [new QueryTooComplexError(msg('limits.cost', { cost, limit: LIMITS.cost }))];
    }
  } catch {
    // An operation graphql-js rejects anyway (unknown operation, bad variables) is reported by the executor.
  }
  return [];
}
