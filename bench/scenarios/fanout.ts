/**
 * Conference announcements to 1,000, 5,000 and 10,000 graphql-ws subscribers
 * (200 with --quick) on one API process: delivery latency, events lost,
 * duplicated or out of order, memory per subscriber (bench/fan-out.ts).
 */
import { keepRowsOnFailure, type Scenario } from '../context';
import { measureFanOut } from '../fan-out';
import { supports } from '../graphql-client';
import type { Row } from '../report';

export const fanout: Scenario = async (ctx) => {
  if (
    !(await supports(ctx.api.url, ctx.tokens.viewer, `{ conferences(first: 1) { totalCount } }`))
  ) {
    ctx.skip('fanout: conferences not served yet');
    return [];
  }
  const rows: Row[] = [];
  return keepRowsOnFailure(rows, async () => {
    for (const n of ctx.options.subscribers) {
      rows.push(await measureFanOut(ctx, `fan-out: ${n} subscribers, 1 API process`, n, [ctx.api]));
    }
  });
};
