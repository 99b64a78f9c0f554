/**
 * The floor the GraphQL stack is measured against: a minimal HTTP handler
 * (node:http, no framework) that verifies the same JWT and serves the same
 * profile as the benchmark's GraphQL query (person, unit and ancestors, a
 * page of 20 awards with their type, title history, a page of 20
 * achievements, with totals and cursors) from hand-written SQL over a pg pool
 * of the same size as the server's. The four statements run concurrently, as
 * a hand-written endpoint would run them.
 *
 * Run as a child of bench/run.ts: it answers `{ type: 'ready', url }` on IPC.
 *   POST /profile  {"id": "<person uuid>"}  Authorization: Bearer <token>
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';

const PERSON_SQL = `
  SELECT p.id, p.full_name, p.position, p.category, p.is_leader, p.party_member,
         u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind,
         (SELECT coalesce(json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'kind', a.kind)
                                   ORDER BY a.depth), '[]')
            FROM unit a
           WHERE a.id = ANY (string_to_array(trim(both '/' from u.path), '/')::uuid[]) AND a.id <> u.id
         ) AS ancestors
    FROM person p JOIN unit u ON u.id = p.unit_id
   WHERE p.id = $1`;

const AWARDS_SQL = `
  SELECT a.id, a.year, a.status, a.decision_number, a.decided_on,
         t.id AS type_id, t.code, t.name, t.category, t.level,
         count(*) OVER () AS total
    FROM award a JOIN award_type t ON t.id = a.type_id
   WHERE a.person_id = $1
   ORDER BY a.year DESC, a.id DESC
   LIMIT 21`;

const TITLES_SQL = `
  SELECT DISTINCT ON (a.year) a.year, a.id, a.status, t.id AS type_id, t.code, t.name
    FROM award a JOIN award_type t ON t.id = a.type_id
   WHERE a.person_id = $1 AND t.category = 'EMULATION_TITLE' AND a.status IN ('APPROVED', 'ANNOUNCED')
   ORDER BY a.year DESC,
            array_position(ARRAY['GRASSROOTS','PROVINCIAL','MINISTERIAL','NATIONAL'], t.level) DESC,
            t.bonus_multiple DESC, t.sort_order DESC, a.id`;

const ACHIEVEMENTS_SQL = `
  SELECT id, title, kind, status, achieved_on, advanced_model, count(*) OVER () AS total
    FROM achievement
   WHERE person_id = $1
   ORDER BY achieved_on DESC, id DESC
   LIMIT 21`;

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** A page of rows in the shape of a Relay connection, as the GraphQL query asks for it. */
function connection<R extends { total: number | string }>(
  rows: R[],
  key: (row: R) => unknown[],
  node: (row: R) => unknown,
) {
  const page = rows.slice(0, 20);
  const edges = page.map((row) => ({ cursor: cursor(key(row)), node: node(row) }));
  return {
    totalCount: Number(rows[0]?.total ?? 0),
    edges,
    pageInfo: { hasNextPage: rows.length > 20, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The profile of one person, or null. */
export async function profile(pool: Pool, id: string): Promise<unknown> {
  const [person, awards, titles, achievements] = await Promise.all([
    pool.query(PERSON_SQL, [id]),
    pool.query(AWARDS_SQL, [id]),
    pool.query(TITLES_SQL, [id]),
    pool.query(ACHIEVEMENTS_SQL, [id]),
  ]);
  const p = person.rows[0];
  if (!p) return null;
  return {
    id: p.id,
    fullName: p.full_name,
    position: p.position,
    category: p.category,
    isLeader: p.is_leader,
    partyMember: p.party_member,
    unit: {
      id: p.unit_id,
      code: p.unit_code,
      name: p.unit_name,
      kind: p.unit_kind,
      ancestors: p.ancestors,
    },
    awards: connection(
      awards.rows,
      (a) => [a.year, a.id],
      (a) => ({
        id: a.id,
        year: a.year,
        status: a.status,
        decisionNumber: a.decision_number,
        decidedOn: a.decided_on,
        type: { id: a.type_id, code: a.code, name: a.name, category: a.category, level: a.level },
      }),
    ),
    titleHistory: titles.rows.map((t) => ({
      year: t.year,
      awardType: { id: t.type_id, code: t.code, name: t.name },
      award: { id: t.id, status: t.status },
    })),
    achievements: connection(
      achievements.rows,
      (a) => [a.achieved_on, a.id],
      (a) => ({
        id: a.id,
        title: a.title,
        kind: a.kind,
        status: a.status,
        achievedOn: a.achieved_on,
        advancedModel: a.advanced_model,
      }),
    ),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the baseline server on loopback; resolves with its URL and a stop function. */
export async function startBaseline(options: {
  databaseUrl: string;
  jwtSecret: string;
  poolSize: number;
  port?: number;
}): Promise<{ url: string; stop(): Promise<void> }> {
  // Dates as 'YYYY-MM-DD' strings, as the application's data source does.
  const { types } = await import('pg');
  types.setTypeParser(types.builtins.DATE, (value) => value);
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize,
    application_name: 'thidua-bench-baseline',
  });
  // The same check as the API's TokenService (HS256, issuer, expiry), without its imports.
  const verify = (header: string | undefined) => {
    try {
      const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
      return Boolean(
        jwt.verify(token, options.jwtSecret, { algorithms: ['HS256'], issuer: 'thidua-api' }),
      );
    } catch {
      return false;
    }
  };
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'POST' || req.url !== '/profile') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(await readBody(req)) as { id?: unknown };
      if (!verify(req.headers.authorization)) {
        res.writeHead(401).end();
        return;
      }
      if (typeof body.id !== 'string') {
        res.writeHead(400).end();
        return;
      }
      const person = await profile(pool, body.id);
      const json = JSON.stringify({ data: { person } });
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(json),
      });
      res.end(json);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/profile`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

if (require.main === module) {
  startBaseline({
    databaseUrl: process.env.DATABASE_URL!,
    jwtSecret: process.env.JWT_SECRET!,
    poolSize: Number(process.env.DB_POOL_SIZE ?? 10),
  }).then(
    (baseline) => {
      process.send?.({ type: 'ready', url: baseline.url });
      const stop = () => baseline.stop().finally(() => process.exit(0));
      process.on('message', (message: { type?: string }) => {
        if (message?.type === 'stop') void stop();
        if (message?.type === 'cpu') {
          const cpu = process.cpuUsage();
          process.send?.({ type: 'cpu', cpuMs: (cpu.user + cpu.system) / 1000 });
        }
      });
      process.on('disconnect', () => void stop());
      process.on('SIGTERM', () => void stop());
    },
    (error) => {
      process.stderr.write(`baseline failed to start: ${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}
