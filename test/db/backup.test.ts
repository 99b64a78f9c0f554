import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { exerciseDemoServer } from '../../scripts/smoke';
import { backupDatabase, restoreDatabase } from '../../src/db/backup';
import { freePort, runningEmbedded } from '../../src/db/embedded';
import { createTestDatabase, startTestApp } from '../helpers/app';

const root = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'thidua-backup-'));
chmodSync(work, 0o755);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Row count and an order-independent checksum of every table, and the sequences' positions. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND relkind = 'r' ORDER BY relname`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const column = name === 'migrations' ? 't.name' : 't::text';
      const { rows } = await client.query<{ count: string; sum: string }>(
        `SELECT count(*) AS count, md5(coalesce(string_agg(${column}, E'\\n' ORDER BY ${column}), '')) AS sum
           FROM "${name}" t`,
      );
      out[name] = `${rows[0]!.count} ${rows[0]!.sum}`;
    }
    const { rows: sequences } = await client.query<{ value: string }>(
      `SELECT last_value::text || ' ' || is_called AS value FROM conference_event_id_seq`,
    );
    out['sequence conference_event_id_seq'] = sequences[0]!.value;
    return out;
  } finally {
    await client.end();
  }
}

/** Every user trigger of the schema and how it fires (pg_trigger.tgenabled). */
async function triggersFiring(url: string): Promise<{ trigger: string; enabled: string }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ trigger: string; enabled: string }>(
      `SELECT c.relname || ' ' || t.tgname AS trigger, t.tgenabled::text AS enabled
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal ORDER BY 1`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('backup and restore of a database (DATABASE_URL)', () => {
  let source: string;
  let before: Record<string, string>;
  const file = path.join(work, 'library.backup');

  beforeAll(async () => {
    // The demo data, plus an event logged by a live conference.
    const app = await startTestApp({ SEED_DEMO: 'true' });
    source = app.config.DATABASE_URL!;
    await exerciseDemoServer(app.url);
    await app.stop();
    before = await fingerprint(source);
  }, 90_000);

  it('backs up every table, referenced tables first, readable only by its owner', async () => {
    const summary = await backupDatabase(source, file);
    const names = summary.tables.map((t) => t.name);
    expect(names.indexOf('unit')).toBeLessThan(names.indexOf('person'));
    expect(names.indexOf('award')).toBeLessThan(names.indexOf('award_achievement'));
    expect(names.indexOf('conference')).toBeLessThan(names.indexOf('conference_event'));
    expect(names).not.toContain('migrations');
    expect(summary.tables.find((t) => t.name === 'person')!.rows).toBeGreaterThanOrEqual(40);
    expect(summary.tables.find((t) => t.name === 'conference_event')!.rows).toBeGreaterThan(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('restores into an empty database: same rows, same checksums, same sequences', async () => {
    const target = await createTestDatabase();
    const summary = await restoreDatabase(target, file);
    expect(summary.tables.length).toBeGreaterThan(15);
    expect(await fingerprint(target)).toEqual(before);

    // The restored database serves, and new events continue after the restored ones.
    const app = await startTestApp({ DATABASE_URL: target, SEED_DEMO: 'true' });
    try {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation { login(username: "manager", password: "demo-password") { account { unit { code } } } }',
        }),
      });
      expect(await res.json()).toEqual({
        data: { login: { account: { unit: { code: 'LS-TGDV' } } } },
      });
    } finally {
      await app.stop();
    }
  }, 90_000);

  it('restores over the same database after changes, putting back exactly what was backed up', async () => {
    const client = new Client({ connectionString: source });
    await client.connect();
    try {
      await client.query(`DELETE FROM award_achievement`);
      await client.query(`UPDATE person SET full_name = full_name || ' (changed)'`);
    } finally {
      await client.end();
    }
    const firing = await triggersFiring(source);
    // The tallies' triggers fire always (bulk loads in replica mode included).
    expect(firing).toContainEqual({ trigger: 'award_tally award_rollup_insert', enabled: 'A' });
    expect(await fingerprint(source)).not.toEqual(before);
    await restoreDatabase(source, file);
    expect(await fingerprint(source)).toEqual(before);
    // The restore disabled and re-enabled them: each fires as it did before.
    expect(await triggersFiring(source)).toEqual(firing);
  }, 60_000);

  it('refuses while an API server is connected, and a damaged file changes nothing', async () => {
    const app = await startTestApp({ DATABASE_URL: source });
    try {
      await expect(restoreDatabase(source, file)).rejects.toThrow(
        /connections of API servers are open on this database: stop every server first/,
      );
    } finally {
      await app.stop();
    }
    // One row of one table missing: the counts at the end do not match.
    const text = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const section = text.findIndex((line) => line.startsWith('{"table":"people_tally"'));
    text.splice(section + 1, 1);
    const damaged = path.join(work, 'damaged.backup');
    writeFileSync(damaged, gzipSync(text.join('\n')));
    const changed = new Client({ connectionString: source });
    await changed.connect();
    await changed.query(`UPDATE unit SET name = name || ' (changed)'`);
    await changed.end();
    const beforeAttempt = await fingerprint(source);
    await expect(restoreDatabase(source, damaged)).rejects.toThrow(
      /is damaged: table people_tally has/,
    );
    expect(await fingerprint(source)).toEqual(beforeAttempt);
    await expect(restoreDatabase(source, path.join(root, 'package.json'))).rejects.toThrow(
      /is not a backup made by npm run db:backup/,
    );
  }, 60_000);
});

