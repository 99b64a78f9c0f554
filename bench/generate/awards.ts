/**
 * Step `achievement` with `award`: drawn together, because an award cites
 * the achievement it was given for. Each cited link goes to a file that the
 * `award_achievement` step copies once both tables are loaded.
 *
 * The rules of DESIGN.md hold: a title at most once a year per recipient and
 * type; CSTD_CO_SO with LAO_DONG_TIEN_TIEN and a verified initiative the same
 * year; CSTD_CAP_TINH after three CSTD_CO_SO years in a row, with a
 * provincial initiative; commendations citing a verified achievement; each
 * achievement the basis of at most one live award.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, type WriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { CopyWriter } from './bulk';
import type { CampaignsOfYear } from './campaigns';
import { TITLE_CODES, type TypeCode } from './catalogue';
import type { ConferenceOfYear } from './conferences';
import { type GenPerson, type GenUnit, type Generation, type Holder, pad } from './model';
import { TOPICS } from './names';

type AchievementStatus = 'VERIFIED' | 'PROPOSED' | 'REJECTED';
type AwardStatus = 'NOMINATED' | 'APPROVED' | 'REJECTED' | 'ANNOUNCED' | 'REVOKED';

/** What the later steps need from this one. */
export interface Recognitions {
  /** Verified achievements marked as advanced models, with their holder's unit. */
  advancedModels: { id: string; holderUnit: number }[];
  /** Award-achievement links as COPY text (award_id, achievement_id, active), in a temporary directory. */
  linksFile: string;
  linkCount: number;
}

/** Where each year's award draws its campaign and conference from. */
interface Surroundings {
  units: GenUnit[];
  typeId: Record<TypeCode, string>;
  conferenceOfYear: ConferenceOfYear;
  campaignsOfYear: CampaignsOfYear;
}

/** Writes achievements, awards and links, drawing each row's details from the dice. */
class RecognitionWriter {
  readonly advancedModels: Recognitions['advancedModels'] = [];
  linkCount = 0;
  private decisionNumber = 0;

  constructor(
    private readonly gen: Generation,
    private readonly around: Surroundings,
    readonly achievements: CopyWriter,
    readonly awards: CopyWriter,
    private readonly links: WriteStream,
  ) {}

  /** A campaign of the year, half the time. */
  campaignFor(year: number): string | null {
    const list = this.around.campaignsOfYear.get(year);
    return list?.length && this.gen.dice.chance(0.5) ? this.gen.dice.pick(list).id : null;
  }

  /** Writes an achievement; returns its id. */
  async achievement(
    holder: Holder,
    year: number,
    kind: 'INITIATIVE' | 'RESULT',
    level: 'GRASSROOTS' | 'PROVINCIAL' | null,
    status: AchievementStatus,
  ): Promise<string> {
    const { dice } = this.gen;
    const id = randomUUID();
    const on = `${year}-${pad(dice.int(1, 11))}-${pad(dice.int(1, 28))}`;
    const advanced = status === 'VERIFIED' && dice.chance(0.03);
    if (advanced) this.advancedModels.push({ id, holderUnit: holder.unitIndex });
    await this.achievements.add([
      id,
      kind === 'INITIATIVE'
        ? `Sáng kiến ${dice.pick(TOPICS)} (${year})`
        : `Thành tích xuất sắc: ${dice.pick(TOPICS)} năm ${year}`,
      kind,
      level,
      holder.personId,
      holder.unitId,
      this.around.units[holder.unitIndex]!.id,
      this.campaignFor(year),
      on,
      status,
      advanced,
      status === 'VERIFIED' ? `${on}T09:00:00Z` : null,
    ]);
    return id;
  }

  /** Status of an award: `needed` ones (another title depends on them) stay APPROVED/ANNOUNCED. */
  statusFor(year: number, needed: boolean): AwardStatus {
    const r = this.gen.dice.next();
    if (year === this.gen.lastYear) {
      if (needed) return 'APPROVED';
      return r < 0.25 ? 'NOMINATED' : r < 0.28 ? 'REJECTED' : 'APPROVED';
    }
    if (needed) return r < 0.7 ? 'ANNOUNCED' : 'APPROVED';
    return r < 0.65 ? 'ANNOUNCED' : r < 0.98 ? 'APPROVED' : r < 0.99 ? 'REJECTED' : 'REVOKED';
  }

