import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertUnitInScope } from '../../auth/scope';
import {
  paginate,
  paginateByParent,
  type Connection,
  type PageArgs,
  type PageOrder,
} from '../../common/connection';
import { parseId, parseOptionalId } from '../../common/ids';
import type { ServiceDeps } from '../../common/services';
import { optionalText, requiredName, requiredText } from '../../common/validate';
import {
  BadInputError,
  ConflictError,
  illegalTransition,
  isUniqueViolation,
  NotFoundError,
  RuleViolationError,
} from '../../errors';
import { appendEvent, EventType } from '../../realtime/event-log';
import { Role } from '../accounts/account.entity';
import { Conference } from '../conferences/conference.entity';
import { requireLiveConference } from '../conferences/conference.rules';
import { Unit } from '../units/unit.entity';
import { CampaignRegistration } from './campaign-registration.entity';
import { CampaignReview, ReviewKind } from './campaign-review.entity';
import { Campaign, CampaignStatus } from './campaign.entity';
import type { CampaignFilter, CreateCampaignInput, UpdateCampaignInput } from './campaign.inputs';

/**
 * The calendar "today" of the registration period check. Campaigns are run by
 * Vietnamese agencies, so a pledge made at 06:30 on the first day, local time,
 * is inside the period even though it is still the day before in UTC.
 */
export const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Campaigns are listed newest period first. */
export const CAMPAIGN_ORDER: PageOrder = {
  keys: [
    { column: 'starts_on', property: 'startsOn' },
    { column: 'id', property: 'id' },
  ],
  direction: 'DESC',
};

/** Pledges are listed in the order they were made. */
export const REGISTRATION_ORDER: PageOrder = {
  keys: [
    { column: 'registered_at', property: 'registeredAt' },
    { column: 'id', property: 'id' },
  ],
  direction: 'ASC',
};

/** Roles that act on any unit's pledge; a UNIT_MANAGER pledges for its own subtree. */
const PLEDGE_FOR_ANY_UNIT = [Role.SECRETARY];

/** The campaign lifecycle DRAFT → LAUNCHED → CLOSED: the states a campaign may move to. */
export function nextCampaignStatuses(status: CampaignStatus): CampaignStatus[] {
  switch (status) {
    case CampaignStatus.DRAFT:
      return [CampaignStatus.LAUNCHED];
    case CampaignStatus.LAUNCHED:
      return [CampaignStatus.CLOSED];
    case CampaignStatus.CLOSED:
      return [];
    default: {
      const unknown: never = status;
      throw new Error(`unknown campaign status ${String(unknown)}`);
    }
  }
}

function assertTransition(campaign: Campaign, to: CampaignStatus): void {
  if (!nextCampaignStatuses(campaign.status).includes(to))
    throw illegalTransition(`Campaign ${campaign.code}`, campaign.status, to);
}

function checkPeriod(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) {
    throw new BadInputError(`endsOn (${endsOn}) must not be before startsOn (${startsOn})`, {
      field: 'endsOn',
    });
  }
}

/** What registerForCampaign asks for. */
export interface RegistrationRequest {
  campaignId: string;
  unitId: string;
  pledge?: string | null;
  conferenceId?: string | null;
}

/** What recordCampaignReview asks for. */
export interface ReviewRequest {
  campaignId: string;
  kind: ReviewKind;
  heldOn: string;
  summary?: string | null;
  conferenceId?: string | null;
}

/**
 * Emulation movements: creation and edits, the DRAFT → LAUNCHED → CLOSED
 * lifecycle, units' pledges (once per unit, only while LAUNCHED and within
 * the period) and interim/final reviews.
 */
