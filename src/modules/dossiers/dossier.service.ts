import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertUnitInScope } from '../../auth/scope';
import { paginate, type Connection, type PageArgs, type PageOrder } from '../../common/connection';
import { parseId, parseOptionalId } from '../../common/ids';
import { lockById } from '../../common/locks';
import { entityRows } from '../../common/rows';
import type { ServiceDeps } from '../../common/services';
import { query, queryOne, sql, type SqlFragment } from '../../common/sql';
import { checkYear, optionalText, requiredText } from '../../common/validate';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  isUniqueViolation,
  NotFoundError,
  RuleViolationError,
} from '../../errors';
import { msg } from '../../i18n/i18n';
import { appendEvent, EventType } from '../../realtime/event-log';
import type { EventStream } from '../../realtime/event-hub';
import type { RealtimeService } from '../../realtime/realtime.service';
import { Role } from '../accounts/account.entity';
import { AwardType } from '../awards/award-type.entity';
import { AwardService, MAX_CITED } from '../awards/award.service';
import { AwardKind } from '../awards/award.entity';
import { AwardDecision, CouncilMeeting } from '../awards/council.entity';
import { checkExtension, RuleOutcome, type Check } from '../awards/rules/rule';
import { ReviewLevel } from '../calendar/calendar.entity';
import { CalendarService, isWorkingDay, type Exceptions } from '../calendar/calendar.service';
import { shiftDay, todayInVietnam } from '../calendar/days';
import { FileService } from '../files/file.service';
import { StoredFile } from '../files/stored-file.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import {
  AttachmentKind,
  Dossier,
  DossierAttachment,
  DossierNominee,
  DossierStatus,
  type NomineeReason,
} from './dossier.entity';
import type {
  AddNomineeInput,
  AttachFileInput,
  CreateDossierInput,
  DossierFilter,
  ReturnDossierInput,
  UpdateDossierInput,
  UpdateNomineeInput,
} from './dossier.inputs';
import { DOSSIER_LIFECYCLE, EDITABLE, moveDossier, recordConsultation } from './dossier.lifecycle';

const S = DossierStatus;

/** Dossiers are listed newest first. */
export const DOSSIER_ORDER: PageOrder<Dossier> = { keys: ['createdAt', 'id'], direction: 'DESC' };

/** Roles that read every unit's dossiers; a UNIT_MANAGER reads its own subtree's. */
export const READ_ANY_DOSSIER = [Role.SECRETARY, Role.COUNCIL, Role.VIEWER];

/** Most nominees in one dossier. */
const MAX_NOMINEES = 500;

/** States in which a level is processing the dossier against a deadline. */
const PENDING = [S.SUBMITTED, S.UNDER_REVIEW, S.TO_COUNCIL];

/** Most dossiers in each list of the deadlines board. */
export const DEADLINE_LIST = 200;

/** A dossier with its deadline, for dashboards. */
export interface DossierDeadline {
  dossier: Dossier;
  dueOn: string;
  /** Working days left after `on` until the due date (0 on the day; negative once overdue). */
  workingDaysLeft: number;
}

/** A nominee's failed rules, as RULE_VIOLATION reports them (`extensions.checks`). */
interface NomineeChecks {
  nomineeId: string;
  checks: Record<string, unknown>[];
}

/**
 * Dossiers (hồ sơ đề nghị khen thưởng): a unit's batch of nominees with
 * their documents, travelling up the levels under DOSSIER_LIFECYCLE, with a
 * deadline in working days at each level. Every move is kept in the
 * dossier's history and logged as an event (dossierUpdated).
 */
