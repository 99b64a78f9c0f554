/**
 * PostGraphile 5 over the benchmark database, as a peer the API is compared
 * with: the amber preset, with `PgIndexBehaviorsPlugin` disabled so that
 * backward relations (a person's awards and achievements) and their orderBy
 * are exposed whether or not an index backs them, on node:http through
 * grafserv, with a pool of DB_POOL_SIZE connections like the API's.
 *
 * It runs on the Node 22 runtime that bench/peers/postgraphile.ts installs
 * beside PostGraphile (PEER_DIR), and loads PostGraphile from there: neither
 * is a dependency of this project. It does not check the bearer token the
 * runner sends (the API's check costs it about 13 µs per request).
 *
 * Messages in:  { type: 'cpu' }, { type: 'stop' }
 * Messages out: { type: 'ready', url }, { type: 'cpu', cpuMs }
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** What this script uses of PostGraphile's API (its types are not installed here). */
interface PostGraphile {
  postgraphile(preset: object): {
    createServ(grafserv: unknown): {
      addTo(server: ReturnType<typeof createServer>): Promise<void> | void;
      release(): Promise<void>;
    };
  };
}

async function main(): Promise<void> {
  const peerDir = process.env.PEER_DIR;
  const connectionString = process.env.DATABASE_URL;
  if (!peerDir || !connectionString) throw new Error('PEER_DIR and DATABASE_URL are needed');
  const load = createRequire(path.join(peerDir, 'package.json'));
  const { postgraphile } = load('postgraphile') as PostGraphile;
  const { PostGraphileAmberPreset } = load('postgraphile/presets/amber') as Record<string, object>;
  const { makePgService } = load('postgraphile/adaptors/pg') as {
    makePgService(options: object): object;
  };
  const { grafserv } = load('postgraphile/grafserv/node') as { grafserv: unknown };
  const preset = {
    extends: [PostGraphileAmberPreset],
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    pgServices: [
      makePgService({
        connectionString,
        schemas: ['public'],
        poolConfig: {
          max: Number(process.env.DB_POOL_SIZE ?? 10),
          application_name: 'thidua-bench-postgraphile',
        },
      }),
    ],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.keepAliveTimeout = 65_000;
  await serv.addTo(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<unknown> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await serv.release(); // releases the PostGraphile instance and its pool too
    })()
      .catch((error) => process.stderr.write(`postgraphile stop: ${String(error)}\n`))
      .finally(() => process.exit(0)));
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'cpu') {
      const cpu = process.cpuUsage();
      process.send?.({ type: 'cpu', cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message?.type === 'stop') {
      void stop();
    }
  });
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}/graphql` });
}

main().catch((error) => {
  process.stderr.write(`postgraphile failed to start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
