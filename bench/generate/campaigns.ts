/**
 * Step `campaign` with `campaign_registration`: the campaigns of the ten
 * years and the units' pledges, drawn together (each campaign's pledges
 * sample its organizer's subtree).
 */
import { randomUUID } from 'node:crypto';
import { CopyWriter } from './bulk';
import { type GenCampaign, type GenUnit, type Generation, pad } from './model';
import { CAMPAIGN_NAMES } from './names';

/** The launched or closed campaigns running in each year. */
export type CampaignsOfYear = Map<number, GenCampaign[]>;

export async function writeCampaigns(gen: Generation, units: GenUnit[]): Promise<CampaignsOfYear> {
  const { dice, spec, firstYear, lastYear, today } = gen;
  const campaignsOfYear: CampaignsOfYear = new Map();
  const copy = CopyWriter.open(gen.main, 'campaign', ['id', 'code', 'name', 'theme', 'kind', 'status', 'starts_on', 'ends_on', 'organizer_id', 'launched_at', 'closed_at']); // prettier-ignore
  const pledges = CopyWriter.open(await gen.another(), 'campaign_registration', ['campaign_id', 'unit_id', 'pledge', 'registered_at']); // prettier-ignore
  const organizers = units.filter((u) => u.depth <= 2);
  for (let i = 0; i < spec.campaigns; i++) {
    const regular = i % 10 < 3;
    const startYear = firstYear + Math.floor((i * 11) / spec.campaigns);
    const endYear = regular ? startYear + 4 : startYear + dice.int(0, 2);
    const startsOn = `${startYear}-${pad(regular ? 1 : dice.int(1, 9))}-01`;
    const endsOn = `${endYear}-12-31`;
    const status = startsOn > today ? 'DRAFT' : endsOn < today ? 'CLOSED' : 'LAUNCHED';
    const organizer = dice.chance(0.2) ? units[0]! : dice.pick(organizers);
    const campaign: GenCampaign = { id: randomUUID(), startYear, endYear, status };
    const title = CAMPAIGN_NAMES[i % CAMPAIGN_NAMES.length]!;
    await copy.add([
      campaign.id,
      `PT-${pad(i + 1, 5)}`,
      `${title} ${startYear}${endYear > startYear ? `-${endYear}` : ''} (${organizer.code})`,
      'Đoàn kết - Trách nhiệm - Sáng tạo - Gần dân',
      regular ? 'REGULAR' : 'THEMATIC',
      status,
      startsOn,
      endsOn,
      organizer.id,
      status === 'DRAFT' ? null : `${startsOn}T01:00:00Z`,
      status === 'CLOSED' ? `${endsOn}T10:00:00Z` : null,
    ]);
    if (status === 'DRAFT') continue;
    for (let y = startYear; y <= Math.min(endYear, lastYear); y++) {
      campaignsOfYear.set(y, [...(campaignsOfYear.get(y) ?? []), campaign]);
    }
    const subtree = units.filter((u) => u.path.startsWith(organizer.path));
    const wanted = Math.min(subtree.length, Math.round(units.length * 0.05 * (0.5 + dice.next())));
    // A random sample of the organizer's subtree, without repeats.
    for (let k = 0; k < wanted; k++) {
      const j = k + Math.floor(dice.next() * (subtree.length - k));
      [subtree[k], subtree[j]] = [subtree[j]!, subtree[k]!];
      await pledges.add([
        campaign.id,
        subtree[k]!.id,
        `Đăng ký hoàn thành xuất sắc nhiệm vụ, hưởng ứng phong trào "${title}"`,
        `${startsOn}T03:00:00Z`,
      ]);
    }
  }
  await copy.end();
  await pledges.end();
  gen.log(`${spec.campaigns} campaigns, ${pledges.rows} pledges`);
  return campaignsOfYear;
}
