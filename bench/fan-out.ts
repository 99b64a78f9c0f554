/**
 * One fan-out measurement: a conference is created and started, `subscribers`
 * graphql-ws clients (in child processes of up to clientsPerProcess
 * sockets, spread over the given API servers) subscribe to its events, and
 * approved awards are announced one at a time, the next once every
 * subscriber has the previous one. Latency runs from the moment the
 * announcement's response is read to each subscriber's `next`; memory is each
 * server's after a full GC, before the subscribers connect and once all are
 * subscribed.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import path from 'node:path';
import type { Child } from './children';
import { sleep } from './common';
import type { BenchContext } from './context';
import { data } from './graphql-client';
import { summarise } from './load/http';
import type { CollectedResult, WsClientsSpec } from './load/ws-clients';
import * as Q from './queries';
import type { Row } from './report';
import { cpuOf, memoryOf, type Server } from './servers';

const now = () => performance.timeOrigin + performance.now();

/**
 * `count` approved awards of last year to announce: first those the writes
 * approved, then approved ones of the dataset (put back as they were at the
 * end of the run).
 */
async function awardsToAnnounce(ctx: BenchContext, count: number): Promise<string[]> {
  const taken = ctx.shared.approvedAwards.splice(0, count);
  if (taken.length < count) {
    const more = (
      await ctx.pg.query(
        `SELECT id FROM award WHERE status = 'APPROVED' AND conference_id IS NULL AND year = $2
          ORDER BY md5(id::text) LIMIT $1`,
        [count - taken.length, ctx.dataset.lastYear],
      )
    ).rows.map((r) => r.id as string);
    ctx.created.announcedFromDataset.push(...more);
    taken.push(...more);
  }
  return taken;
}

