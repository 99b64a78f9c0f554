import { Role } from '../../src/modules/accounts/account.entity';
import type { AwardType } from '../../src/modules/awards/award-type.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import { CampaignStatus } from '../../src/modules/campaigns/campaign.entity';
import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAward,
  buildAwardType,
  buildCampaign,
  buildConference,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';
import { recordStatements } from '../helpers/statements';

let app: TestApp;
let secretary: ReturnType<typeof clientFor>;
let viewer: ReturnType<typeof clientFor>;
let host: Unit;
let people: Person[];
let type: AwardType;

const START = `mutation($id: ID!) { startConference(id: $id) { id status startedAt } }`;
const END = `mutation($id: ID!) { endConference(id: $id) { id status endedAt } }`;
const ANNOUNCE = `mutation($c: ID!, $a: ID!) {
  announceAward(conferenceId: $c, awardId: $a) { cursor occurredAt award { id status announcedAt conference { id } } conference { id } }
}`;
const CREATE_DELEGATION = `mutation($input: CreateDelegationInput!) {
  createDelegation(input: $input) { id congress status approvedAt conference { id } members { id fullName } }
}`;
const APPROVE = `mutation($id: ID!) { approveDelegation(id: $id) { id status approvedAt } }`;
const LAUNCH = `mutation($id: ID!, $c: ID!) { launchCampaign(id: $id, conferenceId: $c) { id } }`;

beforeAll(async () => {
  app = await startTestApp();
  secretary = clientFor(app.url, app.tokenFor({ role: Role.SECRETARY }));
  viewer = clientFor(app.url, app.tokenFor({ role: Role.VIEWER }));
  host = await buildUnit(app.dataSource, { name: 'Ban Tuyên giáo và Dân vận' });
  people = [];
  for (let i = 0; i < 4; i++) people.push(await buildPerson(app.dataSource, { unit: host }));
  type = await buildAwardType(app.dataSource);
});

afterAll(async () => {
  await app?.stop();
});

async function eventCount(conferenceId: string): Promise<number> {
  const [{ n }] = await app.dataSource.query(
    `SELECT count(*)::int AS n FROM conference_event WHERE conference_id = $1`,
    [conferenceId],
  );
  return n;
}

