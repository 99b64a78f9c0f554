import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';
import { msg, render, type Message } from './i18n/i18n';

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

/** How errors are shown besides masking. */
export interface FormatOptions {
  /**
   * Leave out graphql-js's "Did you mean ...?" suggestions, which tell a
   * stranger the schema's field, type and enum names (on in production).
   */
  hideSchemaDetails?: boolean;
}

/** graphql-js's suggestion at the end of a message (Apollo's own pattern). */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** graphql-js's refusal of a document over `maxTokens` (see LIMITS.tokens; graphql 16 says "more that"). */
const TOO_MANY_TOKENS = /Document contains more tha[nt] (\d+) tokens/;

/**
 * Errors that Apollo Server raises without a code (so they would show as
 * INTERNAL_SERVER_ERROR) or under a code that hides what happened, as a
 * client should see them.
 */
function protocolError(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const tokens = TOO_MANY_TOKENS.exec(formatted.message);
  if (tokens) {
    const message = msg('limits.tooManyTokens', { max: Number(tokens[1]) });
    return coded(ErrorCode.QUERY_TOO_COMPLEX, message);
  }
  if (formatted.message === 'provided sha does not match query') {
    return coded(ErrorCode.BAD_USER_INPUT, msg('request.persistedQueryMismatch'));
  }
  if (formatted.message === 'Unsupported persisted query version') {
    return coded(ErrorCode.BAD_USER_INPUT, msg('request.persistedQueryVersion'));
  }
  return undefined;
}

function coded(code: ErrorCode, message: Message): GraphQLFormattedError {
  return {
    message: render(message, 'en'),
    extensions: { code, messageKey: message.key, messageParams: message.params },
  };
}

/**
 * What a client sees of an error: expected errors as they are (without
 * stack traces), everything else masked as INTERNAL_SERVER_ERROR with no
 * stack, SQL or driver text. Used by Apollo's formatError and by graphql-ws.
 */
export function formatClientError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatOptions = {},
): GraphQLFormattedError {
  const protocol = protocolError(formatted);
  if (protocol) return protocol;
  if (options.hideSchemaDetails && SUGGESTION.test(formatted.message)) {
    formatted = { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
  }
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
