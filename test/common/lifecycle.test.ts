import { GraphQLError } from 'graphql';
import { defineLifecycle, type Lifecycle } from '../../src/common/lifecycle';
import { ACHIEVEMENT_LIFECYCLE } from '../../src/modules/achievements/achievement.service';
import { AWARD_LIFECYCLE } from '../../src/modules/awards/award.service';
import { CampaignStatus } from '../../src/modules/campaigns/campaign.entity';
import { CAMPAIGN_LIFECYCLE } from '../../src/modules/campaigns/campaign.service';
import {
  CONFERENCE_LIFECYCLE,
  DELEGATION_LIFECYCLE,
} from '../../src/modules/conferences/conference.rules';

/**
 * The lifecycles of DESIGN.md, written out as every move they allow. Every
 * other pair of states, a state to itself included, must be refused.
 */
const ALLOWED: [Lifecycle<string>, string[], string[]][] = [
  [
    AWARD_LIFECYCLE,
    ['NOMINATED', 'APPROVED', 'REJECTED', 'ANNOUNCED', 'REVOKED'],
    [
      'NOMINATED→APPROVED',
      'NOMINATED→REJECTED',
      'APPROVED→ANNOUNCED',
      'APPROVED→REVOKED',
      'ANNOUNCED→REVOKED',
    ],
  ],
  [CAMPAIGN_LIFECYCLE, ['DRAFT', 'LAUNCHED', 'CLOSED'], ['DRAFT→LAUNCHED', 'LAUNCHED→CLOSED']],
  [
    ACHIEVEMENT_LIFECYCLE,
    ['PROPOSED', 'VERIFIED', 'REJECTED'],
    ['PROPOSED→VERIFIED', 'PROPOSED→REJECTED'],
  ],
  [CONFERENCE_LIFECYCLE, ['SCHEDULED', 'LIVE', 'ENDED'], ['SCHEDULED→LIVE', 'LIVE→ENDED']],
  [DELEGATION_LIFECYCLE, ['DRAFT', 'APPROVED'], ['DRAFT→APPROVED']],
];

const table = ALLOWED.flatMap(([lifecycle, states, allowed]) =>
  states.flatMap((from) =>
    states.map((to) => ({
      lifecycle,
      name: lifecycle.name,
      from,
      to,
      allowed: allowed.includes(`${from}→${to}`),
    })),
  ),
);

describe('lifecycles', () => {
  it.each(ALLOWED.map(([lifecycle, states]) => [lifecycle.name, lifecycle, states] as const))(
    '%s lists exactly the states of its enum',
    (_name, lifecycle, states) => {
      expect([...lifecycle.states].sort()).toEqual([...states].sort());
    },
  );

  it.each(table)('$name $from → $to: allowed $allowed', ({ lifecycle, from, to, allowed }) => {
    expect(lifecycle.allows(from, to)).toBe(allowed);
    expect(lifecycle.next(from).includes(to)).toBe(allowed);
    if (allowed) {
      expect(() => lifecycle.assertTransition(from, to)).not.toThrow();
      return;
    }
    let error: unknown;
    try {
      lifecycle.assertTransition(from, to);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe(
      `${lifecycle.name} cannot go from ${from} to ${to}`,
    );
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'RULE_VIOLATION', from, to });
  });

  it('names the code it is given in its message', () => {
    expect(() =>
      CAMPAIGN_LIFECYCLE.assertTransition(CampaignStatus.CLOSED, CampaignStatus.LAUNCHED, 'PT-1'),
    ).toThrow('Campaign PT-1 cannot go from CLOSED to LAUNCHED');
  });

  it('is built from a table that must name every state', () => {
    type Light = 'RED' | 'GREEN' | 'AMBER';
    const light = defineLifecycle<Light>('Light', {
      RED: ['GREEN'],
      GREEN: ['AMBER'],
      AMBER: ['RED'],
    });
    expect(light.next('AMBER')).toEqual(['RED']);
    // @ts-expect-error AMBER is missing: a lifecycle must say where every state may go.
    defineLifecycle<Light>('Light', { RED: ['GREEN'], GREEN: ['AMBER'] });
  });
});