  /** Writes an award (nominated by the recipient's unit, or a unit's by its parent), citing `cites`. */
  async award(
    code: TypeCode,
    recipient: Holder,
    year: number,
    status: AwardStatus,
    cites: string | null,
  ): Promise<void> {
    const { dice } = this.gen;
    const { units } = this.around;
    const id = randomUUID();
    const recipientUnit = units[recipient.unitIndex]!;
    const nominatedBy = recipient.personId
      ? recipientUnit
      : (units[recipientUnit.parentIndex] ?? recipientUnit);
    const decided = status !== 'NOMINATED';
    const present = dice.int(9, 11);
    const against = status === 'REJECTED' ? present - 3 : dice.int(0, 1);
    const conference = status === 'ANNOUNCED' ? this.around.conferenceOfYear.get(year) : undefined;
    await this.awards.add([
      id,
      this.around.typeId[code],
      TITLE_CODES.has(code),
      recipient.personId,
      recipient.unitId,
      recipientUnit.id,
      year,
      conference ? status : status === 'ANNOUNCED' ? 'APPROVED' : status,
      TITLE_CODES.has(code) ? null : this.campaignFor(year),
      nominatedBy.id,
      `${year}-12-${pad(dice.int(1, 20))}T08:00:00Z`,
      decided ? 11 : null,
      decided ? present : null,
      decided ? present - against : null,
      decided ? against : null,
      decided ? 0 : null,
      decided && status !== 'REJECTED' ? `${++this.decisionNumber}/QĐ-TĐKT` : null,
      decided ? `${year + 1}-01-${pad(dice.int(5, 15))}` : null,
      conference?.at ?? null,
      conference?.id ?? null,
      status === 'REVOKED' ? 'Phát hiện kê khai thành tích không trung thực' : null,
      status === 'REVOKED' ? `${year + 1}-06-01T08:00:00Z` : null,
    ]);
    if (cites) {
      this.linkCount++;
      const live = status !== 'REJECTED' && status !== 'REVOKED';
      if (!this.links.write(`${id}\t${cites}\t${live ? 't' : 'f'}\n`)) {
        await once(this.links, 'drain');
      }
    }
  }
}

// How often people are in the upper tiers: A (a grassroots fighter every
// year, provincial every third), B (a fighter some years).
const TIER_A = 0.04;
const TIER_B = 0.16;

/**
 * How often an ordinary person is LAO_DONG_TIEN_TIEN, chosen so that the
 * award count lands near the scale's target.
 */
function ordinaryRate(gen: Generation, unitCount: number): number {
  const { spec } = gen;
  const others =
    spec.people * (TIER_A * 23 + TIER_B * 13) +
    spec.extraPersonAchievements * 0.8 * 0.8 +
    spec.unitAchievements * 0.85 * 0.8 +
    unitCount * 10 * (0.15 + 0.85 * 0.45);
  return Math.min(
    1,
    Math.max(0, (spec.awards - others) / (spec.people * (1 - TIER_A - TIER_B) * 10)),
  );
}

/** A person's ten years of titles, with the initiatives the fighters' titles cite. */
async function personTitles(
  w: RecognitionWriter,
  gen: Generation,
  person: GenPerson,
  rate: number,
) {
  const { dice, firstYear, lastYear } = gen;
  const holder = { personId: person.id, unitId: null, unitIndex: person.unitIndex };
  const r = dice.next();
  const tier = r < TIER_A ? 'A' : r < TIER_A + TIER_B ? 'B' : 'C';
  for (let year = firstYear; year <= lastYear; year++) {
    const yi = year - firstYear;
    if (tier === 'C') {
      if (dice.chance(rate)) {
        await w.award('LAO_DONG_TIEN_TIEN', holder, year, w.statusFor(year, false), null);
      }
      continue;
    }
    const fighter = tier === 'A' || dice.chance(0.3);
    const provincial = tier === 'A' && yi % 3 === 2;
    await w.award('LAO_DONG_TIEN_TIEN', holder, year, w.statusFor(year, fighter), null);
    if (fighter) {
      const initiative = await w.achievement(holder, year, 'INITIATIVE', 'GRASSROOTS', 'VERIFIED');
      // A CSTD_CO_SO that a later CSTD_CAP_TINH builds on must stay in force.
      const needed = tier === 'A' && yi % 3 !== 2 && year + 2 - (yi % 3) <= lastYear;
      const status = w.statusFor(year, needed || provincial);
      await w.award('CSTD_CO_SO', holder, year, status, initiative);
    }
    if (provincial) {
      const initiative = await w.achievement(holder, year, 'INITIATIVE', 'PROVINCIAL', 'VERIFIED');
      await w.award('CSTD_CAP_TINH', holder, year, w.statusFor(year, false), initiative);
    }
  }
}

