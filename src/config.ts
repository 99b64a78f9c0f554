import { z } from 'zod';

const booleanFlag = z
  .preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(['true', 'false', '1', '0', 'yes', 'no']),
  )
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * CORS_ORIGINS: a comma-separated list of origins (scheme://host[:port], no path)
 * whose pages may call the API from the browser. Spaces around commas are allowed;
 * an empty value allows none. Each entry must be an exact origin: "*" is refused so
 * that opening the API to every site is never an accident.
 */
const corsOrigins = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const origins: string[] = [];
    for (const entry of value.split(',').map((part) => part.trim())) {
      if (!entry) continue;
      if (entry === '*') {
        ctx.addIssue({
          code: 'custom',
          message: 'list the allowed origins one by one; "*" is not accepted',
        });
        continue;
      }
      const origin = parseOrigin(entry);
      if (!origin) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not an origin: write scheme://host[:port] with no path, e.g. https://dashboard.example.vn`,
        });
        continue;
      }
      if (!origins.includes(origin)) origins.push(origin);
    }
    return origins;
  });

/** The serialised origin of `text` when it is exactly one (http or https, no path, query or credentials). */
function parseOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/') return null;
  return url.origin;
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url().optional(),
  /** Port of the embedded PostgreSQL; 0 picks a free one. Ignored with DATABASE_URL. */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Where the embedded PostgreSQL keeps its data. */
  DATA_DIR: z.string().default('.data'),
  JWT_SECRET: z.string().min(16, 'JWT_SECRET must be at least 16 characters').optional(),
  /**
   * Lifetime of one token in seconds; `refreshToken` gives a new one within
   * the session (the hall screen and control pages renew theirs). 12 hours by
   * default, for clients that do not renew; lower it (e.g. 900) once they do.
   */
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
  SEED_DEMO: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` lines (for machines), or `pretty` (coloured, for people at a terminal). */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Size of the PostgreSQL connection pool of one process. */
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Where uploaded files are kept (content-addressed); DATA_DIR/files when unset. */
  FILES_DIR: z.string().optional(),
  /** Largest upload accepted by PUT /files, in bytes (20 MiB). */
  FILES_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /** Minutes between two runs of the dossier deadline check in each process; 0 turns it off. */
  DEADLINE_CHECK_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  /** Root fields read their nested fields in their own statement (src/plan); false: DataLoaders only. */
  PLANNED_READS: booleanFlag.default(true),
  /** Query operations run as code compiled per document (graphql-jit); false: graphql-js interprets every operation. */
  COMPILED_QUERIES: booleanFlag.default(true),
  /** Origins whose browser pages may call /graphql (CORS); none by default. */
  CORS_ORIGINS: corsOrigins,

  // Security limits (README "Security").
  /** How long after a password sign-in its tokens can still be refreshed (7 days). */
  JWT_SESSION_MAX_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For),
   * as Express's `trust proxy`: `loopback`, a number of hops, or addresses
   * and CIDRs separated by commas. Unset: none, the socket's peer is the client.
   */
  TRUST_PROXY: z.string().optional(),
  /** WebSocket connections one client address may hold (a hall's screens often share one). */
  WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().positive().default(20_000),
  /** Subscriptions one WebSocket may hold at once. */
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().positive().default(50),
  /** Messages per second one WebSocket may send on average (bursts of twice as many pass). */
  WS_MAX_MESSAGES_PER_SECOND: z.coerce.number().int().positive().default(50),
  /** How long a new WebSocket may take to send connection_init. */
  WS_INIT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** How long getting a PostgreSQL connection may take (new or from the pool). */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** Longest statement, checked by PostgreSQL, and (plus a second) by the driver. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Longest a transaction may sit idle before PostgreSQL ends its session. */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
});

/** The validated environment. */
export type Config = z.infer<typeof schema>;

/**
 * Reads and validates the environment. Throws an Error listing every invalid
 * variable, so a misconfigured server fails at start with a clear message.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