/** Forks the subscriber processes and has each open and subscribe its share of the sockets. */
function subscribe(
  ctx: BenchContext,
  targets: string[],
  subscribers: number,
  conferenceId: string,
  delivered: Map<string, number>,
): Child[] {
  const { options } = ctx;
  const processes = Math.max(targets.length, Math.ceil(subscribers / options.clientsPerProcess));
  const clients: Child[] = [];
  for (let i = 0; i < processes; i++) {
    const share = Math.floor(subscribers / processes) + (i < subscribers % processes ? 1 : 0);
    const child = ctx.fork(`subscribers-${i}`, 'load/ws-clients.js', {
      openFiles: share + 1024,
      execArgv: [
        '--max-old-space-size=4096',
        ...(options.cpuProf
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${options.cpuProf}`,
              `--cpu-prof-name=subscribers-${i}.cpuprofile`,
            ]
          : []),
      ],
    });
    clients.push(child);
    child.on('delivered', (m: { key: string }) =>
      delivered.set(m.key, (delivered.get(m.key) ?? 0) + 1),
    );
    const spec: WsClientsSpec = {
      wsUrl: targets[i % targets.length]!,
      token: ctx.tokens.viewer,
      count: share,
      query: Q.CONFERENCE_EVENTS,
      variables: { conferenceId },
      openConcurrency: 100,
      connectTimeoutMs: 30_000,
      client: options.wsClient,
    };
    child.send({ type: 'connect', spec });
  }
  return clients;
}

/**
 * Puts every thread of process `pid` on `cpus` (taskset, Linux); false when
 * it could not.
 */
function pin(pid: number | undefined, cpuList: string): boolean {
  if (!pid) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)]).status === 0;
}

/** Measures `subscribers` over `servers` (the API processes; one without a process of ours is BENCH_URL). */
export async function measureFanOut(
  ctx: BenchContext,
  label: string,
  subscribers: number,
  servers: Server[],
  /** With --cpu-prof: profile each server's deliveries alone (servers started without --cpu-prof). */
  profileDelivery = false,
): Promise<Row> {
  const { api, options, tokens } = ctx;
  // Servers whose process we can read CPU time and memory from.
  const local = servers.some((s) => s.child);
  const conference = (
    await data(api.url, tokens.secretary, Q.CREATE_CONFERENCE, {
      input: {
        title: `Benchmark conference: ${label}`,
        hostUnitId: ctx.rootUnitId,
        startsAt: new Date().toISOString(),
      },
    })
  ).createConference.id as string;
  ctx.created.conferences.push(conference);
  await data(api.url, tokens.secretary, Q.START_CONFERENCE, { id: conference });
  const awards = await awardsToAnnounce(ctx, options.announcements);

  const before = await Promise.all(servers.map(memoryOf));
  const delivered = new Map<string, number>();
  const targets = servers.map((s) => s.wsUrl);
  const clients = subscribe(ctx, targets, subscribers, conference, delivered);
  const connectStarted = Date.now();
  const connected = await Promise.all(
    clients.map((c) =>
      c.next<{ opened: number; failed: number; firstError?: string }>(
        'connected',
        60_000 + subscribers * 10,
      ),
    ),
  );
  const opened = connected.reduce((n, c) => n + c.opened, 0);
  const failedToOpen = connected.reduce((n, c) => n + c.failed, 0);
  const connectSeconds = (Date.now() - connectStarted) / 1000;
  ctx.log(
    `  ${opened} subscribers connected in ${connectSeconds.toFixed(1)} s (${failedToOpen} failed)`,
  );
  // Wait until every subscription is attached on its server (bounded).
  if (local) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const counts = await Promise.all(servers.map(memoryOf));
      const attached = counts.reduce((n, m) => n + (m?.subscriptions ?? m?.sockets ?? 0), 0);
      if (attached >= opened || Date.now() > deadline) break;
      await sleep(200);
    }
  } else {
    await sleep(2000);
  }
  const after = await Promise.all(servers.map(memoryOf));

  const sent: Record<string, number> = {};
  let undelivered = 0;
  const sum = (values: (number | null)[]) => values.reduce((s: number, ms) => s + (ms ?? 0), 0);
  const cpuTotals = async () => ({
    servers: sum(await Promise.all(servers.map((s) => cpuOf(s.child)))),
    clients: sum(await Promise.all(clients.map((c) => cpuOf(c)))),
  });
  // A profile of the deliveries alone, from servers not profiled whole (--cpu-prof).
  const profiled = profileDelivery && options.cpuProf ? servers.filter((s) => s.child) : [];
  await Promise.all(
    profiled.map((s) => {
      s.child!.send({ type: 'profile-start' });
      return s.child!.next('profile-started', 10_000);
    }),
  );
  // --pin: the API processes on CPU 0, the subscribers on CPU 1, for the announcements.
  const everyCpu = `0-${cpus().length - 1}`;
  const pinned =
    options.pin &&
    servers.every((s) => pin(s.child?.process.pid, '0')) &&
    clients.every((c) => pin(c.process.pid, '1'));
  if (options.pin && !pinned) ctx.log('  --pin: taskset failed; not pinned');
  const cpuBefore = await cpuTotals();
  try {
    for (const awardId of awards) {
      const result = await data(api.url, tokens.secretary, Q.ANNOUNCE, {
        conferenceId: conference,
        awardId,
      });
      sent[result.announceAward.award.id] = now();
      const deadline = Date.now() + 15_000;
      while ((delivered.get(awardId) ?? 0) < clients.length && Date.now() < deadline) {
        await sleep(2);
      }
      if ((delivered.get(awardId) ?? 0) < clients.length) undelivered++;
      await sleep(options.quick ? 10 : 50);
    }
  } finally {
    // Every process back on every CPU, also when pinning failed half-way or an announcement threw.
    if (options.pin) for (const s of servers) pin(s.child?.process.pid, everyCpu);
  }
  const cpuAfter = await cpuTotals();
  const profiles = await Promise.all(
    profiled.map(async (s) => {
      const file = path.join(options.cpuProf!, `${s.name}-${subscribers}-delivery.cpuprofile`);
      s.child!.send({ type: 'profile-stop', file });
      await s.child!.next('profile-stopped', 60_000);
      return file;
    }),
  );
  for (const file of profiles) ctx.log(`  delivery profile: ${file}`);
  const deliveries = Math.max(1, opened * awards.length);
  const perDelivery = (ms: number) => ((1000 * ms) / deliveries).toFixed(0);
  const cpuNote = `CPU per delivered event: ${local ? `server ${perDelivery(cpuAfter.servers - cpuBefore.servers)} µs, ` : ''}subscriber processes ${perDelivery(cpuAfter.clients - cpuBefore.clients)} µs`;
  const results = await Promise.all(
    clients.map((c) => {
      c.send({ type: 'collect', sent });
      return c.next<{ result: CollectedResult }>('collected', 60_000).then((m) => m.result);
    }),
  );
  await data(api.url, tokens.secretary, Q.END_CONFERENCE, { id: conference });
  await Promise.all(clients.map((c) => c.stop(10_000)));

  const stats = summarise(results.flatMap((r) => r.latencies));
  const eventsLost = results.reduce((n, r) => n + r.lost, 0) + failedToOpen * awards.length;
  const duplicates = results.reduce((n, r) => n + r.duplicates, 0);
  const outOfOrder = results.reduce((n, r) => n + r.outOfOrder, 0);
  const firstError =
    connected.find((c) => c.firstError)?.firstError ??
    results.find((r) => r.firstError)?.firstError;
  // Memory per subscriber of each server, from its share of the subscribers.
  const perServer = Math.max(1, opened / servers.length);
  const memory = servers.flatMap((s, i) => {
    const b = before[i];
    const a = after[i];
    if (!a || !b) return [];
    const rssKb = (a.rss - b.rss) / perServer / 1024;
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    const note = `${s.name}: RSS ${mb(b.rss)}→${mb(a.rss)} MB, heap ${mb(b.heapUsed)}→${mb(a.heapUsed)} MB = ${rssKb.toFixed(0)} KB RSS, ${((a.heapUsed - b.heapUsed) / perServer / 1024).toFixed(0)} KB heap per subscriber`;
    return [{ note, rssKb }];
  });
  return {
    name: pinned ? `${label}, pinned: API on CPU 0, subscribers on CPU 1` : label,
    load: `${subscribers} subs × ${awards.length} events, ${clients.length} client processes (${options.wsClient} client)`,
    p50: stats.p50,
    p95: stats.p95,
    p99: stats.p99,
    max: stats.max,
    errors: `${eventsLost} lost, ${duplicates} dup, ${outOfOrder} out of order${undelivered ? `, ${undelivered} events not everywhere in 15 s` : ''}${firstError ? ` (${firstError.slice(0, 120)})` : ''}`,
    notes: [`connect ${connectSeconds.toFixed(1)} s`, cpuNote, ...memory.map((m) => m.note)]
      .filter(Boolean)
      .join('; '),
    // Issue 9's target (it was 500 ms before).
    target: 'none lost, p99 < 300 ms, < 100 KB/subscriber',
    met:
      eventsLost === 0 && duplicates === 0 && stats.p99 < 300 && memory.every((m) => m.rssKb < 100),
    lost: eventsLost + duplicates,
  };
}