/** A unit's ten years of collective titles. */
async function unitTitles(w: RecognitionWriter, gen: Generation, units: GenUnit[], i: number) {
  const holder = { personId: null, unitId: units[i]!.id, unitIndex: i };
  for (let year = gen.firstYear; year <= gen.lastYear; year++) {
    const r = gen.dice.next();
    if (r < 0.15) await w.award('TAP_THE_LDXS', holder, year, w.statusFor(year, false), null);
    else if (r < 0.15 + 0.85 * 0.45)
      await w.award('TAP_THE_LDTT', holder, year, w.statusFor(year, false), null);
  }
}

/** An achievement of some year and, for most verified ones, the commendation citing it. */
async function commendation(
  w: RecognitionWriter,
  gen: Generation,
  holder: Holder,
  kind: 'INITIATIVE' | 'RESULT',
) {
  const { dice } = gen;
  const year = dice.int(gen.firstYear, gen.lastYear);
  const r = dice.next();
  const status = r < 0.8 ? 'VERIFIED' : r < 0.92 ? 'PROPOSED' : 'REJECTED';
  const level = kind === 'INITIATIVE' ? 'GRASSROOTS' : null;
  const made = await w.achievement(holder, year, kind, level, status);
  // Some verified achievements stay unused: the benchmark nominates on them.
  if (status === 'VERIFIED' && dice.chance(0.8)) {
    const code = dice.chance(0.75) ? 'GIAY_KHEN' : 'BANG_KHEN_TINH';
    await w.award(code, holder, year, w.statusFor(year, false), made);
  }
}

export async function writeAchievementsAndAwards(
  gen: Generation,
  around: Surroundings & { people: GenPerson[] },
): Promise<Recognitions> {
  const { dice, spec } = gen;
  const { units, people } = around;
  const linksFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-')), 'award_achievement.tsv'); // prettier-ignore
  const links = createWriteStream(linksFile);
  const w = new RecognitionWriter(
    gen,
    around,
    CopyWriter.open(await gen.another(), 'achievement', ['id', 'title', 'kind', 'initiative_level', 'person_id', 'unit_id', 'holder_unit_id', 'campaign_id', 'achieved_on', 'status', 'advanced_model', 'verified_at']), // prettier-ignore
    CopyWriter.open(await gen.another(), 'award', ['id', 'type_id', 'is_title', 'person_id', 'unit_id', 'recipient_unit_id', 'year', 'status', 'campaign_id', 'nominated_by_id', 'nominated_at', 'members_total', 'members_present', 'votes_for', 'votes_against', 'votes_abstain', 'decision_number', 'decided_on', 'announced_at', 'conference_id', 'revoked_reason', 'revoked_at']), // prettier-ignore
    links,
  );
  const rate = ordinaryRate(gen, units.length);

  const bar = gen.progress
    ? new SingleBar(
        { format: ' awards  [{bar}] {percentage}% | {value}/{total} recipients | eta {eta}s' },
        Presets.shades_classic,
      )
    : null;
  const work = spec.people + units.length + spec.extraPersonAchievements + spec.unitAchievements;
  bar?.start(work, 0);
  let done = 0;
  const tick = () => {
    if (++done % 1000 === 0) bar?.update(done);
  };

  for (const person of people) {
    await personTitles(w, gen, person, rate);
    tick();
  }
  for (let i = 0; i < units.length; i++) {
    await unitTitles(w, gen, units, i);
    tick();
  }
  for (let i = 0; i < spec.extraPersonAchievements; i++) {
    const person = dice.pick(people);
    const holder = { personId: person.id, unitId: null, unitIndex: person.unitIndex };
    await commendation(w, gen, holder, dice.chance(0.3) ? 'INITIATIVE' : 'RESULT');
    tick();
  }
  for (let i = 0; i < spec.unitAchievements; i++) {
    const unitIndex = dice.int(0, units.length - 1);
    await commendation(w, gen, { personId: null, unitId: units[unitIndex]!.id, unitIndex }, 'RESULT'); // prettier-ignore
    tick();
  }
  bar?.update(work);
  bar?.stop();
  await w.achievements.end();
  await w.awards.end();
  links.end();
  await once(links, 'finish');
  gen.log(`${w.achievements.rows} achievements, ${w.awards.rows} awards`);
  return { advancedModels: w.advancedModels, linksFile, linkCount: w.linkCount };
}
