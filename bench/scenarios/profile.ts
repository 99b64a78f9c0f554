/**
 * A mobile profile over GraphQL (unit and ancestors, 20 awards with their
 * type, title history, 20 achievements), cycling over the sampled people.
 * The baseline scenario completes the row: its share of the hand-written
 * endpoint's throughput is part of the target.
 */
import type { Scenario } from '../context';
import { data, supports } from '../graphql-client';
import * as Q from '../queries';
import { loadRow } from '../report';

export const profile: Scenario = async (ctx) => {
  const { api, people, tokens, options } = ctx;
  const full = await supports(api.url, tokens.viewer, Q.PROFILE, { id: people[0]!.id });
  const query = full ? Q.PROFILE : Q.PROFILE_BASIC;
  if (!full) ctx.skip('profile: awards/achievements not served yet; basic profile only');
  const bodies = people.map((p) => JSON.stringify({ query, variables: { id: p.id } }));
  await data(api.url, tokens.viewer, query, { id: people[0]!.id });
  const result = await ctx.measure(ctx.http(bodies, tokens.viewer, options.connections), api);
  const row = {
    ...loadRow(
      full ? 'profile (GraphQL)' : 'profile (GraphQL, basic)',
      `${options.connections} conn`,
      result,
    ),
    target: 'p95 < 50 ms; ≥ 70% of baseline; server CPU ≤ 2.5 ms',
  };
  ctx.shared.profile = { row, full };
  return [row];
};
