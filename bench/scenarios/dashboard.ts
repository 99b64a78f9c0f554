/**
 * Every field of the dashboard, over the whole province and over one
 * department's subtree; on a full run also over the small dataset (on a
 * second API server), to state the latency's growth with the data size as
 * an exponent.
 */
import { Client } from 'pg';
import { ensureBenchAccount, ensureDatabase, migrate, SCALES } from '../common';
import { keepRowsOnFailure, type BenchContext, type Scenario } from '../context';
import { generateDataset, readDataset } from '../data';
import { data, supports } from '../graphql-client';
import * as Q from '../queries';
import { loadRow, noted, type Row } from '../report';
import { apiServer, type Server } from '../servers';

async function measureDashboard(
  ctx: BenchContext,
  server: Server,
  label: string,
  filter: Record<string, unknown>,
) {
  const { tokens, options } = ctx;
  const body = JSON.stringify({ query: Q.DASHBOARD, variables: { filter } });
  await data(server.url, tokens.viewer, Q.DASHBOARD, { filter });
  const result = await ctx.measure(
    ctx.http([body], tokens.viewer, options.dashboardConnections, server.url),
    server,
  );
  return { row: loadRow(label, `${options.dashboardConnections} conn`, result), result };
}

export const dashboard: Scenario = async (ctx) => {
  const { api, dataset, options } = ctx;
  if (!(await supports(api.url, ctx.tokens.viewer, Q.DASHBOARD, { filter: {} }))) {
    ctx.skip('dashboard: not served yet');
    return [];
  }
  const rows: Row[] = [];
  return keepRowsOnFailure(rows, async () => {
    const awards = dataset.counts.award;
    const whole = await measureDashboard(ctx, api, `dashboard: province (${awards} awards)`, {});
    const department = await measureDashboard(ctx, api, `dashboard: one department's subtree`, {
      unitId: dataset.departmentId,
    });
    for (const r of [whole, department]) {
      r.row.target = 'p95 < 200 ms';
      r.row.met = r.result.p95 < 200 && r.result.errors === 0;
      rows.push(r.row);
    }
    // Growth from the small dataset: measured on a server over the small one.
    if (!options.compareSmall || options.scale.name === 'small' || !ctx.database.embedded) return;
    const smallUrl = await ensureDatabase(ctx.database.url, 'bench_small');
    await migrate(smallUrl);
    const small =
      (await readDataset(smallUrl)) ??
      (await generateDataset(smallUrl, SCALES.small, { log: ctx.log }));
    // The bench's tokens stand for an account, which the API checks exists in this database too.
    const pg = new Client({ connectionString: smallUrl });
    await pg.connect();
    try {
      await ensureBenchAccount(pg);
    } finally {
      await pg.end();
    }
    const smallServer = await ctx.launch(apiServer, 'api-small', { databaseUrl: smallUrl });
    try {
      const smallWhole = await measureDashboard(
        ctx,
        smallServer,
        `dashboard: province, small dataset (${small.counts.award} awards)`,
        {},
      );
      const growth = whole.result.p50 / smallWhole.result.p50;
      const dataGrowth = awards / small.counts.award;
      // Latency as a power of the data size: 1 is linear, 0 is flat.
      const exponent = Math.log(growth) / Math.log(dataGrowth);
      const pgGrowth =
        whole.result.postgresCpuMs && smallWhole.result.postgresCpuMs
          ? `, PostgreSQL CPU ×${(whole.result.postgresCpuMs / smallWhole.result.postgresCpuMs).toFixed(1)}`
          : '';
      rows.push({
        ...noted(
          smallWhole.row,
          `p50 ×${growth.toFixed(1)}${pgGrowth} for ×${dataGrowth.toFixed(0)} the awards: p50 ∝ N^${exponent.toFixed(2)}`,
        ),
        target: 'much less than linear: N^k, k < 0.6',
        met: exponent < 0.6,
      });
    } finally {
      await smallServer.stop();
    }
  });
};
