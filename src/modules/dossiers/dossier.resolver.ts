import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import { Recipient } from '../../common/recipient';
import { LocalDateScalar } from '../../common/scalars';
import type { Context } from '../../context';
import { decodeOptionalEventCursor, encodeEventCursor } from '../../realtime/cursor';
import { EventType, type LoggedEvent } from '../../realtime/event-log';
import { RealtimeService } from '../../realtime/realtime.service';
import { Role } from '../accounts/account.entity';
import { Achievement } from '../achievements/achievement.entity';
import { AwardType } from '../awards/award-type.entity';
import { awardTypeOf } from '../awards/award-type.resolver';
import { Award } from '../awards/award.entity';
import { EligibilityCheck } from '../awards/award.types';
import { RuleOutcome, viewCheck } from '../awards/rules/rule';
import { AwardDecision, CouncilMeeting } from '../awards/council.entity';
import { render } from '../../i18n/i18n';
import { Campaign } from '../campaigns/campaign.entity';
import { checkDay } from '../../common/dates';
import { StoredFile } from '../files/stored-file.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import {
  AttachmentKind,
  Dossier,
  DossierAttachment,
  DossierNominee,
  DossierTransition,
} from './dossier.entity';
import {
  AddNomineeInput,
  AttachFileInput,
  CreateDossierInput,
  DossierFilter,
  ReturnDossierInput,
  UpdateDossierInput,
  UpdateNomineeInput,
} from './dossier.inputs';
import { DossierService } from './dossier.service';
import {
  DossierDeadlines,
  DossierUpdate,
  DossierUpdateKind,
  MissingDocument,
} from './dossier.types';

export const DossierConnection = connectionType(Dossier, 'Dossier');

/** Roles that may subscribe to dossierUpdated (a UNIT_MANAGER for its own subtree). */
const DOSSIER_SUBSCRIBERS = [Role.VIEWER, Role.SECRETARY, Role.COUNCIL, Role.UNIT_MANAGER];

function service(ctx: Context): DossierService {
  return ctx.services.get(DossierService);
}

function nomineesOf(ctx: Context, dossierId: string): Promise<DossierNominee[]> {
  return ctx.loaders
    .manyBy(DossierNominee, 'dossierId', { addedAt: 'ASC', id: 'ASC' })
    .load(dossierId);
}

function attachmentsOf(ctx: Context, dossierId: string): Promise<DossierAttachment[]> {
  return ctx.loaders
    .manyBy(DossierAttachment, 'dossierId', { addedAt: 'ASC', id: 'ASC' })
    .load(dossierId);
}

function councilOutcomeOf(
  ctx: Context,
  dossierId: string,
): Promise<{ meetings: CouncilMeeting[]; decisions: AwardDecision[] }> {
  return ctx.loaders
    .get<string, { meetings: CouncilMeeting[]; decisions: AwardDecision[] }>(
      'Dossier.councilOutcome',
      (ids) => service(ctx).councilOutcomes(ids),
    )
    .load(dossierId);
}