describe('npm run db:backup / db:restore with the embedded PostgreSQL', () => {
  const dataDir = path.join(work, 'data');
  const file = path.join(work, 'embedded.backup');
  const mainJs = path.join(root, 'dist', 'src', 'main.js');
  let server: ChildProcess | undefined;
  let port: number;

  const env = () => ({
    PATH: process.env.PATH!,
    HOME: process.env.HOME ?? '',
    DATA_DIR: dataDir,
    PORT: String(port),
    ADMIN_PASSWORD: 'backup-test-admin',
    LOG_LEVEL: 'warn',
  });
  const tool = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'launch.mjs'), 'src/db-tool', ...args],
      {
        cwd: root,
        env: env(),
        encoding: 'utf8',
      },
    );
  async function startServer(): Promise<void> {
    server = spawn(process.execPath, [mainJs], { cwd: root, env: env(), stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
      } catch {
        // not yet
      }
      if (Date.now() > deadline || server.exitCode !== null)
        throw new Error('server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  async function stopServer(): Promise<void> {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server!.kill('SIGTERM');
    await exited;
    server = undefined;
  }

  beforeAll(async () => {
    const build = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'launch.mjs'), '--build-if-stale'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    if (build.status !== 0 || !existsSync(mainJs))
      throw new Error(`build failed:\n${build.stderr}`);
    port = await freePort();
  }, 180_000);

  afterAll(async () => {
    if (server) await stopServer();
  });

  it('backs up while the server runs, refuses to restore until it stops, then restores it whole', async () => {
    await startServer();
    const url = runningEmbedded(dataDir)!.url;
    await exerciseDemoServer(`http://127.0.0.1:${port}/graphql`);
    const before = await fingerprint(url);

    const backup = tool('backup', file);
    expect({ status: backup.status, stderr: backup.stderr }).toEqual({ status: 0, stderr: '' });
    expect(backup.stdout).toMatch(/^ {2}person +\d+ rows$/m);
    expect(backup.stdout).toMatch(
      /^backed up \d+ tables, \d+ rows .* to .*embedded\.backup in [\d.]+ s$/m,
    );

    const refused = tool('restore', file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `The server (pid ${server!.pid}) is running on ${dataDir}: stop it first, then restore\n`,
    );

    // Changes after the backup are undone by the restore.
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DELETE FROM campaign_review`);
    await client.end();
    await stopServer();

    const restored = tool('restore', file);
    expect({ status: restored.status, stderr: restored.stderr }).toEqual({ status: 0, stderr: '' });
    expect(restored.stdout).toMatch(
      /^restored \d+ tables, \d+ rows .* from .*embedded\.backup in [\d.]+ s$/m,
    );

    await startServer();
    expect(await fingerprint(runningEmbedded(dataDir)!.url)).toEqual(before);
    await stopServer();
  }, 180_000);
});
