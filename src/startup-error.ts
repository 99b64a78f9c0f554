/**
 * A start-up failure the operator can fix. Its message is one line saying
 * what went wrong and how to fix it; main.ts prints it as it is and exits 1.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The parts of an error this module reads; any of them may be missing. */
interface ErrorLike {
  message?: unknown;
  code?: unknown;
  port?: unknown;
  address?: unknown;
  hostname?: unknown;
  stack?: unknown;
}

/** What the failure was about, to name the variable that fixes it. */
export interface StartupContext {
  /** The HTTP port the server was to listen on. */
  port?: number;
  /** Set when an external PostgreSQL was configured. */
  databaseUrl?: string;
}

/**
 * Explains why start-up failed, in one line: a StartupError's own message,
 * or, for errors from Node.js and PostgreSQL that an operator can act on
 * (port in use, disk full, PostgreSQL unreachable or refusing), what to do.
 * Anything else is `unexpected: <message>`. Never throws, whatever it is
 * given (`undefined` included).
 */
export function explainStartupFailure(error: unknown, context: StartupContext = {}): string {
  try {
    return explain(error, context);
  } catch {
    return `unexpected error: ${safeString(error)}`;
  }
}

/** The stack of an unexpected error, for the log; empty for one that was explained. */
export function unexpectedStack(error: unknown): string {
  try {
    if (error instanceof StartupError || known(error, {}) !== undefined) return '';
    const stack = (error as ErrorLike | undefined)?.stack;
    return typeof stack === 'string' ? stack : '';
  } catch {
    return '';
  }
}

function explain(error: unknown, context: StartupContext): string {
  if (error instanceof StartupError) return error.message;
  return known(error, context) ?? `unexpected error: ${messageOf(error)}`;
}

function known(error: unknown, context: StartupContext): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, port, address, hostname } = error as ErrorLike;
  const message = messageOf(error);
  const where = context.databaseUrl ? describeUrl(context.databaseUrl) : 'PostgreSQL';
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port ?? context.port} is already in use (is the server already running?): stop the other process or set PORT to a free port.`;
    case 'EACCES':
      if (typeof port === 'number' || message.includes('listen')) {
        return `Port ${port ?? context.port} needs privileges this user lacks: set PORT above 1023 (a reverse proxy can serve port 80/443).`;
      }
      return `Permission denied: ${message}. Run as a user that may read the project and write DATA_DIR.`;
    case 'ENOSPC':
    case '53100':
      return `The disk is full (${message}): free some space (df -h shows which disk) and start again.`;
    case 'ECONNREFUSED':
      return `Cannot reach ${where} (connection refused at ${address ?? 'its address'}:${port ?? ''}): start PostgreSQL or correct DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot resolve the host of ${where} (${hostname ?? message}): correct DATABASE_URL.`;
    case 'ETIMEDOUT':
      return `Timed out connecting to ${where}: check the host, port and firewall in DATABASE_URL.`;
    case '28P01':
    case '28000':
      return `${where} refused the sign-in (${message}): correct the user and password in DATABASE_URL.`;
    case '3D000':
      return `${where}: ${message}. Create it first (createdb), or correct DATABASE_URL.`;
    case '42501':
      return `${where} refused a migration (${message}): use a role that owns the database, or have an administrator create the extensions unaccent and pg_trgm (see the README).`;
    case '53300':
      return `${where} has no free connections (${message}): raise max_connections or lower DB_POOL_SIZE.`;
    default:
      return undefined;
  }
}

/** user@host:port/database of a URL, without its password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `the PostgreSQL at ${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the PostgreSQL of DATABASE_URL';
  }
}

function messageOf(error: unknown): string {
  const message = (error as ErrorLike | undefined)?.message;
  const text = typeof message === 'string' && message ? message : safeString(error);
  return text.split('\n')[0]!.trim();
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '(a value that cannot be printed)';
    }
  }
}
