/**
 * Conference announcements to 1,000, 5,000 and 10,000 graphql-ws subscribers
 * (200 with --quick) on one API process: delivery latency, events lost,
 * duplicated or out of order, memory per subscriber (bench/fan-out.ts).
 *
 * With `--fanout-builds a,b` it compares builds side by side instead: one API
 * process of each build (the runner's API still takes the announcements),
 * measured in turn at each subscriber count, the order alternating from one
 * count to the next, so that both see the same background load. With
 * --cpu-prof, each of them writes a CPU profile of its deliveries alone.
 */
import path from 'node:path';
import { keepRowsOnFailure, type Scenario } from '../context';
import { measureFanOut } from '../fan-out';
import { supports } from '../graphql-client';
import type { Row } from '../report';
import { apiServerOf, type Server } from '../servers';

export const fanout: Scenario = async (ctx) => {
  if (
    !(await supports(ctx.api.url, ctx.tokens.viewer, `{ conferences(first: 1) { totalCount } }`))
  ) {
    ctx.skip('fanout: conferences not served yet');
    return [];
  }
  const rows: Row[] = [];
  const builds = ctx.options.fanoutBuilds;
  if (!builds) {
    return keepRowsOnFailure(rows, async () => {
      for (const n of ctx.options.subscribers) {
        rows.push(
          await measureFanOut(ctx, `fan-out: ${n} subscribers, 1 API process`, n, [ctx.api]),
        );
      }
    });
  }
  const servers: { build: string; server: Server }[] = [];
  try {
    for (const [i, build] of builds.entries()) {
      const name = `fanout-${i + 1}`;
      const server = await ctx.launch(apiServerOf(build), name);
      ctx.log(`  ${name}: ${build}`);
      servers.push({ build: path.basename(path.dirname(build)) || build, server });
    }
    return await keepRowsOnFailure(rows, async () => {
      for (const [round, n] of ctx.options.subscribers.entries()) {
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const { build, server } of order) {
          rows.push(
            await measureFanOut(
              ctx,
              `fan-out: ${n} subscribers, 1 API process (${build})`,
              n,
              [server],
              true,
            ),
          );
        }
      }
    });
  } finally {
    await Promise.all(servers.map(({ server }) => server.stop()));
  }
};
