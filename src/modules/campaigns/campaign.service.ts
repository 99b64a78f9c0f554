import type { DataSource } from 'typeorm';
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
import { defineLifecycle } from '../../common/lifecycle';
import { lockById } from '../../common/locks';
import { query, sql } from '../../common/sql';
import type { ServiceDeps } from '../../common/services';
import { optionalText, requiredName, requiredText } from '../../common/validate';
import {
  BadInputError,
  ConflictError,
  isUniqueViolation,
  NotFoundError,
  RuleViolationError,
} from '../../errors';
import { msg } from '../../i18n/i18n';
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
export const CAMPAIGN_ORDER: PageOrder<Campaign> = { keys: ['startsOn', 'id'], direction: 'DESC' };

/** Pledges are listed in the order they were made. */
export const REGISTRATION_ORDER: PageOrder<CampaignRegistration> = {
  keys: ['registeredAt', 'id'],
  direction: 'ASC',
};

/** Roles that act on any unit's pledge; a UNIT_MANAGER pledges for its own subtree. */
const PLEDGE_FOR_ANY_UNIT = [Role.SECRETARY];

/** The campaign lifecycle: DRAFT → LAUNCHED → CLOSED. */
export const CAMPAIGN_LIFECYCLE = defineLifecycle<CampaignStatus>('Campaign', {
  DRAFT: [CampaignStatus.LAUNCHED],
  LAUNCHED: [CampaignStatus.CLOSED],
  CLOSED: [],
});

/** RULE_VIOLATION naming the campaign and both states unless the lifecycle allows the move. */
function assertTransition(campaign: Campaign, to: CampaignStatus): void {
  CAMPAIGN_LIFECYCLE.assertTransition(campaign.status, to, campaign.code);
}

function checkPeriod(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) {
    throw new BadInputError(msg('campaign.endsBeforeStart', { endsOn, startsOn }), {
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
    const organizerId = parseOptionalId(filter?.organizerId, 'filter.organizerId');
    const activeOn = filter?.activeOn;
    const where = sql.and(
      filter?.status && sql`t.status = ${filter.status}`,
      filter?.kind && sql`t.kind = ${filter.kind}`,
      organizerId && sql`t.organizer_id = ${organizerId}`,
      activeOn && sql`t.starts_on <= ${activeOn} AND t.ends_on >= ${activeOn}`,
    );
    return paginate(this.dataSource.manager, Campaign, page, { order: CAMPAIGN_ORDER, where });
  }

  /**
   * Creates a DRAFT campaign. BAD_USER_INPUT for blank or over-long text or a
   * period that ends before it starts; NOT_FOUND for an unknown organiser;
   * CONFLICT when the code is taken (codes ignore case).
   */
  async create(input: CreateCampaignInput): Promise<Campaign> {
    const code = requiredText(input.code, 'code', 40);
    if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(code)) {
      throw new BadInputError(msg('campaign.codeFormat'), { field: 'code' });
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
          throw new ConflictError(msg('campaign.codeTaken', { code }));
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
      const campaign = await lockById(manager, Campaign, id);
      if (campaign.status === CampaignStatus.CLOSED) {
        throw new RuleViolationError(msg('campaign.closedNoChange', { code: campaign.code }), {
          status: campaign.status,
        });
      }
      if (input.name !== undefined) {
        if (input.name === null)
          throw new BadInputError(msg('input.empty', { field: 'name' }), { field: 'name' });
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
      const campaign = await lockById(manager, Campaign, id);
      assertTransition(campaign, CampaignStatus.LAUNCHED);
      if (conferenceId) await requireLiveConference(manager, conferenceId);
      await query(
        manager,
        sql`UPDATE campaign
               SET status = 'LAUNCHED', launched_at = now(), launched_at_conference_id = ${conferenceId ?? null}
             WHERE id = ${id}`,
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
      const campaign = await lockById(manager, Campaign, id);
      assertTransition(campaign, CampaignStatus.CLOSED);
      await query(
        manager,
        sql`UPDATE campaign SET status = 'CLOSED', closed_at = now() WHERE id = ${id}`,
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
      const campaign = await lockById(manager, Campaign, campaignId);
      if (campaign.status !== CampaignStatus.LAUNCHED) {
        throw new RuleViolationError(
          msg('campaign.pledgeNotLaunched', { code: campaign.code, status: campaign.status }),
          { status: campaign.status },
        );
      }
      const [{ today }] = await query<{ today: string }>(
        manager,
        sql`SELECT (now() AT TIME ZONE ${LOCAL_TIME_ZONE})::date::text AS today`,
      );
      if (today < campaign.startsOn || today > campaign.endsOn) {
        const { code, startsOn, endsOn } = campaign;
        throw new RuleViolationError(
          msg('campaign.pledgeOutsidePeriod', { code, startsOn, endsOn, today }),
          { startsOn, endsOn },
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
          throw new ConflictError(msg('campaign.pledgeTwice', { code: campaign.code }));
        throw error;
      }
      const [{ n }] = await query<{ n: number }>(
        manager,
        sql`SELECT count(*)::int AS n FROM campaign_registration WHERE campaign_id = ${campaignId}`,
      );
      await appendEvent(manager, {
        type: EventType.CAMPAIGN_REGISTERED,
        conferenceId,
        campaignId,
        registrationId: registration.id,
        registrationCount: n,
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
      const campaign = await lockById(manager, Campaign, campaignId);
      if (campaign.status === CampaignStatus.DRAFT) {
        throw new RuleViolationError(msg('campaign.reviewDraft', { code: campaign.code }), {
          status: campaign.status,
        });
      }
      if (request.heldOn < campaign.startsOn) {
        throw new BadInputError(
          msg('campaign.reviewBeforeStart', {
            heldOn: request.heldOn,
            startsOn: campaign.startsOn,
          }),
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
          throw new ConflictError(msg('campaign.finalReviewTwice', { code: campaign.code }));
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
    return paginateByParent(this.dataSource.manager, CampaignRegistration, page, {
      parent: 'campaignId',
      parentIds: campaignIds,
      order: REGISTRATION_ORDER,
    });
  }

  /** Number of pledges of each campaign, for the Campaign.registrationCount loader. */
  async registrationCounts(campaignIds: readonly string[]): Promise<number[]> {
    const rows = await query<{ campaign_id: string; n: number }>(
      this.dataSource,
      sql`SELECT campaign_id, count(*)::int AS n FROM campaign_registration
           WHERE campaign_id = ANY(${[...campaignIds]}) GROUP BY campaign_id`,
    );
    const counts = new Map(rows.map((r) => [r.campaign_id, r.n]));
    return campaignIds.map((id) => counts.get(id) ?? 0);
  }
}