@Resolver(() => Dossier)
export class DossierResolver {
  @Query(() => Dossier, {
    nullable: true,
    description:
      'A dossier by id; null when there is none. SECRETARY, COUNCIL, VIEWER and ADMIN read every dossier; a UNIT_MANAGER those of its subtree (FORBIDDEN otherwise); MEMBER none.',
  })
  dossier(
    @Arg('id', () => ID, { description: "The dossier's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier | null> {
    return service(ctx).get(requireActor(ctx), id);
  }

  @Query(() => DossierConnection, {
    description:
      "Dossiers of a unit's subtree, newest first. A UNIT_MANAGER sees its own subtree only.",
  })
  dossiers(
    @Ctx() ctx: Context,
    @Arg('filter', () => DossierFilter, { nullable: true, description: 'Narrows the list.' })
    filter?: DossierFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Dossier>> {
    return service(ctx).list(requireActor(ctx), filter, { first: first ?? 20, after });
  }

  @Query(() => DossierDeadlines, {
    description:
      "The dashboard of deadlines: a unit subtree's dossiers that a level holds past their due date, and those due soon.",
  })
  dossierDeadlines(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID, { description: 'The unit whose subtree is shown.' }) unitId: string,
    @Arg('on', () => LocalDateScalar, {
      nullable: true,
      description: 'The day to measure on; today in Vietnam by default.',
    })
    on?: string | null,
    @Arg('dueWithin', () => Int, {
      nullable: true,
      defaultValue: 3,
      description: '"Due soon" means within this many working days (0 to 60; 3 by default).',
    })
    dueWithin?: number | null,
  ): Promise<DossierDeadlines> {
    return service(ctx).deadlines(
      requireActor(ctx),
      unitId,
      on ? checkDay(on, 'on') : null,
      dueWithin ?? 3,
    );
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Dossier, {
    description: 'Creates a DRAFT dossier of a unit the UNIT_MANAGER manages (ADMIN: any unit).',
  })
  createDossier(
    @Arg('input', () => CreateDossierInput, { description: 'The dossier.' })
    input: CreateDossierInput,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).create(requireActor(ctx), input);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Dossier, { description: 'Changes a DRAFT or RETURNED dossier.' })
  updateDossier(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Arg('input', () => UpdateDossierInput, { description: 'The changes.' })
    input: UpdateDossierInput,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).update(requireActor(ctx), id, input);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => DossierNominee, {
    description:
      "Proposes a person or collective of the dossier's unit subtree. The rules run as a dry run and their checks are kept on the nominee; a BLOCK does not refuse it here but stops the dossier from going to the council. CONFLICT when the recipient is already proposed for that type.",
  })
  addDossierNominee(
    @Arg('dossierId', () => ID, { description: 'The DRAFT or RETURNED dossier.' })
    dossierId: string,
    @Arg('input', () => AddNomineeInput, { description: 'The nominee.' }) input: AddNomineeInput,
    @Ctx() ctx: Context,
  ): Promise<DossierNominee> {
    return service(ctx).addNominee(requireActor(ctx), dossierId, input);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => DossierNominee, {
    description: "Changes a nominee's achievements or citation; the rules run again.",
  })
  updateDossierNominee(
    @Arg('id', () => ID, { description: 'The nominee.' }) id: string,
    @Arg('input', () => UpdateNomineeInput, { description: 'The changes.' })
    input: UpdateNomineeInput,
    @Ctx() ctx: Context,
  ): Promise<DossierNominee> {
    return service(ctx).updateNominee(requireActor(ctx), id, input);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Dossier, {
    description: 'Takes a nominee and its documents out of a DRAFT or RETURNED dossier.',
  })
  removeDossierNominee(
    @Arg('id', () => ID, { description: 'The nominee.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).removeNominee(requireActor(ctx), id);
  }

  @Authorized(Role.UNIT_MANAGER, Role.SECRETARY)
  @Mutation(() => DossierAttachment, {
    description:
      "Attaches an uploaded file (PUT /files) to a dossier or one of its nominees. The unit attaches while the dossier is DRAFT or RETURNED, the SECRETARY until it is final. The file must belong to the dossier's unit subtree (FORBIDDEN otherwise). Attaching the same file with the same kind to the same dossier or nominee again returns the attachment it already has.",
  })
  attachToDossier(
    @Arg('dossierId', () => ID, { description: 'The dossier.' }) dossierId: string,
    @Arg('input', () => AttachFileInput, { description: 'The file and what it is.' })
    input: AttachFileInput,
    @Ctx() ctx: Context,
  ): Promise<DossierAttachment> {
    return service(ctx).attach(requireActor(ctx), dossierId, input);
  }

  @Authorized(Role.UNIT_MANAGER, Role.SECRETARY)
  @Mutation(() => Dossier, {
    description: 'Removes an attachment (the file stays); same rights as attachToDossier.',
  })
  detachFromDossier(
    @Arg('id', () => ID, { description: 'The attachment.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).detach(requireActor(ctx), id);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Dossier, {
    description:
      "DRAFT or RETURNED -> SUBMITTED, by the unit's manager: needs a nominee and the submission letter (RULE_VIOLATION otherwise). The office's deadline starts: its processing time in working days after today.",
  })
  submitDossier(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).submit(requireActor(ctx), id);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Dossier, {
    description: 'DRAFT, SUBMITTED or RETURNED -> WITHDRAWN, by the unit. Final.',
  })
  withdrawDossier(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, if you wish.' })
    reason: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).withdraw(requireActor(ctx), id, reason);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Dossier, {
    description: 'SUBMITTED -> UNDER_REVIEW: the emulation office takes the dossier.',
  })
  startDossierReview(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).startReview(requireActor(ctx), id);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Dossier, {
    description:
      'SUBMITTED or UNDER_REVIEW -> RETURNED, with a reason for the whole dossier and/or per nominee (kept in the history). The unit fixes it and submits again.',
  })
  returnDossier(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Arg('input', () => ReturnDossierInput, { description: 'Why.' }) input: ReturnDossierInput,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).returnToUnit(requireActor(ctx), id, input);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Dossier, {
    description:
      "UNDER_REVIEW -> TO_COUNCIL: every nominee becomes a NOMINATED award of the dossier's unit, all or none. RULE_VIOLATION when a nominee fails a BLOCK rule (extensions.checks, each with its nomineeId). The council decides the awards at a meeting (holdCouncilMeeting, with the decision for the register); the meeting that decides the last makes the dossier DECIDED.",
  })
  sendDossierToCouncil(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).sendToCouncil(requireActor(ctx), id);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Dossier, { description: 'DECIDED -> PUBLISHED: the decision reached the unit.' })
  publishDossier(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).publish(requireActor(ctx), id);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Dossier, {
    description:
      "Whether other agencies are consulted: the current level's deadline is counted again from its start with the matching processing time (20 working days instead of 10 by default). The change is a step of the dossier's history (consultation, previousDueOn, dueOn) and a DEADLINE_CHANGED dossierUpdated event; setting what is already set changes nothing.",
  })
  setDossierConsultation(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Arg('consulted', () => Boolean, { description: 'True while other agencies are consulted.' })
    consulted: boolean,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    return service(ctx).setConsultation(requireActor(ctx), id, consulted);
  }

  @Authorized(Role.UNIT_MANAGER, Role.SECRETARY)
  @Mutation(() => Dossier, {
    description:
      'Runs the rules again for every nominee (e.g. after an achievement was verified) and keeps the checks.',
  })
  async recheckDossier(
    @Arg('id', () => ID, { description: 'The dossier.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Dossier> {
    const actor = requireActor(ctx);
    await service(ctx).recheck(actor, id);
    return (await service(ctx).get(actor, id)) as Dossier;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => [Dossier], {
    description:
      'Runs the daily deadline check now (it also runs in every API process every DEADLINE_CHECK_MINUTES): logs an OVERDUE update for each dossier newly past its due date. Returns those dossiers.',
  })
  async runDeadlineCheck(
    @Ctx() ctx: Context,
    @Arg('on', () => LocalDateScalar, {
      nullable: true,
      description: 'Check as of this day; today in Vietnam by default.',
    })
    on?: string | null,
  ): Promise<Dossier[]> {
    const ids = await service(ctx).checkDeadlines(on ? checkDay(on, 'on') : null);
    const found = await ctx.loaders.byId(Dossier).loadMany(ids);
    return found.filter((d): d is Dossier => d instanceof Dossier);
  }

  @FieldResolver(() => Unit, { description: 'The proposing unit.' })
  async unit(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(dossier.unitId)) as Unit;
  }

  @FieldResolver(() => Campaign, { nullable: true, description: 'The campaign, if any.' })
  campaign(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<Campaign | null> | null {
    return dossier.campaignId ? ctx.loaders.byId(Campaign).load(dossier.campaignId) : null;
  }

  @FieldResolver(() => [DossierNominee], { description: 'The nominees, in the order added.' })
  nominees(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<DossierNominee[]> {
    return nomineesOf(ctx, dossier.id);
  }

  @FieldResolver(() => [DossierAttachment], {
    description: "Every document attached, the dossier's own and its nominees'.",
  })
  attachments(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<DossierAttachment[]> {
    return attachmentsOf(ctx, dossier.id);
  }

  @FieldResolver(() => [DossierTransition], {
    description: 'Every step of its lifecycle, oldest first: who, when, why.',
  })
  history(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<DossierTransition[]> {
    return ctx.loaders
      .manyBy(DossierTransition, 'dossierId', { at: 'ASC', id: 'ASC' })
      .load(dossier.id);
  }

  @FieldResolver(() => [MissingDocument], {
    description:
      'Documents the office expects and the dossier lacks: the submission letter; for each nominee an achievement report, and the grassroots council minutes unless the dossier has its own.',
  })
  async missingDocuments(
    @Root() dossier: Dossier,
    @Ctx() ctx: Context,
  ): Promise<MissingDocument[]> {
    const [nominees, attachments] = await Promise.all([
      nomineesOf(ctx, dossier.id),
      attachmentsOf(ctx, dossier.id),
    ]);
    const has = (kind: AttachmentKind, nomineeId: string | null) =>
      attachments.some((a) => a.kind === kind && a.nomineeId === nomineeId);
    const missing: MissingDocument[] = [];
    if (!has(AttachmentKind.SUBMISSION_LETTER, null)) {
      missing.push({ kind: AttachmentKind.SUBMISSION_LETTER, nominee: null });
    }
    const dossierMinutes = has(AttachmentKind.GRASSROOTS_COUNCIL_MINUTES, null);
    for (const nominee of nominees) {
      if (!has(AttachmentKind.ACHIEVEMENT_REPORT, nominee.id)) {
        missing.push({ kind: AttachmentKind.ACHIEVEMENT_REPORT, nominee });
      }
      if (!dossierMinutes && !has(AttachmentKind.GRASSROOTS_COUNCIL_MINUTES, nominee.id)) {
        missing.push({ kind: AttachmentKind.GRASSROOTS_COUNCIL_MINUTES, nominee });
      }
    }
    return missing;
  }

  @FieldResolver(() => [CouncilMeeting], {
    description:
      'The council meetings that decided its nominees (holdCouncilMeeting), oldest first; empty until the council votes.',
  })
  async councilMeetings(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<CouncilMeeting[]> {
    return (await councilOutcomeOf(ctx, dossier.id)).meetings;
  }

  @FieldResolver(() => [AwardDecision], {
    description:
      "The decisions of the register that approved its nominees (number, date, signer, issuing body), oldest first; empty while none is approved. The decision's annex: GET /exports/decisions/{id}/annex.xlsx.",
  })
  async decisions(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<AwardDecision[]> {
    return (await councilOutcomeOf(ctx, dossier.id)).decisions;
  }

  @FieldResolver(() => Int, {
    description:
      'Nominees whose last rule checks hold a BLOCK: the dossier cannot go to the council while any do.',
  })
  async blockedNominees(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<number> {
    const nominees = await nomineesOf(ctx, dossier.id);
    return nominees.filter((n) => n.checks.some((c) => c.outcome === RuleOutcome.BLOCK)).length;
  }
}

@Resolver(() => DossierNominee)
export class DossierNomineeResolver {
  @FieldResolver(() => AwardType, { description: 'The award type proposed.' })
  awardType(@Root() nominee: DossierNominee, @Ctx() ctx: Context): Promise<AwardType> {
    return awardTypeOf(ctx, nominee.typeId);
  }

  @FieldResolver(() => Recipient, { description: 'The person, or the unit as a collective.' })
  async recipient(@Root() nominee: DossierNominee, @Ctx() ctx: Context): Promise<Person | Unit> {
    const found = nominee.personId
      ? await ctx.loaders.byId(Person).load(nominee.personId)
      : await ctx.loaders.byId(Unit).load(nominee.unitId as string);
    return found as Person | Unit;
  }

  @FieldResolver(() => [Achievement], { description: 'The achievements cited.' })
  async achievements(@Root() nominee: DossierNominee, @Ctx() ctx: Context): Promise<Achievement[]> {
    const found = await ctx.loaders.byId(Achievement).loadMany(nominee.achievementIds);
    return found.filter((a): a is Achievement => a instanceof Achievement);
  }

  @FieldResolver(() => [EligibilityCheck], {
    description:
      'The rule checks as last run (when added or changed, at submission, on recheckDossier): WARNs are for the reviewer, a BLOCK stops the dossier at the council.',
  })
  checks(@Root() nominee: DossierNominee, @Ctx() ctx: Context): EligibilityCheck[] {
    return nominee.checks.map((c) =>
      viewCheck({ ...c, outcome: c.outcome as RuleOutcome }, ctx.language),
    );
  }

  @FieldResolver(() => [String], {
    description: "The WARN messages of the last checks, in the reader's language.",
  })
  warnings(@Root() nominee: DossierNominee, @Ctx() ctx: Context): string[] {
    return nominee.checks
      .filter((c) => c.outcome === RuleOutcome.WARN)
      .map((c) => render(c.message, ctx.language));
  }

  @FieldResolver(() => Award, {
    nullable: true,
    description: 'The award nominated when the dossier went to the council; null before.',
  })
  award(@Root() nominee: DossierNominee, @Ctx() ctx: Context): Promise<Award | null> | null {
    return nominee.awardId ? ctx.loaders.byId(Award).load(nominee.awardId) : null;
  }

  @FieldResolver(() => [DossierAttachment], {
    description: 'The documents attached to this nominee.',
  })
  attachments(@Root() nominee: DossierNominee, @Ctx() ctx: Context): Promise<DossierAttachment[]> {
    return ctx.loaders
      .manyBy(DossierAttachment, 'nomineeId', { addedAt: 'ASC', id: 'ASC' })
      .load(nominee.id);
  }
}

@Resolver(() => DossierTransition)
export class DossierTransitionResolver {
  @FieldResolver(() => CouncilMeeting, {
    nullable: true,
    description:
      'The council meeting whose votes made the dossier DECIDED; null for every other step.',
  })
  councilMeeting(
    @Root() step: DossierTransition,
    @Ctx() ctx: Context,
  ): Promise<CouncilMeeting | null> | null {
    return step.councilMeetingId
      ? ctx.loaders.byId(CouncilMeeting).load(step.councilMeetingId)
      : null;
  }
}

@Resolver(() => DossierAttachment)
export class DossierAttachmentResolver {
  @FieldResolver(() => StoredFile, { description: 'The file: download it with GET /files/{id}.' })
  async file(@Root() attachment: DossierAttachment, @Ctx() ctx: Context): Promise<StoredFile> {
    return (await ctx.loaders.byId(StoredFile).load(attachment.fileId)) as StoredFile;
  }

  @FieldResolver(() => DossierNominee, {
    nullable: true,
    description: 'The nominee it is about; null for the whole dossier.',
  })
  nominee(
    @Root() attachment: DossierAttachment,
    @Ctx() ctx: Context,
  ): Promise<DossierNominee | null> | null {
    return attachment.nomineeId
      ? ctx.loaders.byId(DossierNominee).load(attachment.nomineeId)
      : null;
  }
}

@Resolver(() => StoredFile)
export class StoredFileResolver {
  @FieldResolver(() => String, {
    description: 'Where to download it: /files/{id}, with the bearer token.',
  })
  url(@Root() file: StoredFile): string {
    return `/files/${file.id}`;
  }
}

@Resolver(() => DossierUpdate)
export class DossierUpdateResolver {
  @FieldResolver(() => String, { description: 'Opaque; pass as `after` to resume right after it.' })
  cursor(@Root() event: LoggedEvent): string {
    return encodeEventCursor(event.position);
  }

  @FieldResolver(() => DossierUpdateKind, { description: 'What happened.' })
  async kind(@Root() event: LoggedEvent, @Ctx() ctx: Context): Promise<DossierUpdateKind> {
    if (event.type === EventType.DOSSIER_OVERDUE) return DossierUpdateKind.OVERDUE;
    // A consultation step keeps the state; the same loader serves the `transition` field.
    const step = event.dossierTransitionId
      ? await ctx.loaders.byId(DossierTransition).load(event.dossierTransitionId)
      : null;
    return step && step.consultation !== null
      ? DossierUpdateKind.DEADLINE_CHANGED
      : DossierUpdateKind.STATUS_CHANGED;
  }

  @FieldResolver(() => Dossier, { description: 'The dossier, as it is now.' })
  async dossier(@Root() event: LoggedEvent, @Ctx() ctx: Context): Promise<Dossier> {
    return (await ctx.loaders.byId(Dossier).load(event.dossierId as string)) as Dossier;
  }

  @FieldResolver(() => DossierTransition, {
    nullable: true,
    description: 'The step it took, for STATUS_CHANGED and DEADLINE_CHANGED; null for OVERDUE.',
  })
  transition(
    @Root() event: LoggedEvent,
    @Ctx() ctx: Context,
  ): Promise<DossierTransition | null> | null {
    return event.dossierTransitionId
      ? ctx.loaders.byId(DossierTransition).load(event.dossierTransitionId)
      : null;
  }
}

type Subscribe = SubscribeResolverData<unknown, Record<string, string | null | undefined>, Context>;

@Resolver()
export class DossierSubscriptionResolver {
  @Authorized(...DOSSIER_SUBSCRIBERS)
  @Subscription(() => DossierUpdate, {
    description:
      "Changes of the dossiers of a unit's subtree, for dashboards: each lifecycle step and each dossier newly overdue. With `after`, first replays what followed that cursor. A UNIT_MANAGER subscribes to its own subtree only.",
    subscribe: ({ args, context }: Subscribe) =>
      context.services
        .get(DossierService)
        .openFeed(
          context.services.get(RealtimeService),
          requireActor(context),
          args.unitId ?? '',
          decodeOptionalEventCursor(args.after),
        ),
  })
  dossierUpdated(
    @Root() event: LoggedEvent,
    @Arg('unitId', () => ID, { description: 'The unit whose subtree is followed.' })
    _unitId: string,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The cursor of the last update seen; omit to stream from now.',
    })
    _after?: string | null,
  ): LoggedEvent {
    return event;
  }
}
