import type { DataSource } from 'typeorm';
import { CampaignRegistration } from '../../../src/modules/campaigns/campaign-registration.entity';
import {
  Campaign,
  CampaignKind,
  CampaignStatus,
} from '../../../src/modules/campaigns/campaign.entity';
import type { Unit } from '../../../src/modules/units/unit.entity';
import { insertRow, unique } from './rows';
import { buildUnit } from './units';

/**
 * Inserts a campaign organised by `organizer` (a new unit when not given):
 * a LAUNCHED thematic campaign running from last year to next year, so that
 * it is open today, unless told otherwise. No event is logged.
 */
export async function buildCampaign(
  dataSource: DataSource,
  overrides: Partial<Omit<Campaign, 'id' | 'organizerId'>> & { organizer?: Unit } = {},
): Promise<Campaign> {
  const { organizer = await buildUnit(dataSource), ...fields } = overrides;
  const year = new Date().getUTCFullYear();
  const status = fields.status ?? CampaignStatus.LAUNCHED;
  return insertRow(dataSource, Campaign, {
    code: `C-${unique()}`,
    name: `Campaign ${unique()}`,
    theme: null,
    description: null,
    kind: CampaignKind.THEMATIC,
    startsOn: `${year - 1}-01-01`,
    endsOn: `${year + 1}-12-31`,
    launchedAt: status === CampaignStatus.DRAFT ? null : new Date(),
    launchedAtConferenceId: null,
    closedAt: status === CampaignStatus.CLOSED ? new Date() : null,
    ...fields,
    status,
    organizerId: organizer.id,
  });
}

/**
 * Inserts `unit`'s pledge to `campaign` (a new unit, a new campaign when not
 * given), with no rule checks and no event.
 */
export async function buildRegistration(
  dataSource: DataSource,
  overrides: Partial<Pick<CampaignRegistration, 'pledge' | 'registeredAt' | 'conferenceId'>> & {
    campaign?: Campaign;
    unit?: Unit;
  } = {},
): Promise<CampaignRegistration> {
  const {
    campaign = await buildCampaign(dataSource),
    unit = await buildUnit(dataSource),
    ...fields
  } = overrides;
  return insertRow(dataSource, CampaignRegistration, {
    pledge: null,
    conferenceId: null,
    ...fields,
    campaignId: campaign.id,
    unitId: unit.id,
  });
}
