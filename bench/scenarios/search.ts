/**
 * People search as typed into a search box, diacritic-free (whole names, the
 * last two words, a given name alone, family and middle names; see
 * Q.searchTerms), under the profile's load and then under a light one.
 */
import { keepRowsOnFailure, type Scenario } from '../context';
import { data } from '../graphql-client';
import * as Q from '../queries';
import { loadRow, noted, type Row } from '../report';

export const search: Scenario = async (ctx) => {
  const { api, tokens, options } = ctx;
  const terms = Q.searchTerms(ctx.people.map((p) => p.full_name));
  const bodies = terms.map((term) =>
    JSON.stringify({ query: Q.SEARCH, variables: { search: term } }),
  );
  const probe = await data(api.url, tokens.viewer, Q.SEARCH, { search: terms[0] });
  if (!probe.people.totalCount) throw new Error(`search for "${terms[0]}" found nobody`);
  const rows: Row[] = [];
  return keepRowsOnFailure(rows, async () => {
    for (const connections of [options.connections, 4]) {
      const result = await ctx.measure(ctx.http(bodies, tokens.viewer, connections), api);
      rows.push({
        ...noted(
          loadRow(`search (${ctx.dataset.counts.person} people)`, `${connections} conn`, result),
          'diacritic-free, as typed: whole names, last two words, given names, family + middle',
        ),
        target: 'p95 < 50 ms',
        met: result.p95 < 50 && result.errors === 0,
      });
    }
  });
};