export class CampaignService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /** Campaigns matching the filter, newest period first. */
  list(filter: CampaignFilter | null | undefined, page: PageArgs): Promise<Connection<Campaign>> {
    const query = this.dataSource.getRepository(Campaign).createQueryBuilder('c');
    if (filter?.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter?.kind) query.andWhere('c.kind = :kind', { kind: filter.kind });
    const organizerId = parseOptionalId(filter?.organizerId, 'filter.organizerId');
    if (organizerId) query.andWhere('c.organizer_id = :organizerId', { organizerId });
    if (filter?.activeOn) {
      query.andWhere('c.starts_on <= :activeOn AND c.ends_on >= :activeOn', {
        activeOn: filter.activeOn,
      });
    }
    return paginate(query, page, CAMPAIGN_ORDER);
  }

  /**
   * Creates a DRAFT campaign. BAD_USER_INPUT for blank or over-long text or a
   * period that ends before it starts; NOT_FOUND for an unknown organiser;
   * CONFLICT when the code is taken (codes ignore case).
   */
  async create(input: CreateCampaignInput): Promise<Campaign> {
    const code = requiredText(input.code, 'code', 40);
    if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(code)) {
      throw new BadInputError('code may hold only letters, digits, dots, dashes and underscores', {
        field: 'code',
      });
    }
    const organizerId = parseId(input.organizerId, 'organizerId');
    checkPeriod(input.startsOn, input.endsOn);
    const values = {
      code,
      name: requiredName(input.name, 'name', 300),
      theme: optionalText(input.theme, 'theme', 500) ?? null,
      description: optionalText(input.description, 'description', 4000) ?? null,
      kind: input.kind,
      status: CampaignStatus.DRAFT,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      organizerId,
    };
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Unit, { id: organizerId })))
        throw new NotFoundError('Unit', organizerId);
      const campaign = manager.create(Campaign, values);
      try {
        await manager.insert(Campaign, campaign);
      } catch (error) {
        if (isUniqueViolation(error, 'campaign_code_key'))
          throw new ConflictError(`A campaign with code ${code} already exists`);
        throw error;
      }
      return manager.findOneByOrFail(Campaign, { id: campaign.id });
    });
  }

  /**
   * Edits the name, theme, description or period of a DRAFT or LAUNCHED
   * campaign; a CLOSED one is history and RULE_VIOLATION. An explicit null
   * clears theme or description.
   */
  async update(rawId: string, input: UpdateCampaignInput): Promise<Campaign> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockCampaign(manager, id);
      if (campaign.status === CampaignStatus.CLOSED) {
        throw new RuleViolationError(
          `Campaign ${campaign.code} is CLOSED and can no longer change`,
          {
            status: campaign.status,
          },
        );
      }
      if (input.name !== undefined) {
        if (input.name === null)
          throw new BadInputError('name must not be empty', { field: 'name' });
        campaign.name = requiredName(input.name, 'name', 300);
      }
      if (input.theme !== undefined)
        campaign.theme = optionalText(input.theme, 'theme', 500) ?? null;
      if (input.description !== undefined)
        campaign.description = optionalText(input.description, 'description', 4000) ?? null;
      if (input.startsOn) campaign.startsOn = input.startsOn;
      if (input.endsOn) campaign.endsOn = input.endsOn;
      checkPeriod(campaign.startsOn, campaign.endsOn);
      await manager.update(
        Campaign,
        { id },
        {
          name: campaign.name,
          theme: campaign.theme,
          description: campaign.description,
          startsOn: campaign.startsOn,
          endsOn: campaign.endsOn,
        },
      );
      return campaign;
    });
  }

  /**
   * DRAFT → LAUNCHED. With a conference, that conference must be LIVE: the
   * campaign records it and its screens get CampaignLaunched, written in the
   * same transaction as the launch.
   */
  async launch(rawId: string, rawConferenceId?: string | null): Promise<Campaign> {
    const id = parseId(rawId);
    const conferenceId = parseOptionalId(rawConferenceId, 'conferenceId');
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockCampaign(manager, id);
      assertTransition(campaign, CampaignStatus.LAUNCHED);
      if (conferenceId) await requireLiveConference(manager, conferenceId);
      await manager.query(
        `UPDATE campaign SET status = 'LAUNCHED', launched_at = now(), launched_at_conference_id = $2
          WHERE id = $1`,
        [id, conferenceId ?? null],
      );
      if (conferenceId) {
        await appendEvent(manager, {
          type: EventType.CAMPAIGN_LAUNCHED,
          conferenceId,
          campaignId: id,
        });
      }
      return manager.findOneByOrFail(Campaign, { id });
    });
  }

  /** LAUNCHED → CLOSED. */
  async close(rawId: string): Promise<Campaign> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockCampaign(manager, id);
      assertTransition(campaign, CampaignStatus.CLOSED);
      await manager.query(
        `UPDATE campaign SET status = 'CLOSED', closed_at = now() WHERE id = $1`,
        [id],
      );
      return manager.findOneByOrFail(Campaign, { id });
    });
  }

  /**
   * A unit's pledge. Only while the campaign is LAUNCHED and today (local
   * time) is within its period; a UNIT_MANAGER only for its own subtree; with
   * a conference, only while that conference is LIVE. Once per unit: a
   * second pledge is CONFLICT (unique constraint campaign_registration_once).
   *
   * The campaign row is locked for the whole transaction, so concurrent
   * pledges to one campaign are serialised: the running registrationCount
   * logged with each CampaignRegistered event is exact and gapless.
   */
  async register(actor: Actor, request: RegistrationRequest): Promise<CampaignRegistration> {
    const campaignId = parseId(request.campaignId, 'campaignId');
    const unitId = parseId(request.unitId, 'unitId');
    const conferenceId = parseOptionalId(request.conferenceId, 'conferenceId') ?? null;
    const pledge = optionalText(request.pledge, 'pledge', 4000) ?? null;
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockCampaign(manager, campaignId);
      if (campaign.status !== CampaignStatus.LAUNCHED) {
        throw new RuleViolationError(
          `Campaign ${campaign.code} is ${campaign.status}; units can register only while it is LAUNCHED`,
          { status: campaign.status },
        );
      }
      const [{ today }] = await manager.query(
        `SELECT (now() AT TIME ZONE $1)::date::text AS today`,
        [LOCAL_TIME_ZONE],
      );
      if (today < campaign.startsOn || today > campaign.endsOn) {
        throw new RuleViolationError(
          `Campaign ${campaign.code} runs from ${campaign.startsOn} to ${campaign.endsOn}; today (${today}) is outside its period`,
          { startsOn: campaign.startsOn, endsOn: campaign.endsOn },
        );
      }
      await assertUnitInScope(manager, actor, unitId, PLEDGE_FOR_ANY_UNIT);
      if (conferenceId) await requireLiveConference(manager, conferenceId);
      const registration = manager.create(CampaignRegistration, {
        campaignId,
        unitId,
        pledge,
        conferenceId,
      });
      try {
        await manager.insert(CampaignRegistration, registration);
      } catch (error) {
        if (isUniqueViolation(error, 'campaign_registration_once'))
          throw new ConflictError(`That unit has already registered for campaign ${campaign.code}`);
        throw error;
      }
      const [{ n }] = await manager.query(
        `SELECT count(*)::int AS n FROM campaign_registration WHERE campaign_id = $1`,
        [campaignId],
      );
      await appendEvent(manager, {
        type: EventType.CAMPAIGN_REGISTERED,
        conferenceId,
        campaignId,
        registrationId: registration.id,
        registrationCount: n as number,
      });
      return manager.findOneByOrFail(CampaignRegistration, { id: registration.id });
    });
  }

  /**
   * Records an interim (sơ kết) or final (tổng kết) review. Rules: not on a
   * DRAFT campaign (nothing to review yet); not held before the campaign
   * starts (BAD_USER_INPUT); at most one FINAL review per campaign
   * (CONFLICT, partial unique index campaign_review_one_final); the
   * conference, when given, must exist (any status: reviews are often
   * recorded after the conference that held them).
   */
  async recordReview(request: ReviewRequest): Promise<CampaignReview> {
    const campaignId = parseId(request.campaignId, 'campaignId');
    const conferenceId = parseOptionalId(request.conferenceId, 'conferenceId') ?? null;
    const summary = optionalText(request.summary, 'summary', 8000) ?? null;
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockCampaign(manager, campaignId);
      if (campaign.status === CampaignStatus.DRAFT) {
        throw new RuleViolationError(
          `Campaign ${campaign.code} is DRAFT; it can be reviewed once it is LAUNCHED`,
          { status: campaign.status },
        );
      }
      if (request.heldOn < campaign.startsOn) {
        throw new BadInputError(
          `heldOn (${request.heldOn}) is before the campaign starts (${campaign.startsOn})`,
          { field: 'heldOn' },
        );
      }
      if (conferenceId && !(await manager.existsBy(Conference, { id: conferenceId })))
        throw new NotFoundError('Conference', conferenceId);
      const review = manager.create(CampaignReview, {
        campaignId,
        kind: request.kind,
        heldOn: request.heldOn,
        summary,
        conferenceId,
      });
      try {
        await manager.insert(CampaignReview, review);
      } catch (error) {
        if (isUniqueViolation(error, 'campaign_review_one_final'))
          throw new ConflictError(`Campaign ${campaign.code} already has its FINAL review`);
        throw error;
      }
      return manager.findOneByOrFail(CampaignReview, { id: review.id });
    });
  }

  /** A page of each campaign's pledges, for the Campaign.registrations loader. */
  registrationsOf(
    campaignIds: readonly string[],
    page: PageArgs,
  ): Promise<Connection<CampaignRegistration>[]> {
    return paginateByParent(
      this.dataSource.manager,
      CampaignRegistration,
      'campaign_id',
      campaignIds,
      page,
      REGISTRATION_ORDER,
    );
  }

  /** Number of pledges of each campaign, for the Campaign.registrationCount loader. */
  async registrationCounts(campaignIds: readonly string[]): Promise<number[]> {
    const rows: { campaign_id: string; n: number }[] = await this.dataSource.query(
      `SELECT campaign_id, count(*)::int AS n FROM campaign_registration
        WHERE campaign_id = ANY($1) GROUP BY campaign_id`,
      [[...campaignIds]],
    );
    const counts = new Map(rows.map((r) => [r.campaign_id, r.n]));
    return campaignIds.map((id) => counts.get(id) ?? 0);
  }

  /** The campaign, locked until the transaction ends; NOT_FOUND when there is none. */
  private async lockCampaign(manager: EntityManager, id: string): Promise<Campaign> {
    const campaign = await manager.findOne(Campaign, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!campaign) throw new NotFoundError('Campaign', id);
    return campaign;
  }
}
