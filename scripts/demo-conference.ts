/**
 * `npm run demo:conference [-- <conferenceId>]`: plays the seeded conference
 * against a running server (GRAPHQL_URL, default http://localhost:4000/graphql)
 * as its secretary would: start it, announce the approved awards of 2025 one by one,
 * launch the 2025-2030 movement there, let the department's divisions pledge
 * (as the unit manager), approve the delegation to the 6th Provincial
 * Patriotic Emulation Congress, and end it. Watch it with
 * `npm run watch:conference` in another terminal.
 *
 * Picks up where it stopped if interrupted; DEMO_PAUSE_MS (default 1500) is
 * the pause between steps.
 */
import { clock, GraphQLRequestError, login, request, run, type Edges } from './conference-client';

const TITLE = 'Hội nghị biểu dương điển hình tiên tiến giai đoạn 2020-2025';
const MOVEMENT = 'TDYN-2025-2030';
const PAUSE_MS = Number(process.env.DEMO_PAUSE_MS ?? 1500);

/** What each division pledges for 2025-2030. */
const PLEDGES: Record<string, string> = {
  'LS-TGDV-VP': 'Phục vụ tận tình, chuyển đổi số toàn bộ hồ sơ văn phòng.',
  'LS-TGDV-TT': 'Mỗi tháng một chuyên đề tuyên truyền gương điển hình tiên tiến.',
  'LS-TGDV-DV': 'Mỗi cán bộ theo dõi, nhân rộng một mô hình Dân vận khéo.',
  'LS-TGDV-KG': 'Đưa phong trào thi đua vào trường học và thiết chế văn hóa cơ sở.',
  'LS-TGDV-LL': 'Biên soạn tài liệu lịch sử Đảng bộ phục vụ học tập ở cơ sở.',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);

interface AwardNode {
  id: string;
  type: { name: string };
  recipient: { __typename: 'Person'; fullName: string } | { __typename: 'Unit'; name: string };
}

interface Conference {
  id: string;
  title: string;
  status: 'SCHEDULED' | 'LIVE' | 'ENDED';
  delegations: { id: string; congress: string; status: string }[];
}

async function findConference(token: string): Promise<Conference> {
  const fields = `id title status delegations { id congress status }`;
  const id = process.argv[2];
  if (id) {
    const { conference } = await request<{ conference: Conference | null }>(
      `query($id: ID!) { conference(id: $id) { ${fields} } }`,
      { id },
      token,
    );
    if (!conference) throw new Error(`No conference ${id}`);
    return conference;
  }
  const { conferences } = await request<{ conferences: Edges<Conference> }>(
    `{ conferences(first: 100) { edges { node { ${fields} } } } }`,
    {},
    token,
  );
  const candidates = conferences.edges.map((e) => e.node).filter((c) => c.title === TITLE);
  const found = candidates.find((c) => c.status !== 'ENDED') ?? candidates[0];
  if (!found)
    throw new Error(`The seeded conference "${TITLE}" is not in this database (SEED_DEMO=false?)`);
  return found;
}

async function main(): Promise<void> {
  const secretary = await login('secretary');
  const conference = await findConference(secretary);
  say(`${conference.title} (${conference.id})`);
  if (conference.status === 'ENDED') {
    say('This conference has already been played and ENDED. To replay it, stop the server,');
    say('delete the .data directory (the embedded database) and start again: npm start');
    return;
  }

  if (conference.status === 'SCHEDULED') {
    const { startConference } = await request<{ startConference: { startedAt: string } }>(
      `mutation($id: ID!) { startConference(id: $id) { startedAt } }`,
      { id: conference.id },
      secretary,
    );
    say(`${clock(startConference.startedAt)}  started`);
    await sleep(PAUSE_MS);
  }

  // The approved awards of 2025 (the seed's 17 Giấy khen): individuals first, then collectives.
  const { awards } = await request<{ awards: Edges<AwardNode> }>(
    `{ awards(filter: { status: APPROVED, year: 2025 }, first: 100) { edges { node {
        id type { name } recipient { __typename ... on Person { fullName } ... on Unit { name } }
      } } } }`,
    {},
    secretary,
  );
  const approved = awards.edges
    .map((e) => e.node)
    .sort((a, b) =>
      a.recipient.__typename === b.recipient.__typename
        ? 0
        : a.recipient.__typename === 'Person'
          ? -1
          : 1,
    );
  say(`announcing ${approved.length} approved awards`);
  for (const [i, award] of approved.entries()) {
    const { announceAward } = await request<{ announceAward: { occurredAt: string } }>(
      `mutation($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { occurredAt } }`,
      { c: conference.id, a: award.id },
      secretary,
    );
    const name =
      award.recipient.__typename === 'Person' ? award.recipient.fullName : award.recipient.name;
    say(
      `${clock(announceAward.occurredAt)}  ${String(i + 1).padStart(2)}. ${award.type.name}: ${name}`,
    );
    await sleep(PAUSE_MS);
  }

  // The 2025-2030 movement, launched at the conference.
  const { campaigns } = await request<{
    campaigns: Edges<{ id: string; code: string; name: string; status: string }>;
  }>(`{ campaigns(first: 100) { edges { node { id code name status } } } }`, {}, secretary);
  const movement = campaigns.edges.map((e) => e.node).find((c) => c.code === MOVEMENT);
  if (!movement) throw new Error(`The seeded campaign ${MOVEMENT} is missing`);
  if (movement.status === 'DRAFT') {
    await request(
      `mutation($id: ID!, $c: ID) { launchCampaign(id: $id, conferenceId: $c) { launchedAt } }`,
      { id: movement.id, c: conference.id },
      secretary,
    );
    say(`launched ${movement.name}`);
    await sleep(PAUSE_MS);
  }

  // The department's divisions pledge, through their unit manager.
  const manager = await login('manager');
  const { units } = await request<{ units: Edges<{ id: string; code: string; name: string }> }>(
    `{ units(first: 100) { edges { node { id code name } } } }`,
    {},
    manager,
  );
  for (const unit of units.edges.map((e) => e.node).filter((u) => PLEDGES[u.code])) {
    try {
      const { registerForCampaign } = await request<{
        registerForCampaign: { registeredAt: string };
      }>(
        `mutation($campaign: ID!, $unit: ID!, $pledge: String, $c: ID) {
          registerForCampaign(campaignId: $campaign, unitId: $unit, pledge: $pledge, conferenceId: $c) { registeredAt }
        }`,
        { campaign: movement.id, unit: unit.id, pledge: PLEDGES[unit.code], c: conference.id },
        manager,
      );
      say(`${clock(registerForCampaign.registeredAt)}  ${unit.name} pledged`);
    } catch (error) {
      if (!(error instanceof GraphQLRequestError && error.code === 'CONFLICT')) throw error;
      say(`${unit.name} had already pledged`);
    }
    await sleep(PAUSE_MS / 2);
  }

  for (const delegation of conference.delegations.filter((d) => d.status === 'DRAFT')) {
    await request(
      `mutation($id: ID!) { approveDelegation(id: $id) { approvedAt } }`,
      { id: delegation.id },
      secretary,
    );
    say(`approved the delegation to ${delegation.congress}`);
    await sleep(PAUSE_MS);
  }

  const { endConference } = await request<{ endConference: { endedAt: string } }>(
    `mutation($id: ID!) { endConference(id: $id) { endedAt } }`,
    { id: conference.id },
    secretary,
  );
  say(`${clock(endConference.endedAt)}  ended`);
}

run(main);
