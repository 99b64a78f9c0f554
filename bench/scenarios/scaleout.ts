/**
 * The fan-out over two API processes sharing the subscribers (each process
 * reads every event once from the database and delivers it to its own
 * sockets). Needs the runner to start the servers (no BENCH_URL).
 */
import type { Scenario } from '../context';
import { measureFanOut } from '../fan-out';
import { supports } from '../graphql-client';
import { apiServer } from '../servers';

export const scaleout: Scenario = async (ctx) => {
  const { api, options } = ctx;
  if (!(await supports(api.url, ctx.tokens.viewer, `{ conferences(first: 1) { totalCount } }`))) {
    ctx.skip('scaleout: conferences not served yet');
    return [];
  }
  if (!api.child) {
    ctx.skip('scaleout: needs the runner to start the servers (no BENCH_URL)');
    return [];
  }
  const second = await ctx.launch(apiServer, 'api-2');
  try {
    const n = options.scaleOutSubscribers;
    return [
      await measureFanOut(ctx, `fan-out: ${n} subscribers over 2 API processes`, n, [api, second]),
    ];
  } finally {
    await second.stop();
  }
};
