import type { DataSource } from 'typeorm';
import { Role } from '../../src/modules/accounts/account.entity';
import type { Award } from '../../src/modules/awards/award.entity';
import { type Campaign, CampaignStatus } from '../../src/modules/campaigns/campaign.entity';
import type { Conference } from '../../src/modules/conferences/conference.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { appendEvent, EventType } from '../../src/realtime/event-log';
import type { TestApp } from '../helpers/app';
import {
  buildAward,
  buildAwardType,
  buildCampaign,
  buildConference,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { clientFor } from '../helpers/graphql';

/** The selection every realtime test asks for: enough to tell events apart. */
export const EVENT_FIELDS = `
  __typename cursor occurredAt conference { id }
  ... on AwardAnnounced { award { id } }
  ... on CampaignLaunched { campaign { id } }
  ... on CampaignRegistered { registration { id } registrationCount }
  ... on DelegationApproved { delegation { id } }`;

export const CONFERENCE_EVENTS = `
  subscription Screen($conferenceId: ID!, $after: String) {
    conferenceEvents(conferenceId: $conferenceId, after: $after) { ${EVENT_FIELDS} }
  }`;

/** A short, comparable form of an event. */
export function label(event: any): string {
  const id =
    event.award?.id ?? event.campaign?.id ?? event.registration?.id ?? event.delegation?.id ?? '';
  return `${event.__typename}${id ? `:${id}` : ''}`;
}

/** Everything a scripted conference needs, built on `app`'s database. */
export interface Stage {
  host: Unit;
  people: Person[];
  conference: Conference;
  awards: Award[];
  campaign: Campaign;
  pledgers: Unit[];
  delegationId: string;
  secretary: ReturnType<typeof clientFor>;
}

/** Builds a SCHEDULED conference with `awardCount` APPROVED awards, a DRAFT campaign and a DRAFT delegation. */
export async function buildStage(
  app: TestApp,
  awardCount = 5,
  dataSource?: DataSource,
): Promise<Stage> {
  const ds = dataSource ?? app.dataSource;
  const host = await buildUnit(ds);
  const people: Person[] = [];
  for (let i = 0; i < Math.max(awardCount, 2); i++)
    people.push(await buildPerson(ds, { unit: host }));
  const type = await buildAwardType(ds);
  const awards = [];
  for (let i = 0; i < awardCount; i++)
    awards.push(await buildAward(ds, { type, person: people[i]! }));
  const conference = await buildConference(ds, { host });
  const campaign = await buildCampaign(ds, { organizer: host, status: CampaignStatus.DRAFT });
  const pledgers = [await buildUnit(ds, { parent: host }), await buildUnit(ds, { parent: host })];
  const secretary = clientFor(app.url, app.tokenFor({ role: Role.SECRETARY }));
  const { createDelegation } = await secretary.data(
    `mutation($input: CreateDelegationInput!) { createDelegation(input: $input) { id } }`,
    {
      input: {
        conferenceId: conference.id,
        congress: 'Đại hội Thi đua yêu nước tỉnh lần thứ VI',
        memberIds: [people[0]!.id, people[1]!.id],
      },
    },
  );
  return {
    host,
    people,
    conference,
    awards,
    campaign,
    pledgers,
    delegationId: createDelegation.id,
    secretary,
  };
}

/** One step of the scripted conference. */
export type Step = () => Promise<void>;

/**
 * The scripted conference as steps: start, announce each award, launch the
 * campaign, two pledges, approve the delegation, end. `expected` is the
 * sequence a screen must see.
 */
export function script(stage: Stage, ds: DataSource): { steps: Step[]; expected: () => string[] } {
  const { secretary, conference } = stage;
  const registrations: string[] = [];
  const steps: Step[] = [
    async () => {
      await secretary.data(`mutation($id: ID!) { startConference(id: $id) { id } }`, {
        id: conference.id,
      });
    },
    ...stage.awards.map((award) => async () => {
      await secretary.data(
        `mutation($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`,
        { c: conference.id, a: award.id },
      );
    }),
    () => launchAt(ds, stage.campaign, conference.id),
    ...stage.pledgers.map((unit) => async () => {
      const { registrationId } = await pledge(ds, stage.campaign, unit, conference.id);
      registrations.push(registrationId);
    }),
    async () => {
      await secretary.data(`mutation($id: ID!) { approveDelegation(id: $id) { id } }`, {
        id: stage.delegationId,
      });
    },
    async () => {
      await secretary.data(`mutation($id: ID!) { endConference(id: $id) { id } }`, {
        id: conference.id,
      });
    },
  ];
  return {
    steps,
    expected: () => [
      'ConferenceStarted',
      ...stage.awards.map((a) => `AwardAnnounced:${a.id}`),
      `CampaignLaunched:${stage.campaign.id}`,
      ...registrations.map((r) => `CampaignRegistered:${r}`),
      `DelegationApproved:${stage.delegationId}`,
      'ConferenceEnded',
    ],
  };
}

/**
 * Registers `unit` for a campaign and logs CampaignRegistered in one
 * transaction, as registerForCampaign does (with `conferenceId` or outside
 * any conference).
 */
export async function pledge(
  dataSource: DataSource,
  campaign: { id: string },
  unit: Unit,
  conferenceId: string | null = null,
): Promise<{ registrationId: string }> {
  return dataSource.transaction(async (manager) => {
    const [row] = await manager.query(
      `INSERT INTO campaign_registration (campaign_id, unit_id, pledge, conference_id)
       VALUES ($1, $2, 'Cam kết', $3) RETURNING id`,
      [campaign.id, unit.id, conferenceId],
    );
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM campaign_registration WHERE campaign_id = $1`,
      [campaign.id],
    );
    await appendEvent(manager, {
      type: EventType.CAMPAIGN_REGISTERED,
      conferenceId,
      campaignId: campaign.id,
      registrationId: row.id,
      registrationCount: n,
    });
    return { registrationId: row.id as string };
  });
}

/** Launches a DRAFT campaign at a LIVE conference and logs CampaignLaunched, as launchCampaign does. */
export async function launchAt(
  dataSource: DataSource,
  campaign: { id: string },
  conferenceId: string,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE campaign SET status = 'LAUNCHED', launched_at = now(), launched_at_conference_id = $2 WHERE id = $1`,
      [campaign.id, conferenceId],
    );
    await appendEvent(manager, {
      type: EventType.CAMPAIGN_LAUNCHED,
      conferenceId,
      campaignId: campaign.id,
    });
  });
}
