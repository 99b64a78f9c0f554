import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';
import { msg, render } from './i18n/i18n';

const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  // Apollo's own codes for a request the client got wrong.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** The message and code every unexpected error is shown as (in English; localized per request). */
const MASKED = msg('server.internal');
export const MASKED_MESSAGE = render(MASKED, 'en');

/**
 * True when an error was raised on purpose for the client (an AppError, a
 * GraphQL syntax or validation error, a variable of the wrong type), false for
 * anything else: a bug, a database or driver error.
 */
export function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (!(original instanceof GraphQLError)) return false;
  const code = original.extensions?.code;
  if (typeof code === 'string') return CLIENT_CODES.has(code);
  // graphql-js's own parse/validation/coercion errors carry no code and no original error.
  return original.originalError === undefined || original.originalError === null;
}

/**
 * What a client sees of an error: expected errors as they are (without
 * stack traces), everything else masked as INTERNAL_SERVER_ERROR with no
 * stack, SQL or driver text. Used by Apollo's formatError and by graphql-ws.
 */
export function formatClientError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  if (isClientError(error)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    const original = unwrapResolverError(error);
    const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
    return {
      ...formatted,
      extensions: {
        ...extensions,
        code: typeof code === 'string' ? code : (extensions.code ?? 'BAD_USER_INPUT'),
      },
    };
  }
  return {
    message: MASKED_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      messageKey: MASKED.key,
      messageParams: MASKED.params,
    },
  };
}
