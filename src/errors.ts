import { GraphQLError } from 'graphql';

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

/** A failure the client caused or can act on; its message and code are shown as they are. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first: send a token as "Authorization: Bearer <token>"') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class BadInputError extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, extensions);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

export class RuleViolationError extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.RULE_VIOLATION, message, extensions);
  }
}

/** A refused lifecycle transition, naming both states. */
export function illegalTransition(what: string, from: string, to: string): RuleViolationError {
  return new RuleViolationError(`${what} cannot go from ${from} to ${to}`, { from, to });
}

export class QueryTooComplexError extends AppError {
  constructor(message: string) {
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
