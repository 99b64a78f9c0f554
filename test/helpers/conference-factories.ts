import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { appendEvent, EventType } from '../../src/realtime/event-log';

const unique = () => randomBytes(4).toString('hex').toUpperCase();

/** Inserts a conference hosted by `host` (SCHEDULED unless told; no events are logged). */
export async function buildConference(
  dataSource: DataSource,
  host: Unit,
  overrides: { title?: string; status?: 'SCHEDULED' | 'LIVE' | 'ENDED'; startsAt?: Date } = {},
): Promise<{ id: string; title: string }> {
  const title = overrides.title ?? `Hội nghị ${unique()}`;
  const [row] = await dataSource.query(
    `INSERT INTO conference (title, host_unit_id, starts_at, status) VALUES ($1, $2, $3, $4) RETURNING id`,
    [title, host.id, overrides.startsAt ?? new Date(), overrides.status ?? 'SCHEDULED'],
  );
  return { id: row.id, title };
}

/** Inserts an award type of its own (commendation, individual or collective). */
export async function buildAwardType(
  dataSource: DataSource,
): Promise<{ id: string; code: string }> {
  const code = `T_${unique()}`;
  const [row] = await dataSource.query(
    `INSERT INTO award_type (code, name, category, recipient_kinds, level, bonus_multiple)
     VALUES ($1, $2, 'COMMENDATION', '{INDIVIDUAL,COLLECTIVE}', 'GRASSROOTS', 1) RETURNING id`,
    [code, `Giấy khen ${code}`],
  );
  return { id: row.id, code };
}

/**
 * Inserts an award straight in `status` (APPROVED unless told), as if the
 * council had decided it: to `person`, nominated by their unit.
 */
export async function buildAward(
  dataSource: DataSource,
  type: { id: string },
  person: Person,
  overrides: { status?: string; citation?: string; year?: number } = {},
): Promise<{ id: string }> {
  const [row] = await dataSource.query(
    `INSERT INTO award (type_id, is_title, person_id, recipient_unit_id, year, citation, status, nominated_by_id)
     VALUES ($1, false, $2, $3, $4, $5, $6, $3) RETURNING id`,
    [
      type.id,
      person.id,
      person.unitId,
      overrides.year ?? 2025,
      overrides.citation ?? `Citation ${unique()}`,
      overrides.status ?? 'APPROVED',
    ],
  );
  return { id: row.id };
}

/** Inserts a campaign organised by `organizer` (LAUNCHED unless told, without events). */
export async function buildCampaign(
  dataSource: DataSource,
  organizer: Unit,
  overrides: { status?: 'DRAFT' | 'LAUNCHED'; launchedAtConferenceId?: string | null } = {},
): Promise<{ id: string; code: string }> {
  const code = `C-${unique()}`;
  const status = overrides.status ?? 'LAUNCHED';
  const [row] = await dataSource.query(
    `INSERT INTO campaign (code, name, kind, status, starts_on, ends_on, organizer_id, launched_at, launched_at_conference_id)
     VALUES ($1, $2, 'REGULAR', $3, '2025-01-01', '2030-12-31', $4, $5, $6) RETURNING id`,
    [
      code,
      `Phong trào ${code}`,
      status,
      organizer.id,
      status === 'LAUNCHED' ? new Date() : null,
      overrides.launchedAtConferenceId ?? null,
    ],
  );
  return { id: row.id, code };
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
