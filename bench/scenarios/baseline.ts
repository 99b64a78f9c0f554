/**
 * The same profile served by hand-written SQL (bench/baseline.ts: node:http
 * and pg, four statements in parallel, the same pool size), under the same
 * load. Completes the profile row measured before it: its share of this
 * throughput, and whether the profile met its target.
 */
import type { Scenario } from '../context';
import { loadRow, noted, type Row } from '../report';
import { baselineServer } from '../servers';

export const baseline: Scenario = async (ctx) => {
  const { options, tokens } = ctx;
  const server = await ctx.launch(baselineServer, 'baseline');
  const bodies = ctx.people.map((p) => JSON.stringify({ id: p.id }));
  const result = await ctx.measure(
    { ...ctx.http(bodies, tokens.viewer, options.connections), url: server.url },
    server,
  );
  await server.stop();
  const profile = ctx.shared.profile;
  if (profile?.full) compareProfile(profile.row, result.rps);
  return [
    noted(
      loadRow('baseline (hand-written SQL)', `${options.connections} conn`, result),
      'node:http + pg, 4 statements in parallel, same pool size',
    ),
  ];
};

/** Notes the profile's share of the baseline's throughput on its row, and judges its target. */
function compareProfile(row: Row, baselineRps: number): void {
  const share = row.rps! / baselineRps;
  Object.assign(row, noted(row, `${(share * 100).toFixed(0)}% of baseline throughput`));
  const cpu = /server ([\d.]+) ms/.exec(row.notes ?? '');
  row.met = share >= 0.7 && (row.p95 ?? Infinity) < 50 && (!cpu || Number(cpu[1]) <= 2.5);
}
