/**
 * Writes per second: GIAY_KHEN nominations citing unused verified
 * achievements of last year (each rule runs in the nomination's
 * transaction), sent once each by a unit manager; then the council approves
 * every one of them (quorum and vote checks). The approved awards are left
 * for the fan-out to announce; all are removed at the end of the run.
 */
import { keepRowsOnFailure, type BenchContext, type Scenario } from '../context';
import { supports } from '../graphql-client';
import type { HttpLoadSpec } from '../load/http';
import * as Q from '../queries';
import { loadRow, noted, type Row } from '../report';

/** Sends each body once to the API over the writes' connections, and measures it. */
function sendEachOnce(ctx: BenchContext, bodies: string[], token: string) {
  const spec: HttpLoadSpec = {
    url: ctx.api.url,
    headers: { authorization: `Bearer ${token}` },
    bodies,
    connections: ctx.options.writeConnections,
    mode: 'once',
  };
  return ctx.measure(spec, ctx.api);
}

export const writes: Scenario = async (ctx) => {
  const { api, options, tokens } = ctx;
  if (!(await supports(api.url, tokens.viewer, `{ awardTypes { code } }`))) {
    ctx.skip('writes: nominations not served yet');
    return [];
  }
  const year = ctx.dataset.lastYear;
  const pairs = (
    await ctx.pg.query(
      `SELECT a.id, a.person_id FROM achievement a
        WHERE a.status = 'VERIFIED' AND a.person_id IS NOT NULL
          AND extract(year FROM a.achieved_on) = $2
          AND NOT EXISTS (SELECT 1 FROM award_achievement l WHERE l.achievement_id = a.id AND l.active)
        ORDER BY md5(a.id::text) LIMIT $1`,
      [options.writes, year],
    )
  ).rows as { id: string; person_id: string }[];
  if (pairs.length < options.writes) {
    throw new Error(`only ${pairs.length} unused verified achievements of ${year} to nominate on`);
  }
  const rows: Row[] = [];
  return keepRowsOnFailure(rows, async () => {
    const nominations = pairs.map((pair, i) =>
      JSON.stringify({
        query: Q.NOMINATE,
        variables: {
          input: {
            typeCode: 'GIAY_KHEN',
            personId: pair.person_id,
            year,
            achievementIds: [pair.id],
            citation: `Benchmark nomination ${i + 1}`,
          },
        },
      }),
    );
    const nominated = await sendEachOnce(ctx, nominations, tokens.manager);
    const ids = (nominated.responses ?? [])
      .map((text) => {
        try {
          return JSON.parse(text).data?.nominateAward?.id as string | undefined;
        } catch {
          return undefined;
        }
      })
      .filter((id): id is string => Boolean(id));
    ctx.created.awards.push(...ids);
    rows.push(
      noted(
        loadRow(
          'writes: nominateAward',
          `${options.writeConnections} conn, ${nominations.length} ops`,
          nominated,
        ),
        'GIAY_KHEN citing a verified achievement; rules run in the transaction',
      ),
    );
    const decisions = ids.map((id, i) =>
      JSON.stringify({
        query: Q.DECIDE,
        variables: {
          id,
          input: {
            approve: true,
            decisionNumber: `${i + 1}/QĐ-BENCH`,
            decidedOn: new Date().toISOString().slice(0, 10),
            membersTotal: 11,
            membersPresent: 10,
            votesFor: 9,
            votesAgainst: 1,
            votesAbstain: 0,
          },
        },
      }),
    );
    const decided = await sendEachOnce(ctx, decisions, tokens.council);
    rows.push(
      noted(
        loadRow(
          'writes: decideAward',
          `${options.writeConnections} conn, ${decisions.length} ops`,
          decided,
        ),
        'approval with quorum and vote checks',
      ),
    );
    for (const [i, text] of (decided.responses ?? []).entries()) {
      if (text.includes('"APPROVED"')) ctx.shared.approvedAwards.push(ids[i]!);
    }
  });
};
