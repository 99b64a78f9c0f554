/**
 * One API process for the benchmark: the real application (startApp) on
 * loopback, configured from the environment the runner passes, with an IPC
 * side channel so the runner can read its memory (after a full GC when node
 * runs with --expose-gc) and stop it cleanly.
 *
 * Messages in:  { type: 'memory' }, { type: 'cpu' }, { type: 'stop' },
 *   { type: 'profile-start' }, { type: 'profile-stop', file }
 * Messages out: { type: 'ready', url }, { type: 'cpu', cpuMs },
 *   { type: 'memory', cpuMs, rss, heapUsed, external, sockets, subscriptions },
 *   { type: 'profile-started' }, { type: 'profile-stopped', file }
 *
 * `profile-start`/`profile-stop` take a CPU profile of a window of the run
 * (e.g. only a fan-out's deliveries, not its 10,000 connections) through the
 * inspector, written to `file` as node --cpu-prof writes its own.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import 'reflect-metadata';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { RealtimeService } from '../../src/realtime/realtime.service';

/** Collects garbage until the heap stops shrinking, so memory figures compare. */
async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await startApp(config, logger, '127.0.0.1');
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= app
      .stop()
      .catch((error) => logger.error({ err: error }, 'bench server stop failed'))
      .finally(() => process.exit(0)));
  let profiler: Session | undefined;
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'memory') {
      void settle().then(() => {
        const usage = process.memoryUsage();
        const cpu = process.cpuUsage();
        process.send?.({
          type: 'memory',
          cpuMs: (cpu.user + cpu.system) / 1000,
          rss: usage.rss,
          heapUsed: usage.heapUsed,
          external: usage.external,
          sockets: app.server.websocket.server.clients.size,
          subscriptions: app.server.services.get(RealtimeService).hub.size,
        });
      });
    } else if (message?.type === 'cpu') {
      const cpu = process.cpuUsage();
      process.send?.({ type: 'cpu', cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message?.type === 'profile-start') {
      void (async () => {
        profiler ??= new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
        process.send?.({ type: 'profile-started' });
      })();
    } else if (message?.type === 'profile-stop') {
      const { file } = message as { file: string };
      void (async () => {
        const session = profiler!;
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        profiler = undefined;
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(profile));
        process.send?.({ type: 'profile-stopped', file });
      })();
    } else if (message?.type === 'stop') {
      void stop();
    }
  });
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.send?.({ type: 'ready', url: app.url });
}

main().catch((error) => {
  process.stderr.write(`bench server failed to start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