export class DossierService {
  private readonly dataSource: DataSource;
  private readonly awards: AwardService;
  private readonly calendar: CalendarService;
  private readonly files: FileService;
  /** What "now" is; deadlines count from its day in Vietnam. */
  clock: () => Date = () => new Date();

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.awards = new AwardService(deps);
    this.calendar = new CalendarService(deps);
    this.files = new FileService(deps);
  }

  /** Today in Vietnam, by `clock`. */
  today(): string {
    return todayInVietnam(this.clock());
  }

  // ---- Reading ----------------------------------------------------------

  /** FORBIDDEN unless the actor may read dossiers of `unitId` (NOT_FOUND for an unknown unit). */
  async assertReadable(manager: EntityManager, actor: Actor, unitId: string): Promise<void> {
    if (actor.role === Role.MEMBER) throw new ForbiddenError(msg('dossier.readForbidden'));
    await assertUnitInScope(manager, actor, unitId, READ_ANY_DOSSIER);
  }

  /** A dossier the actor may read; null when there is none. */
  async get(actor: Actor, rawId: string): Promise<Dossier | null> {
    const id = parseId(rawId);
    const [dossier] = await entityRows(this.dataSource, Dossier).selectIn(this.dataSource, 'id', [
      id,
    ]);
    if (!dossier) return null;
    await this.assertReadable(this.dataSource.manager, actor, dossier.unitId);
    return dossier;
  }

  /** Dossiers of a unit's subtree, newest first; a UNIT_MANAGER's own subtree by default. */
  async list(
    actor: Actor,
    filter: DossierFilter | null | undefined,
    page: PageArgs,
  ): Promise<Connection<Dossier>> {
    const unitId =
      parseOptionalId(filter?.unitId, 'filter.unitId') ??
      (actor.role === Role.UNIT_MANAGER ? actor.unitId : null);
    if (unitId) await this.assertReadable(this.dataSource.manager, actor, unitId);
    else if (actor.role === Role.MEMBER || actor.role === Role.UNIT_MANAGER) {
      throw new ForbiddenError(msg('dossier.readForbidden'));
    }
    const where = sql.and(
      unitId &&
        sql`t.unit_id IN (SELECT u.id FROM unit u WHERE u.path LIKE (SELECT p.path FROM unit p WHERE p.id = ${unitId}) || '%')`,
      filter?.status && sql`t.status = ${filter.status}`,
      filter?.year !== null &&
        filter?.year !== undefined &&
        sql`t.year = ${checkYear(filter.year, 'filter.year')}`,
    );
    return paginate(this.dataSource.manager, Dossier, page, { order: DOSSIER_ORDER, where });
  }

  /**
   * Dossiers of a unit's subtree that a level is processing: those past their
   * due date on `on` (today by default), and those due within `dueWithin`
   * working days, soonest first, at most DEADLINE_LIST of each.
   */
  async deadlines(
    actor: Actor,
    rawUnitId: string,
    on: string | null,
    dueWithin: number,
  ): Promise<{ overdue: DossierDeadline[]; dueSoon: DossierDeadline[]; on: string }> {
    const unitId = parseId(rawUnitId, 'unitId');
    if (!Number.isInteger(dueWithin) || dueWithin < 0 || dueWithin > 60) {
      throw new BadInputError(
        msg('paperwork.outOfRange', { field: 'dueWithin', min: 0, max: 60 }),
        {
          field: 'dueWithin',
        },
      );
    }
    await this.assertReadable(this.dataSource.manager, actor, unitId);
    const day = on ?? this.today();
    // Due soon: at most `dueWithin` working days left, i.e. due before the next working day
    // when 0, and by the `dueWithin`-th working day otherwise.
    const soonEnd =
      dueWithin === 0
        ? sql`t.due_on < ${await this.calendar.addWorkingDays(day, 1)}`
        : sql`t.due_on <= ${await this.calendar.addWorkingDays(day, dueWithin)}`;
    const inSubtree = sql`t.status = ANY(${PENDING})
      AND t.unit_id IN (SELECT u.id FROM unit u WHERE u.path LIKE (SELECT p.path FROM unit p WHERE p.id = ${unitId}) || '%')`;
    const rows = entityRows(this.dataSource, Dossier);
    // Each list filtered, ordered and cut in PostgreSQL: at most 2 × DEADLINE_LIST rows reach Node.
    const list = (where: SqlFragment) =>
      query<Record<string, unknown>>(
        this.dataSource,
        sql`SELECT ${rows.columns()} FROM dossier t WHERE ${inSubtree} AND ${where}
             ORDER BY t.due_on, t.id LIMIT ${DEADLINE_LIST}`,
      ).then((found) => found.map((row) => rows.hydrate(row)));
    const [late, soon] = await Promise.all([
      list(sql`t.due_on < ${day}`),
      list(sql`t.due_on >= ${day} AND ${soonEnd}`),
    ]);
    const from = late[0]?.dueOn ?? day;
    const to = soon.at(-1)?.dueOn ?? day;
    const exceptions = await this.calendar.exceptions(from, to);
    const entry = (dossier: Dossier): DossierDeadline => {
      const dueOn = dossier.dueOn as string;
      return { dossier, dueOn, workingDaysLeft: countWorkingDays(day, dueOn, exceptions) };
    };
    const overdue = late.map(entry);
    const dueSoon = soon.map(entry);
    return { overdue, dueSoon, on: day };
  }

  /**
   * For each dossier, the council meetings that decided its nominees and the
   * register's decisions that approved them (through each nominee's award),
   * oldest first. At most three statements for any number of dossiers.
   */
  async councilOutcomes(
    dossierIds: readonly string[],
  ): Promise<{ meetings: CouncilMeeting[]; decisions: AwardDecision[] }[]> {
    const links = await query<{
      dossier_id: string;
      meeting_id: string | null;
      decision_id: string | null;
    }>(
      this.dataSource,
      sql`SELECT DISTINCT n.dossier_id, a.meeting_id, a.decision_id
            FROM dossier_nominee n JOIN award a ON a.id = n.award_id
           WHERE n.dossier_id = ANY(${[...dossierIds]}) AND a.meeting_id IS NOT NULL`,
    );
    const meetingIds = [...new Set(links.map((l) => l.meeting_id!))];
    const decisionIds = [
      ...new Set(links.map((l) => l.decision_id).filter((id): id is string => !!id)),
    ];
    const [meetings, decisions] = await Promise.all([
      meetingIds.length
        ? entityRows(this.dataSource, CouncilMeeting).selectIn(this.dataSource, 'id', meetingIds, {
            heldOn: 'ASC',
            id: 'ASC',
          })
        : [],
      decisionIds.length
        ? entityRows(this.dataSource, AwardDecision).selectIn(this.dataSource, 'id', decisionIds, {
            decidedOn: 'ASC',
            id: 'ASC',
          })
        : [],
    ]);
    return dossierIds.map((id) => {
      const mine = links.filter((l) => l.dossier_id === id);
      return {
        meetings: meetings.filter((m) => mine.some((l) => l.meeting_id === m.id)),
        decisions: decisions.filter((d) => mine.some((l) => l.decision_id === d.id)),
      };
    });
  }

  /** Opens the dossierUpdated feed of a unit's subtree for the actor. */
  async openFeed(
    realtime: RealtimeService,
    actor: Actor,
    rawUnitId: string,
    after: number | null,
  ): Promise<EventStream> {
    const unitId = parseId(rawUnitId, 'unitId');
    await this.assertReadable(this.dataSource.manager, actor, unitId);
    const unit = await this.dataSource.manager.findOneByOrFail(Unit, { id: unitId });
    return realtime.open({ kind: 'dossiers', unitId, unitPath: unit.path }, after);
  }

  // ---- The unit's side --------------------------------------------------

  /** A new DRAFT dossier of a unit the actor manages. */
  async create(actor: Actor, input: CreateDossierInput): Promise<Dossier> {
    const unitId =
      parseOptionalId(input.unitId, 'unitId') ??
      (actor.role === Role.UNIT_MANAGER ? actor.unitId : null);
    if (!unitId) throw new BadInputError(msg('dossier.unitRequired'), { field: 'unitId' });
    const title = requiredText(input.title, 'title', 300);
    const number = optionalText(input.number, 'number', 100) ?? null;
    const year = checkYear(input.year);
    const campaignId = parseOptionalId(input.campaignId, 'campaignId') ?? null;
    const awardKind = input.awardKind ?? AwardKind.THUONG_XUYEN;
    return this.dataSource.transaction(async (manager) => {
      await assertUnitInScope(manager, actor, unitId);
      if (campaignId) {
        const found = await queryOne(manager, sql`SELECT 1 FROM campaign WHERE id = ${campaignId}`);
        if (!found) throw new NotFoundError('Campaign', campaignId);
      }
      const row = await queryOne<Record<string, unknown>>(
        manager,
        sql`INSERT INTO dossier (number, title, unit_id, year, campaign_id, award_kind, status, created_by)
            VALUES (${number}, ${title}, ${unitId}, ${year}, ${campaignId}, ${awardKind}, ${S.DRAFT}, ${actor.username})
            RETURNING *`,
      );
      const dossier = entityRows(manager, Dossier).hydrate(row as Record<string, unknown>);
      return moveDossier(manager, dossier, S.DRAFT, actor, {}, true);
    });
  }

  /** Changes the title or letter number of a DRAFT or RETURNED dossier. */
  async update(actor: Actor, rawId: string, input: UpdateDossierInput): Promise<Dossier> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const dossier = await this.lockEditable(manager, actor, id);
      const title =
        input.title === undefined || input.title === null
          ? dossier.title
          : requiredText(input.title, 'title', 300);
      const number =
        input.number === undefined
          ? dossier.number
          : (optionalText(input.number, 'number', 100) ?? null);
      const row = await queryOne<Record<string, unknown>>(
        manager,
        sql`UPDATE dossier SET title = ${title}, number = ${number}, updated_at = now() WHERE id = ${id} RETURNING *`,
      );
      return entityRows(manager, Dossier).hydrate(row as Record<string, unknown>);
    });
  }

  /**
   * Proposes a person or collective of the dossier's unit subtree for an
   * award type. The rules run as a dry run and their checks are kept on the
   * nominee for the reviewer; a BLOCK does not refuse the nominee here (it
   * stops the dossier from going to the council).
   */
  async addNominee(
    actor: Actor,
    rawDossierId: string,
    input: AddNomineeInput,
  ): Promise<DossierNominee> {
    const dossierId = parseId(rawDossierId, 'dossierId');
    const personId = parseOptionalId(input.personId, 'personId');
    const unitId = parseOptionalId(input.unitId, 'unitId');
    if ((personId === undefined) === (unitId === undefined)) {
      throw new BadInputError(msg('dossier.recipientRequired'), { field: 'personId' });
    }
    const typeCode = requiredText(input.typeCode, 'typeCode', 60);
    const achievementIds = parseIds(input.achievementIds ?? []);
    const citation = optionalText(input.citation, 'citation', 2000) ?? null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const dossier = await this.lockEditable(manager, actor, dossierId);
        const type = await manager.findOneBy(AwardType, { code: typeCode });
        if (!type) throw new NotFoundError('AwardType', typeCode);
        await this.assertRecipientInUnit(manager, dossier, personId ?? null, unitId ?? null);
        const count = await queryOne<{ n: number }>(
          manager,
          sql`SELECT count(*)::int AS n FROM dossier_nominee WHERE dossier_id = ${dossierId}`,
        );
        if ((count?.n ?? 0) >= MAX_NOMINEES) {
          throw new BadInputError(msg('dossier.tooManyNominees', { max: MAX_NOMINEES }));
        }
        const checks = await this.dryRun(
          typeCode,
          dossier,
          personId ?? null,
          unitId ?? null,
          achievementIds,
        );
        const row = await queryOne<Record<string, unknown>>(
          manager,
          sql`INSERT INTO dossier_nominee (dossier_id, type_id, person_id, unit_id, achievement_ids, citation, checks, checked_at)
              VALUES (${dossierId}, ${type.id}, ${personId ?? null}, ${unitId ?? null}, ${achievementIds}::uuid[],
                      ${citation}, ${JSON.stringify(checks)}::jsonb, now())
              RETURNING *`,
        );
        await touch(manager, dossierId);
        return entityRows(manager, DossierNominee).hydrate(row as Record<string, unknown>);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'dossier_nominee_once'))
        throw new ConflictError(msg('dossier.nomineeTwice'));
      throw error;
    }
  }

  /** Changes the achievements or citation of a nominee (the rules run again). */
  async updateNominee(
    actor: Actor,
    rawId: string,
    input: UpdateNomineeInput,
  ): Promise<DossierNominee> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const nominee = await lockById(manager, DossierNominee, id);
      const dossier = await this.lockEditable(manager, actor, nominee.dossierId);
      const achievementIds = input.achievementIds
        ? parseIds(input.achievementIds)
        : nominee.achievementIds;
      const citation =
        input.citation === undefined
          ? nominee.citation
          : (optionalText(input.citation, 'citation', 2000) ?? null);
      const type = await manager.findOneByOrFail(AwardType, { id: nominee.typeId });
      const checks = await this.dryRun(
        type.code,
        dossier,
        nominee.personId,
        nominee.unitId,
        achievementIds,
      );
      const row = await queryOne<Record<string, unknown>>(
        manager,
        sql`UPDATE dossier_nominee SET achievement_ids = ${achievementIds}::uuid[], citation = ${citation},
                   checks = ${JSON.stringify(checks)}::jsonb, checked_at = now()
             WHERE id = ${id} RETURNING *`,
      );
      await touch(manager, dossier.id);
      return entityRows(manager, DossierNominee).hydrate(row as Record<string, unknown>);
    });
  }

  /** Takes a nominee (and the documents attached to it) out of a DRAFT or RETURNED dossier. */
  async removeNominee(actor: Actor, rawId: string): Promise<Dossier> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const nominee = await lockById(manager, DossierNominee, id);
      await this.lockEditable(manager, actor, nominee.dossierId);
      await query(manager, sql`DELETE FROM dossier_attachment WHERE nominee_id = ${id}`);
      await query(manager, sql`DELETE FROM dossier_nominee WHERE id = ${id}`);
      await touch(manager, nominee.dossierId);
      return lockById(manager, Dossier, nominee.dossierId);
    });
  }

  /**
   * Attaches an uploaded file. The unit attaches while the dossier is DRAFT
   * or RETURNED; the emulation office (SECRETARY) until it is final. The
   * file must belong to the dossier's unit subtree (FORBIDDEN otherwise).
   * Idempotent: the same file attached again with the same kind to the same
   * dossier or nominee returns the attachment it already has.
   */
  async attach(
    actor: Actor,
    rawDossierId: string,
    input: AttachFileInput,
  ): Promise<DossierAttachment> {
    const dossierId = parseId(rawDossierId, 'dossierId');
    const fileId = parseId(input.fileId, 'fileId');
    const nomineeId = parseOptionalId(input.nomineeId, 'nomineeId') ?? null;
    return this.dataSource.transaction(async (manager) => {
      const dossier = await lockById(manager, Dossier, dossierId);
      await this.assertMayAttach(manager, actor, dossier);
      const [file] = await entityRows(manager, StoredFile).selectIn(manager, 'id', [fileId]);
      if (!file) throw new NotFoundError('StoredFile', fileId);
      await this.files.assertReadable(manager, actor, file);
      const inside = await queryOne<{ inside: boolean }>(
        manager,
        sql`SELECT f.path LIKE d.path || '%' AS inside FROM unit f, unit d
             WHERE f.id = ${file.unitId} AND d.id = ${dossier.unitId}`,
      );
      if (!inside?.inside) throw new ForbiddenError(msg('dossier.fileOutsideUnit'));
      if (nomineeId) await this.assertNomineeOf(manager, dossierId, nomineeId);
      const rows = entityRows(manager, DossierAttachment);
      const added = await queryOne<Record<string, unknown>>(
        manager,
        sql`INSERT INTO dossier_attachment (dossier_id, nominee_id, kind, file_id, added_by)
            VALUES (${dossierId}, ${nomineeId}, ${input.kind}, ${fileId}, ${actor.username})
            ON CONFLICT (dossier_id, (coalesce(nominee_id, dossier_id)), kind, file_id) DO NOTHING
            RETURNING *`,
      );
      if (added) {
        await touch(manager, dossierId);
        return rows.hydrate(added);
      }
      // Attached already (a second click): the attachment it has, unchanged.
      const existing = await queryOne<Record<string, unknown>>(
        manager,
        sql`SELECT ${rows.columns()} FROM dossier_attachment t
             WHERE t.dossier_id = ${dossierId} AND t.nominee_id IS NOT DISTINCT FROM ${nomineeId}::uuid
               AND t.kind = ${input.kind} AND t.file_id = ${fileId}`,
      );
      return rows.hydrate(existing as Record<string, unknown>);
    });
  }

  /** Removes an attachment (the file itself stays); same rights as attach. */
  async detach(actor: Actor, rawId: string): Promise<Dossier> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const attachment = await lockById(manager, DossierAttachment, id);
      const dossier = await lockById(manager, Dossier, attachment.dossierId);
      await this.assertMayAttach(manager, actor, dossier);
      await query(manager, sql`DELETE FROM dossier_attachment WHERE id = ${id}`);
      await touch(manager, dossier.id);
      return lockById(manager, Dossier, dossier.id);
    });
  }

  /**
   * DRAFT or RETURNED → SUBMITTED, by the unit's manager: needs a nominee
   * and the submission letter (RULE_VIOLATION otherwise). The rules run
   * again for every nominee, return reasons are cleared (the history keeps
   * them), and the office's deadline starts: its processing time in working
   * days after today.
   */
  async submit(actor: Actor, rawId: string): Promise<Dossier> {
    const id = parseId(rawId);
    if (actor.role !== Role.UNIT_MANAGER && actor.role !== Role.ADMIN) {
      throw new ForbiddenError(msg('dossier.submitByUnit'));
    }
    // Scope, state and documents first: a refused submission (a second click) runs no rules.
    const current = await this.readForMove(actor, id, S.SUBMITTED);
    await assertReadyToSubmit(this.dataSource.manager, current);
    await this.rerunRules(current);
    return this.dataSource.transaction(async (manager) => {
      const dossier = await lockById(manager, Dossier, id);
      await assertUnitInScope(manager, actor, dossier.unitId);
      // Checked again under the lock: another request may have moved it meanwhile.
      DOSSIER_LIFECYCLE.assertTransition(dossier.status, S.SUBMITTED);
      await assertReadyToSubmit(manager, dossier);
      const deadline = await this.deadlineFrom(
        manager,
        ReviewLevel.REVIEW,
        dossier.interAgencyConsultation,
      );
      await query(
        manager,
        sql`UPDATE dossier_nominee SET return_reason = NULL WHERE dossier_id = ${id}`,
      );
      return moveDossier(manager, dossier, S.SUBMITTED, actor, { deadline, returnReason: null });
    });
  }

  /** DRAFT, SUBMITTED or RETURNED → WITHDRAWN, by the unit; its deadline ends. */
  async withdraw(
    actor: Actor,
    rawId: string,
    rawReason: string | null | undefined,
  ): Promise<Dossier> {
    const id = parseId(rawId);
    const reason = optionalText(rawReason, 'reason', 2000) ?? null;
    return this.dataSource.transaction(async (manager) => {
      const dossier = await lockById(manager, Dossier, id);
      await assertUnitInScope(manager, actor, dossier.unitId);
      return moveDossier(manager, dossier, S.WITHDRAWN, actor, {
        reason,
        deadline: { levelStartedOn: null, dueOn: null },
      });
    });
  }

  // ---- The office's side ------------------------------------------------

  /** SUBMITTED → UNDER_REVIEW (SECRETARY): the office takes the dossier; the deadline runs on. */
  async startReview(actor: Actor, rawId: string): Promise<Dossier> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const dossier = await lockById(manager, Dossier, id);
      return moveDossier(manager, dossier, S.UNDER_REVIEW, actor);
    });
  }

  /**
   * SUBMITTED or UNDER_REVIEW → RETURNED (SECRETARY), with a reason for the
   * whole dossier and/or per nominee (BAD_USER_INPUT with neither, or for a
   * nominee of another dossier). The unit holds it again: no deadline.
   */
  async returnToUnit(actor: Actor, rawId: string, input: ReturnDossierInput): Promise<Dossier> {
    const id = parseId(rawId);
    const reason = optionalText(input.reason, 'reason', 2000) ?? null;
    const nomineeReasons: NomineeReason[] = (input.nominees ?? []).map((entry, i) => ({
      nomineeId: parseId(entry.nomineeId, `nominees[${i}].nomineeId`),
      reason: requiredText(entry.reason, `nominees[${i}].reason`, 2000),
    }));
    if (!reason && nomineeReasons.length === 0) {
      throw new BadInputError(msg('dossier.returnNeedsReason'), { field: 'reason' });
    }
    return this.dataSource.transaction(async (manager) => {
      const dossier = await lockById(manager, Dossier, id);
      for (const entry of nomineeReasons) {
        await this.assertNomineeOf(manager, id, entry.nomineeId);
        await query(
          manager,
          sql`UPDATE dossier_nominee SET return_reason = ${entry.reason} WHERE id = ${entry.nomineeId}`,
        );
      }
      return moveDossier(manager, dossier, S.RETURNED, actor, {
        reason,
        nomineeReasons,
        returnReason: reason,
        deadline: { levelStartedOn: null, dueOn: null },
      });
    });
  }

  /**
   * UNDER_REVIEW → TO_COUNCIL (SECRETARY): every nominee becomes a NOMINATED
   * award of the dossier's unit, checked by the rules with their locks, all
   * or none. A BLOCK on any nominee refuses the move with RULE_VIOLATION
   * (`extensions.checks` holds the failed checks, each with its nomineeId).
   * The council's deadline starts.
   */
  async sendToCouncil(actor: Actor, rawId: string): Promise<Dossier> {
    const id = parseId(rawId);
    // Scope and state first: a dossier that cannot move (a second click) runs no rules.
    const current = await this.readForMove(actor, id, S.TO_COUNCIL, [Role.SECRETARY]);
    const blocked = await this.rerunRules(current);
    if (blocked.length) throw blockedError(blocked);
    return this.dataSource.transaction(async (manager) => {
      const dossier = await lockById(manager, Dossier, id);
      const nominees = await entityRows(manager, DossierNominee).select(
        manager,
        sql`t.dossier_id = ${id}`,
        { addedAt: 'ASC', id: 'ASC' },
      );
      const deadline = await this.deadlineFrom(
        manager,
        ReviewLevel.COUNCIL,
        dossier.interAgencyConsultation,
      );
      const moved = await moveDossier(manager, dossier, S.TO_COUNCIL, actor, { deadline });
      const types = new Map((await manager.find(AwardType)).map((t) => [t.id, t.code]));
      const failed: NomineeChecks[] = [];
      for (const nominee of nominees) {
        try {
          const award = await this.awards.nominateWith(
            manager,
            { ...actor, role: Role.SECRETARY },
            {
              typeCode: types.get(nominee.typeId) as string,
              personId: nominee.personId,
              unitId: nominee.unitId,
              year: dossier.year,
              achievementIds: nominee.achievementIds,
              citation: nominee.citation,
              campaignId: dossier.campaignId,
              kind: dossier.awardKind,
            },
            { nominatedById: dossier.unitId },
          );
          await query(
            manager,
            sql`UPDATE dossier_nominee SET award_id = ${award.id} WHERE id = ${nominee.id}`,
          );
        } catch (error) {
          if (!(error instanceof RuleViolationError)) throw error;
          const checks = (error.extensions.checks as Record<string, unknown>[] | undefined) ?? [];
          failed.push({
            nomineeId: nominee.id,
            checks: checks.filter((c) => c.outcome === RuleOutcome.BLOCK),
          });
        }
      }
      if (failed.length) throw blockedError(failed);
      return moved;
    });
  }

  /** DECIDED → PUBLISHED (SECRETARY): the decision was published to the unit. */
  async publish(actor: Actor, rawId: string): Promise<Dossier> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const dossier = await lockById(manager, Dossier, id);
      return moveDossier(manager, dossier, S.PUBLISHED, actor);
    });
  }

  /**
   * Whether other agencies are consulted (SECRETARY): the current level's
   * deadline is counted again from its start with the longer (or shorter)
   * processing time. The change is a step of the dossier's history (who,
   * when, the due date before and after) and a dossierUpdated event
   * (DEADLINE_CHANGED); setting what is already set, to the same due date,
   * changes nothing.
   * RULE_VIOLATION once the dossier is final.
   */
  async setConsultation(actor: Actor, rawId: string, consulted: boolean): Promise<Dossier> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const dossier = await lockById(manager, Dossier, id);
      if ([S.DECIDED, S.PUBLISHED, S.WITHDRAWN].includes(dossier.status)) {
        throw new RuleViolationError(msg('dossier.notEditable', { status: dossier.status }));
      }
      let dueOn = dossier.dueOn;
      if (dossier.levelStartedOn) {
        const level = dossier.status === S.TO_COUNCIL ? ReviewLevel.COUNCIL : ReviewLevel.REVIEW;
        const days = await this.calendar.processingDays(level, consulted, manager);
        dueOn = await this.calendar.addWorkingDays(dossier.levelStartedOn, days, manager);
      }
      if (dossier.interAgencyConsultation === consulted && dossier.dueOn === dueOn) return dossier;
      const row = await queryOne<Record<string, unknown>>(
        manager,
        sql`UPDATE dossier SET inter_agency_consultation = ${consulted}, due_on = ${dueOn}, updated_at = now()
             WHERE id = ${id} RETURNING *`,
      );
      const updated = entityRows(manager, Dossier).hydrate(row as Record<string, unknown>);
      await recordConsultation(manager, updated, dossier.dueOn, actor);
      return updated;
    });
  }

  /**
   * Runs the rules again for every nominee (a dry run) and keeps the checks
   * on them; returns the nominees with a BLOCK. The actor must be the office
   * or manage the unit (FORBIDDEN otherwise).
   */
  async recheck(actor: Actor, rawId: string): Promise<NomineeChecks[]> {
    const id = parseId(rawId);
    const manager = this.dataSource.manager;
    const dossier = await readDossier(manager, id);
    await assertUnitInScope(manager, actor, dossier.unitId, [Role.SECRETARY]);
    return this.rerunRules(dossier);
  }

  /** Runs the rules for every nominee of `dossier` and keeps the checks; returns the BLOCKed ones. */
  private async rerunRules(dossier: Dossier): Promise<NomineeChecks[]> {
    const manager = this.dataSource.manager;
    const nominees = await entityRows(manager, DossierNominee).select(
      manager,
      sql`t.dossier_id = ${dossier.id}`,
      {
        addedAt: 'ASC',
        id: 'ASC',
      },
    );
    const types = new Map((await manager.find(AwardType)).map((t) => [t.id, t.code]));
    const blocked: NomineeChecks[] = [];
    for (const nominee of nominees) {
      const checks = await this.dryRun(
        types.get(nominee.typeId) as string,
        dossier,
        nominee.personId,
        nominee.unitId,
        nominee.achievementIds,
      );
      await query(
        manager,
        sql`UPDATE dossier_nominee SET checks = ${JSON.stringify(checks)}::jsonb, checked_at = now() WHERE id = ${nominee.id}`,
      );
      const blocks = checks.filter((c) => c.outcome === RuleOutcome.BLOCK);
      if (blocks.length) {
        blocked.push({ nomineeId: nominee.id, checks: blocks.map(checkExtension) });
      }
    }
    return blocked;
  }

  // ---- Deadlines ------------------------------------------------------------

  /**
   * The daily check: logs a DOSSIER_OVERDUE event for each dossier whose due
   * date passed before `on` (today by default) while a level still holds it,
   * once per due date. Safe with several API processes running it at once:
   * each dossier's mark is set by one UPDATE, and a concurrent one re-reads
   * the row after the first commits and finds it marked. Returns the ids.
   */
  async checkDeadlines(on: string | null = null): Promise<string[]> {
    const day = on ?? this.today();
    return this.dataSource.transaction(async (manager) => {
      const rows = await query<{ id: string }>(
        manager,
        sql`UPDATE dossier SET overdue_notified_on = due_on
             WHERE due_on < ${day} AND status = ANY(${PENDING})
               AND overdue_notified_on IS DISTINCT FROM due_on
           RETURNING id`,
      );
      const ids = rows.map((r) => r.id).sort();
      for (const dossierId of ids)
        await appendEvent(manager, { type: EventType.DOSSIER_OVERDUE, dossierId });
      return ids;
    });
  }

  // ---- Helpers ----------------------------------------------------------------

  /**
   * The dossier, unlocked, once the actor may move it to `to`: NOT_FOUND for
   * none, FORBIDDEN outside the actor's scope (ADMIN and `unrestricted`
   * anywhere, a UNIT_MANAGER in its subtree), then RULE_VIOLATION naming both
   * states when the lifecycle forbids the move. In this order, so that a
   * refusal never depends on the state of a dossier the actor may not touch.
   */
  private async readForMove(
    actor: Actor,
    id: string,
    to: DossierStatus,
    unrestricted: readonly Role[] = [],
  ): Promise<Dossier> {
    const manager = this.dataSource.manager;
    const dossier = await readDossier(manager, id);
    await assertUnitInScope(manager, actor, dossier.unitId, unrestricted);
    DOSSIER_LIFECYCLE.assertTransition(dossier.status, to);
    return dossier;
  }

  /** The level's start (today) and deadline. */
  private async deadlineFrom(manager: EntityManager, level: ReviewLevel, consulted: boolean) {
    const today = this.today();
    const days = await this.calendar.processingDays(level, consulted, manager);
    return {
      levelStartedOn: today,
      dueOn: await this.calendar.addWorkingDays(today, days, manager),
    };
  }

  /** Locks a dossier the actor's unit may edit now; RULE_VIOLATION unless DRAFT or RETURNED. */
  private async lockEditable(manager: EntityManager, actor: Actor, id: string): Promise<Dossier> {
    const dossier = await lockById(manager, Dossier, id);
    await assertUnitInScope(manager, actor, dossier.unitId);
    if (!(EDITABLE as readonly DossierStatus[]).includes(dossier.status)) {
      throw new RuleViolationError(msg('dossier.notEditable', { status: dossier.status }));
    }
    return dossier;
  }

  private async assertMayAttach(
    manager: EntityManager,
    actor: Actor,
    dossier: Dossier,
  ): Promise<void> {
    if (actor.role === Role.SECRETARY || actor.role === Role.ADMIN) {
      if ([S.PUBLISHED, S.WITHDRAWN].includes(dossier.status)) {
        throw new RuleViolationError(msg('dossier.notEditable', { status: dossier.status }));
      }
      return;
    }
    await assertUnitInScope(manager, actor, dossier.unitId);
    if (!(EDITABLE as readonly DossierStatus[]).includes(dossier.status)) {
      throw new RuleViolationError(msg('dossier.officeAttachOnly', { status: dossier.status }));
    }
  }

  private async assertNomineeOf(
    manager: EntityManager,
    dossierId: string,
    nomineeId: string,
  ): Promise<void> {
    const found = await queryOne(
      manager,
      sql`SELECT 1 FROM dossier_nominee WHERE id = ${nomineeId} AND dossier_id = ${dossierId}`,
    );
    if (!found)
      throw new BadInputError(msg('dossier.nomineeNotInDossier', { nomineeId }), {
        field: 'nomineeId',
      });
  }

  /** NOT_FOUND for an unknown recipient; FORBIDDEN outside the dossier's unit subtree. */
  private async assertRecipientInUnit(
    manager: EntityManager,
    dossier: Dossier,
    personId: string | null,
    unitId: string | null,
  ): Promise<void> {
    let recipientUnitId = unitId;
    if (personId) {
      const person = await manager.findOneBy(Person, { id: personId });
      if (!person) throw new NotFoundError('Person', personId);
      recipientUnitId = person.unitId;
    }
    const row = await queryOne<{ inside: boolean }>(
      manager,
      sql`SELECT r.path LIKE d.path || '%' AS inside FROM unit r, unit d
           WHERE r.id = ${recipientUnitId} AND d.id = ${dossier.unitId}`,
    );
    if (!row) throw new NotFoundError('Unit', recipientUnitId as string);
    if (!row.inside) throw new ForbiddenError(msg('dossier.recipientOutsideUnit'));
  }

  /**
   * The rules' checks for one nominee of the dossier (its year and award
   * kind), as eligibility runs them today (nothing is written).
   */
  private async dryRun(
    typeCode: string,
    dossier: Pick<Dossier, 'year' | 'awardKind'>,
    personId: string | null,
    unitId: string | null,
    achievementIds: string[],
  ): Promise<Check[]> {
    const evaluation = await this.awards.eligibility({
      typeCode,
      year: dossier.year,
      kind: dossier.awardKind,
      personId,
      unitId,
      achievementIds,
    });
    return evaluation.checks.map((c): Check => ({
      rule: c.rule,
      outcome: c.outcome,
      message: c.message,
      legalBasis: c.legalBasis,
    }));
  }
}