describe('conference lifecycle', () => {
  it('is scheduled by a secretary, then goes SCHEDULED -> LIVE -> ENDED, logging each step', async () => {
    const { createConference } = await secretary.data(
      `mutation($input: CreateConferenceInput!) {
        createConference(input: $input) { id title venue startsAt status startedAt endedAt hostUnit { id name } }
      }`,
      {
        input: {
          title: '  Hội nghị biểu dương điển hình tiên tiến  ',
          hostUnitId: host.id,
          venue: 'Hội trường Tỉnh ủy',
          startsAt: '2025-08-27T02:00:00.000Z',
        },
      },
    );
    expect(createConference).toMatchObject({
      title: 'Hội nghị biểu dương điển hình tiên tiến',
      venue: 'Hội trường Tỉnh ủy',
      startsAt: '2025-08-27T02:00:00.000Z',
      status: 'SCHEDULED',
      startedAt: null,
      endedAt: null,
      hostUnit: { id: host.id, name: host.name },
    });
    const id = createConference.id;
    const started = (await secretary.data(START, { id })).startConference;
    expect(started.status).toBe('LIVE');
    expect(started.startedAt).not.toBeNull();
    const again = await secretary.request(START, { id });
    expect(errorCode(again)).toBe('RULE_VIOLATION');
    expect(again.errors![0]!.message).toContain('LIVE');
    const ended = (await secretary.data(END, { id })).endConference;
    expect(ended.status).toBe('ENDED');
    expect(errorCode(await secretary.request(END, { id }))).toBe('RULE_VIOLATION');
    expect(errorCode(await secretary.request(START, { id }))).toBe('RULE_VIOLATION');
    const { conference } = await viewer.data(
      `query($id: ID!) { conference(id: $id) { status events { __typename cursor occurredAt conference { id } } } }`,
      { id },
    );
    expect(conference.status).toBe('ENDED');
    expect(conference.events.map((e: any) => e.__typename)).toEqual([
      'ConferenceStarted',
      'ConferenceEnded',
    ]);
    expect(conference.events[0].occurredAt).toBe(started.startedAt);
  });

  it('refuses to end a conference that never started', async () => {
    const conference = await buildConference(app.dataSource, { host });
    const response = await secretary.request(END, { id: conference.id });
    expect(errorCode(response)).toBe('RULE_VIOLATION');
    expect(response.errors![0]!.message).toContain('SCHEDULED');
  });

  it('checks its input', async () => {
    const create = `mutation($input: CreateConferenceInput!) { createConference(input: $input) { id } }`;
    const base = { title: 'T', hostUnitId: host.id, startsAt: '2025-08-27T02:00:00Z' };
    expect(errorCode(await secretary.request(create, { input: { ...base, title: '  ' } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await secretary.request(create, {
          input: { ...base, hostUnitId: '00000000-0000-4000-8000-000000000009' },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await secretary.request(create, { input: { ...base, hostUnitId: 'x' } })),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await secretary.request(START, { id: '00000000-0000-4000-8000-000000000009' })),
    ).toBe('NOT_FOUND');
  });

  it('lets only SECRETARY and ADMIN run conferences', async () => {
    const conference = await buildConference(app.dataSource, { host });
    for (const role of [Role.VIEWER, Role.MEMBER, Role.COUNCIL, Role.UNIT_MANAGER]) {
      const client = clientFor(app.url, app.tokenFor({ role, unitId: host.id }));
      expect(errorCode(await client.request(START, { id: conference.id }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await clientFor(app.url).request(START, { id: conference.id }))).toBe(
      'UNAUTHENTICATED',
    );
    const admin = clientFor(app.url, app.tokenFor({ role: Role.ADMIN }));
    expect((await admin.data(START, { id: conference.id })).startConference.status).toBe('LIVE');
  });

  it('lists conferences newest first, filtered by status', async () => {
    const other = await buildUnit(app.dataSource);
    const older = await buildConference(app.dataSource, {
      host: other,
      startsAt: new Date('2020-01-01T00:00:00Z'),
      status: ConferenceStatus.ENDED,
    });
    const newer = await buildConference(app.dataSource, {
      host: other,
      startsAt: new Date('2030-01-01T00:00:00Z'),
    });
    const { conferences } = await viewer.data(
      `{ conferences(first: 100) { totalCount edges { cursor node { id startsAt } } pageInfo { hasNextPage endCursor } } }`,
    );
    const ids = conferences.edges.map((e: any) => e.node.id);
    expect(ids[0]).toBe(newer.id);
    expect(ids.at(-1)).toBe(older.id);
    const ended = await viewer.data(
      `{ conferences(status: ENDED) { edges { node { id status } } } }`,
    );
    expect(ended.conferences.edges.every((e: any) => e.node.status === 'ENDED')).toBe(true);
    const page = await viewer.data(
      `query($after: String) { conferences(first: 1, after: $after) { edges { node { id } } } }`,
      { after: conferences.edges[0].cursor },
    );
    expect(page.conferences.edges[0].node.id).toBe(ids[1]);
  });
});

describe('announceAward', () => {
  it('announces an APPROVED award at a LIVE conference, once', async () => {
    const conference = await buildConference(app.dataSource, {
      host,
      status: ConferenceStatus.LIVE,
    });
    const award = await buildAward(app.dataSource, { type, person: people[0]! });
    const first = (await secretary.data(ANNOUNCE, { c: conference.id, a: award.id })).announceAward;
    expect(first.award).toMatchObject({ id: award.id, status: 'ANNOUNCED' });
    expect(first.award.conference.id).toBe(conference.id);
    expect(first.award.announcedAt).toBe(first.occurredAt);
    expect(first.conference.id).toBe(conference.id);
    const second = (await secretary.data(ANNOUNCE, { c: conference.id, a: award.id }))
      .announceAward;
    expect(second.cursor).toBe(first.cursor);
    expect(second.occurredAt).toBe(first.occurredAt);
    expect(await eventCount(conference.id)).toBe(1);
  });

  it('yields one event when the same award is announced concurrently', async () => {
    const conference = await buildConference(app.dataSource, {
      host,
      status: ConferenceStatus.LIVE,
    });
    const award = await buildAward(app.dataSource, { type, person: people[1]! });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => secretary.data(ANNOUNCE, { c: conference.id, a: award.id })),
    );
    const cursors = new Set(responses.map((r) => r.announceAward.cursor));
    expect(cursors.size).toBe(1);
    expect(await eventCount(conference.id)).toBe(1);
  });

  it('refuses an award already announced at another conference', async () => {
    const a = await buildConference(app.dataSource, { host, status: ConferenceStatus.LIVE });
    const b = await buildConference(app.dataSource, { host, status: ConferenceStatus.LIVE });
    const award = await buildAward(app.dataSource, { type, person: people[2]! });
    await secretary.data(ANNOUNCE, { c: a.id, a: award.id });
    const response = await secretary.request(ANNOUNCE, { c: b.id, a: award.id });
    expect(errorCode(response)).toBe('RULE_VIOLATION');
    expect(response.errors![0]!.message).toContain(a.title);
    // Concurrently at two conferences: one wins, the other is refused.
    const contested = await buildAward(app.dataSource, { type, person: people[3]! });
    const results = await Promise.all([
      secretary.request(ANNOUNCE, { c: a.id, a: contested.id }),
      secretary.request(ANNOUNCE, { c: b.id, a: contested.id }),
    ]);
    expect(results.map(errorCode).sort()).toEqual(['RULE_VIOLATION', undefined].sort());
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM conference_event WHERE award_id = $1`,
      [contested.id],
    );
    expect(n).toBe(1);
  });

  it('refuses awards that are not APPROVED and conferences that are not LIVE', async () => {
    const live = await buildConference(app.dataSource, { host, status: ConferenceStatus.LIVE });
    for (const status of [AwardStatus.NOMINATED, AwardStatus.REJECTED, AwardStatus.REVOKED]) {
      const award = await buildAward(app.dataSource, { type, person: people[0]!, status });
      const response = await secretary.request(ANNOUNCE, { c: live.id, a: award.id });
      expect(errorCode(response)).toBe('RULE_VIOLATION');
      expect(response.errors![0]!.message).toContain(status);
    }
    const award = await buildAward(app.dataSource, { type, person: people[0]! });
    for (const status of [ConferenceStatus.SCHEDULED, ConferenceStatus.ENDED]) {
      const conference = await buildConference(app.dataSource, { host, status });
      const response = await secretary.request(ANNOUNCE, { c: conference.id, a: award.id });
      expect(errorCode(response)).toBe('RULE_VIOLATION');
      expect(response.errors![0]!.message).toContain(status);
    }
    const unknown = '00000000-0000-4000-8000-000000000009';
    expect(errorCode(await secretary.request(ANNOUNCE, { c: live.id, a: unknown }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await secretary.request(ANNOUNCE, { c: unknown, a: award.id }))).toBe(
      'NOT_FOUND',
    );
  });

  it('still returns the first event once the conference has ended', async () => {
    const conference = await buildConference(app.dataSource, {
      host,
      status: ConferenceStatus.LIVE,
    });
    const award = await buildAward(app.dataSource, { type, person: people[0]! });
    const first = (await secretary.data(ANNOUNCE, { c: conference.id, a: award.id })).announceAward;
    await secretary.data(END, { id: conference.id });
    const again = (await secretary.data(ANNOUNCE, { c: conference.id, a: award.id })).announceAward;
    expect(again.cursor).toBe(first.cursor);
  });
});

describe('delegations', () => {
  it('are created with members in order, and approved at a LIVE conference with an event', async () => {
    const conference = await buildConference(app.dataSource, { host });
    const { createDelegation } = await secretary.data(CREATE_DELEGATION, {
      input: {
        conferenceId: conference.id,
        congress: 'Đại hội Thi đua yêu nước tỉnh lần thứ VI',
        memberIds: [people[2]!.id, people[0]!.id, people[1]!.id],
      },
    });
    expect(createDelegation).toMatchObject({
      congress: 'Đại hội Thi đua yêu nước tỉnh lần thứ VI',
      status: 'DRAFT',
      approvedAt: null,
      conference: { id: conference.id },
      members: [{ id: people[2]!.id }, { id: people[0]!.id }, { id: people[1]!.id }],
    });
    await secretary.data(START, { id: conference.id });
    const approved = (await secretary.data(APPROVE, { id: createDelegation.id })).approveDelegation;
    expect(approved.status).toBe('APPROVED');
    expect(errorCode(await secretary.request(APPROVE, { id: createDelegation.id }))).toBe(
      'RULE_VIOLATION',
    );
    const { conference: read } = await viewer.data(
      `query($id: ID!) { conference(id: $id) {
        delegations { id status members { id } }
        events { __typename ... on DelegationApproved { occurredAt delegation { id approvedAt } } }
      } }`,
      { id: conference.id },
    );
    expect(read.delegations).toEqual([
      {
        id: createDelegation.id,
        status: 'APPROVED',
        members: [{ id: people[2]!.id }, { id: people[0]!.id }, { id: people[1]!.id }],
      },
    ]);
    expect(read.events.map((e: any) => e.__typename)).toEqual([
      'ConferenceStarted',
      'DelegationApproved',
    ]);
    expect(read.events[1].delegation).toEqual({
      id: createDelegation.id,
      approvedAt: read.events[1].occurredAt,
    });
  });

  it('are approved before the conference without an event, and not after it ended', async () => {
    const conference = await buildConference(app.dataSource, { host });
    const input = { conferenceId: conference.id, congress: 'Đại hội', memberIds: [people[0]!.id] };
    const early = (await secretary.data(CREATE_DELEGATION, { input })).createDelegation;
    expect((await secretary.data(APPROVE, { id: early.id })).approveDelegation.status).toBe(
      'APPROVED',
    );
    expect(await eventCount(conference.id)).toBe(0);
    const late = (await secretary.data(CREATE_DELEGATION, { input })).createDelegation;
    await secretary.data(START, { id: conference.id });
    await secretary.data(END, { id: conference.id });
    const response = await secretary.request(APPROVE, { id: late.id });
    expect(errorCode(response)).toBe('RULE_VIOLATION');
    expect(response.errors![0]!.message).toContain('ENDED');
    expect(errorCode(await secretary.request(CREATE_DELEGATION, { input }))).toBe('RULE_VIOLATION');
  });

  it('checks the members', async () => {
    const conference = await buildConference(app.dataSource, { host });
    const input = { conferenceId: conference.id, congress: 'Đại hội' };
    const twice = await secretary.request(CREATE_DELEGATION, {
      input: { ...input, memberIds: [people[0]!.id, people[1]!.id, people[0]!.id] },
    });
    expect(errorCode(twice)).toBe('BAD_USER_INPUT');
    const unknown = await secretary.request(CREATE_DELEGATION, {
      input: { ...input, memberIds: [people[0]!.id, '00000000-0000-4000-8000-000000000009'] },
    });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(
      errorCode(await secretary.request(CREATE_DELEGATION, { input: { ...input, memberIds: [] } })),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await secretary.request(CREATE_DELEGATION, {
          input: { ...input, congress: ' ', memberIds: [people[0]!.id] },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await viewer.request(CREATE_DELEGATION, {
          input: { ...input, memberIds: [people[0]!.id] },
        }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('reading a conference', () => {
  it('shows its awards in announcement order, its campaigns, and pages its events by cursor', async () => {
    const conference = await buildConference(app.dataSource, {
      host,
      status: ConferenceStatus.LIVE,
    });
    const awards = [];
    for (const person of [people[3]!, people[1]!, people[2]!]) {
      awards.push(await buildAward(app.dataSource, { type, person }));
    }
    for (const award of [awards[2]!, awards[0]!, awards[1]!]) {
      await secretary.data(ANNOUNCE, { c: conference.id, a: award.id });
    }
    const campaign = await buildCampaign(app.dataSource, {
      organizer: host,
      status: CampaignStatus.DRAFT,
    });
    await secretary.data(LAUNCH, { id: campaign.id, c: conference.id });
    const { conference: read } = await viewer.data(
      `query($id: ID!) { conference(id: $id) {
        announcedAwards { id }
        launchedCampaigns { id launchedAtConference { id } }
        first: events(first: 2) { cursor }
      } }`,
      { id: conference.id },
    );
    expect(read.announcedAwards.map((a: any) => a.id)).toEqual([
      awards[2]!.id,
      awards[0]!.id,
      awards[1]!.id,
    ]);
    expect(read.launchedCampaigns).toEqual([
      { id: campaign.id, launchedAtConference: { id: conference.id } },
    ]);
    const { conference: rest } = await viewer.data(
      `query($id: ID!, $after: String) { conference(id: $id) {
        events(after: $after) { __typename ... on CampaignLaunched { campaign { id } } }
      } }`,
      { id: conference.id, after: read.first[1].cursor },
    );
    expect(rest.events).toEqual([
      { __typename: 'AwardAnnounced' },
      { __typename: 'CampaignLaunched', campaign: { id: campaign.id } },
    ]);
    const bad = await viewer.request(
      `query($id: ID!) { conference(id: $id) { events(after: "nope") { cursor } } }`,
      { id: conference.id },
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const tooMany = await viewer.request(
      `query($id: ID!) { conference(id: $id) { events(first: 101) { cursor } } }`,
      { id: conference.id },
    );
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('resolves the event log of many conferences in a constant number of statements', async () => {
    for (let i = 0; i < 5; i++) {
      const conference = await buildConference(app.dataSource, {
        host,
        status: ConferenceStatus.LIVE,
      });
      const award = await buildAward(app.dataSource, { type, person: people[i % 4]! });
      await secretary.data(ANNOUNCE, { c: conference.id, a: award.id });
    }
    const query = `{ conferences(status: LIVE, first: 10) { edges { node {
      hostUnit { id } announcedAwards { id conference { id } } delegations { members { id } }
      events(first: 20) { cursor conference { id } ... on AwardAnnounced { award { id } } }
    } } } }`;
    const log = recordStatements(app.dataSource);
    const statements = log.statements;
    let conferences: any;
    try {
      ({ conferences } = await viewer.data(query));
    } finally {
      log.stop();
    }
    expect(conferences.edges.length).toBeGreaterThanOrEqual(5);
    for (const { node } of conferences.edges) {
      for (const event of node.events) {
        if (event.award)
          expect(node.announcedAwards.map((a: any) => a.id)).toContain(event.award.id);
      }
    }
    // count + page, host units, announced awards (2), their conferences,
    // delegations, members, events, event conferences, event awards.
    expect(statements.length).toBeLessThanOrEqual(12);
  });
});
