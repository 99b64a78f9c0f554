import { GraphQLError } from 'graphql';
import { msg, render, type Message } from './i18n/i18n';

/** Every `extensions.code` a client can see. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RULE_VIOLATION = 'RULE_VIOLATION',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * What an error says: a message of the catalogue (src/i18n/messages.ts),
 * shown in the language the client asks for. There is no plain-string form:
 * every message a client sees exists in Vietnamese and English.
 */
export type ErrorText = Message;

/**
 * A failure the client caused or can act on; its code is shown as it is, its
 * message in the client's language (the key and parameters travel in
 * `extensions.messageKey` and `extensions.messageParams`).
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, text: ErrorText, extensions: Record<string, unknown> = {}) {
    super(render(text, 'en'), {
      extensions: { ...extensions, code, messageKey: text.key, messageParams: text.params },
    });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message: ErrorText = msg('auth.signInFirst')) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: ErrorText = msg('auth.roleForbidden')) {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class BadInputError extends AppError {
  constructor(message: ErrorText, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, extensions);
  }
}

export class NotFoundError extends AppError {
  /** `what` is an entity's name (translated through the catalogue's labels). */
  constructor(what: string, id: string) {
    super(ErrorCode.NOT_FOUND, msg('entity.notFound', { what, id }));
  }
}

export class ConflictError extends AppError {
  constructor(message: ErrorText) {
    super(ErrorCode.CONFLICT, message);
  }
}

export class RuleViolationError extends AppError {
  constructor(message: ErrorText, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.RULE_VIOLATION, message, extensions);
  }
}

/**
 * A refused lifecycle transition, naming both states; `what` is an entity's
 * name (translated through the catalogue's labels), `code` the code of the one
 * refused when the message should name it (e.g. a campaign's `PT-2025`).
 */
export function illegalTransition(
  what: string,
  from: string,
  to: string,
  code?: string,
): RuleViolationError {
  const message =
    code === undefined
      ? msg('lifecycle.illegalTransition', { what, from, to })
      : msg('lifecycle.illegalTransitionOf', { what, code, from, to });
  return new RuleViolationError(message, { from, to });
}

export class QueryTooComplexError extends AppError {
  constructor(message: ErrorText) {
    super(ErrorCode.QUERY_TOO_COMPLEX, message);
  }
}

/** The PostgreSQL error a driver raised, when it is one (`code` is the SQLSTATE). */
export function pgErrorOf(error: unknown): { code: string; constraint?: string } | undefined {
  const candidate = (error as { driverError?: unknown })?.driverError ?? error;
  const code = (candidate as { code?: unknown })?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return { code, constraint: (candidate as { constraint?: string }).constraint };
  }
  return undefined;
}

/** True for a unique violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgErrorOf(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}
