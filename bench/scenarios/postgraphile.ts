/**
 * PostGraphile 5 as a peer: the same profile shape (PROFILE_PEER_SHAPE here,
 * PROFILE_POSTGRAPHILE there) over the same database, measured in
 * interleaved rounds (this API, PostGraphile, PostGraphile, this API, …) so
 * that both see the same background load; the row of this API states its
 * throughput as a multiple of PostGraphile's. PostGraphile and its Node 22
 * runtime are installed on demand (bench/peers/postgraphile.ts); quick runs
 * skip the row.
 */
import type { BenchContext, Scenario } from '../context';
import { data } from '../graphql-client';
import type { HttpLoadResult } from '../load/http';
import {
  installPostGraphile,
  peerInstalled,
  peerUnsupported,
  postgraphileServer,
} from '../peers/postgraphile';
import * as Q from '../queries';
import { loadRow, noted } from '../report';
import type { Server } from '../servers';

export const postgraphile: Scenario = async (ctx) => {
  const unsupported = peerUnsupported();
  if (unsupported) {
    ctx.skip(`postgraphile: ${unsupported}`);
    return [];
  }
  if (ctx.options.quick) {
    // Node 22 and PostGraphile's schema build take longer than a quick run has.
    ctx.skip(
      `postgraphile: not in quick runs${peerInstalled() ? '' : ' (a full run installs it)'}`,
    );
    return [];
  }
  const peer = await installPostGraphile(ctx.log);
  const server = await ctx.launch(postgraphileServer(peer), 'postgraphile', { cpuProfile: true });
  try {
    await checkSameProfile(ctx, server);
    const ours = ctx.people.map((p) =>
      JSON.stringify({ query: Q.PROFILE_PEER_SHAPE, variables: { id: p.id } }),
    );
    const theirs = ctx.people.map((p) =>
      JSON.stringify({ query: Q.PROFILE_POSTGRAPHILE, variables: { id: p.id } }),
    );
    const [api, peerResult] = await interleaved(ctx, [
      { server: ctx.api, bodies: ours },
      { server, bodies: theirs },
    ]);
    const ratio = api!.rps / peerResult!.rps;
    const connections = `${ctx.options.connections} conn`;
    return [
      {
        ...noted(
          loadRow("profile, PostGraphile's shape (this API)", connections, api!),
          `${ratio.toFixed(2)}× PostGraphile 5's throughput; the profile without titleHistory (PostGraphile has no such field)`,
        ),
        target: '≥ 1.0× PostGraphile 5',
        met: ratio >= 1 && api!.errors === 0,
      },
      noted(
        loadRow('PostGraphile 5 (same shape)', connections, peerResult!),
        `postgraphile@5 amber preset, PgIndexBehaviorsPlugin off, Node 22; ancestors as a parent chain; ${rounds(ctx)} interleaved rounds`,
      ),
    ];
  } finally {
    await server.stop();
  }
};

function rounds(ctx: BenchContext): number {
  return ctx.options.quick ? 1 : 3;
}

/**
 * Measures each variant in turn, round after round (the order reversed every
 * other round), after one warm-up each; returns each variant's rounds merged:
 * throughput over all its requests, the median of the rounds' percentiles,
 * CPU per request weighted by requests.
 */
async function interleaved(
  ctx: BenchContext,
  variants: { server: Server; bodies: string[] }[],
): Promise<HttpLoadResult[]> {
  const count = rounds(ctx);
  const seconds = Math.max(1, ctx.options.seconds / count);
  const spec = (v: (typeof variants)[number]) => ({
    ...ctx.http(v.bodies, ctx.tokens.viewer, ctx.options.connections, v.server.url),
    seconds,
    warmupSeconds: 0,
  });
  for (const variant of variants) {
    await ctx.measure({ ...spec(variant), seconds: ctx.options.warmupSeconds }, null);
  }
  const results: HttpLoadResult[][] = variants.map(() => []);
  for (let round = 0; round < count; round++) {
    const order = variants.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order)
      results[i]!.push(await ctx.measure(spec(variants[i]!), variants[i]!.server));
  }
  return results.map(merge);
}

function merge(results: HttpLoadResult[]): HttpLoadResult {
  const median = (pick: (r: HttpLoadResult) => number) => {
    const sorted = results.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const requests = results.reduce((n, r) => n + r.requests, 0);
  const weighted = (pick: (r: HttpLoadResult) => number | undefined) =>
    results.every((r) => pick(r) !== undefined)
      ? results.reduce((sum, r) => sum + pick(r)! * r.requests, 0) / requests
      : undefined;
  return {
    requests,
    seconds: results.reduce((n, r) => n + r.seconds, 0),
    rps: requests / results.reduce((n, r) => n + r.seconds, 0),
    p50: median((r) => r.p50),
    p95: median((r) => r.p95),
    p99: median((r) => r.p99),
    max: Math.max(...results.map((r) => r.max)),
    errors: results.reduce((n, r) => n + r.errors, 0),
    firstError: results.find((r) => r.firstError)?.firstError,
    serverCpuMs: weighted((r) => r.serverCpuMs),
    postgresCpuMs: weighted((r) => r.postgresCpuMs),
  };
}

/**
 * Both servers must answer the same profile with the same data (same page of
 * awards and achievements in the same order, the same totals and ancestors),
 * else the comparison would not be of like with like.
 */
async function checkSameProfile(ctx: BenchContext, server: Server): Promise<void> {
  for (const { id } of ctx.people.slice(0, 5)) {
    const ours = (await data(ctx.api.url, ctx.tokens.viewer, Q.PROFILE_PEER_SHAPE, { id })).person;
    const theirs = (await data(server.url, ctx.tokens.viewer, Q.PROFILE_POSTGRAPHILE, { id }))
      .person;
    const ancestors: string[] = [];
    for (let unit = theirs.unit.parent; unit; unit = unit.parent) ancestors.unshift(unit.code);
    const summary = (person: any, chain: string[]) => ({
      id: person.id,
      unit: person.unit.code,
      ancestors: chain,
      awards: [person.awards.totalCount, ...person.awards.edges.map((e: any) => e.node.id)],
      types: person.awards.edges.map((e: any) => e.node.type.code),
      achievements: [
        person.achievements.totalCount,
        ...person.achievements.edges.map((e: any) => e.node.id),
      ],
    });
    const a = JSON.stringify(
      summary(
        ours,
        ours.unit.ancestors.map((u: any) => u.code),
      ),
    );
    const b = JSON.stringify(summary(theirs, ancestors));
    if (a !== b) throw new Error(`PostGraphile answers person ${id} differently:\n${a}\n${b}`);
  }
}