/** Working days after `from` up to `to` (negative when `to` is earlier), with the exceptions loaded. */
function countWorkingDays(from: string, to: string, exceptions: Exceptions): number {
  const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = shiftDay(low, 1); day <= high; day = shiftDay(day, 1)) {
    if (isWorkingDay(day, exceptions)) count++;
  }
  return sign * count;
}

function parseIds(ids: readonly string[]): string[] {
  const parsed = [...new Set(ids.map((id, i) => parseId(id, `achievementIds[${i}]`)))];
  if (parsed.length > MAX_CITED) {
    throw new BadInputError(msg('nomination.tooManyCited', { max: MAX_CITED }), {
      field: 'achievementIds',
    });
  }
  return parsed;
}

/** A dossier by id, unlocked; NOT_FOUND when there is none. */
async function readDossier(manager: EntityManager, id: string): Promise<Dossier> {
  const [dossier] = await entityRows(manager, Dossier).selectIn(manager, 'id', [id]);
  if (!dossier) throw new NotFoundError('Dossier', id);
  return dossier;
}

/** RULE_VIOLATION unless the dossier has a nominee and its submission letter. */
async function assertReadyToSubmit(manager: EntityManager, dossier: Dossier): Promise<void> {
  const [{ nominees, letters }] = (await query<{ nominees: number; letters: number }>(
    manager,
    sql`SELECT (SELECT count(*)::int FROM dossier_nominee WHERE dossier_id = ${dossier.id}) AS nominees,
               (SELECT count(*)::int FROM dossier_attachment
                 WHERE dossier_id = ${dossier.id} AND nominee_id IS NULL AND kind = ${AttachmentKind.SUBMISSION_LETTER}) AS letters`,
  )) as [{ nominees: number; letters: number }];
  if (nominees === 0) throw new RuleViolationError(msg('dossier.noNominees'));
  if (letters === 0) throw new RuleViolationError(msg('dossier.letterMissing'));
}

async function touch(manager: EntityManager, dossierId: string): Promise<void> {
  await query(manager, sql`UPDATE dossier SET updated_at = now() WHERE id = ${dossierId}`);
}

function blockedError(failed: NomineeChecks[]): RuleViolationError {
  return new RuleViolationError(msg('dossier.blocked', { count: failed.length }), {
    checks: failed.flatMap((f) => f.checks.map((check) => ({ ...check, nomineeId: f.nomineeId }))),
  });
}
