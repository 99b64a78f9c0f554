import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import type { LocalizedText } from '../../i18n/messages';
import type { Message } from '../../i18n/i18n';
import { AwardKind } from '../awards/award.entity';

export enum DossierStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  RETURNED = 'RETURNED',
  TO_COUNCIL = 'TO_COUNCIL',
  DECIDED = 'DECIDED',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(DossierStatus, {
  name: 'DossierStatus',
  description:
    'Where a dossier is on its way up: DRAFT -> SUBMITTED -> UNDER_REVIEW -> (RETURNED -> SUBMITTED ...) -> TO_COUNCIL -> DECIDED -> PUBLISHED; DRAFT, SUBMITTED or RETURNED -> WITHDRAWN.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared by the unit (dự thảo).' },
    SUBMITTED: { description: "Sent by the unit's manager, waiting for the emulation office." },
    UNDER_REVIEW: { description: 'Being checked by the emulation office (thẩm định).' },
    RETURNED: {
      description:
        'Sent back to the unit for correction, with a reason for the whole dossier and/or per nominee.',
    },
    TO_COUNCIL: {
      description: 'Sent to the Emulation & Reward Council: each nominee is now a NOMINATED award.',
    },
    DECIDED: { description: 'The council decided every nominee (approved or rejected).' },
    PUBLISHED: { description: 'The decision was published to the unit. Final.' },
    WITHDRAWN: { description: 'Withdrawn by the unit before review. Final.' },
  },
});

export enum AttachmentKind {
  SUBMISSION_LETTER = 'SUBMISSION_LETTER',
  ACHIEVEMENT_REPORT = 'ACHIEVEMENT_REPORT',
  GRASSROOTS_COUNCIL_MINUTES = 'GRASSROOTS_COUNCIL_MINUTES',
  INITIATIVE_RECOGNITION = 'INITIATIVE_RECOGNITION',
  OTHER = 'OTHER',
}
registerEnumType(AttachmentKind, {
  name: 'AttachmentKind',
  description: 'What a document attached to a dossier is.',
  valuesConfig: {
    SUBMISSION_LETTER: { description: 'Tờ trình: the submission letter of the dossier.' },
    ACHIEVEMENT_REPORT: { description: 'Báo cáo thành tích: a nominee’s achievement report.' },
    GRASSROOTS_COUNCIL_MINUTES: {
      description:
        'Biên bản họp Hội đồng Thi đua - Khen thưởng cơ sở: the grassroots council’s minutes.',
    },
    INITIATIVE_RECOGNITION: {
      description: 'Giấy công nhận sáng kiến: recognition of an initiative.',
    },
    OTHER: { description: 'Any other document.' },
  },
});

/**
 * A unit's request for awards, in one batch (hồ sơ đề nghị khen thưởng, with
 * its tờ trình): nominees, attachments and its history as it travels up the
 * levels.
 */
@Entity('dossier')
@ObjectType({
  description:
    "A unit's request for awards in one batch (hồ sơ đề nghị khen thưởng): its nominees, typed attachments, review history and deadline.",
})
export class Dossier {
  @Field(() => ID, { description: "The dossier's id." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The number of its submission letter, e.g. 45/TTr-BTGDV; null until given.',
  })
  @Column({ type: 'text', nullable: true })
  number!: string | null;

  @Field({ description: 'What it asks for, e.g. Đề nghị tặng Giấy khen năm 2025.' })
  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Field(() => Int, { description: 'The year (period) the awards are for.' })
  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Field(() => AwardKind, {
    description:
      'The kind of awards it asks for (thường xuyên, chuyên đề, đột xuất): the kind of every award its nominees become.',
  })
  @Column({ name: 'award_kind', type: 'text' })
  awardKind!: AwardKind;

  @Field(() => DossierStatus, { description: 'Where the dossier is in its lifecycle.' })
  @Column({ type: 'text' })
  status!: DossierStatus;

  @Field({
    description:
      'Other agencies are consulted (lấy ý kiến): the processing time of each level is the longer one (20 working days by default).',
  })
  @Column({ name: 'inter_agency_consultation', type: 'boolean' })
  interAgencyConsultation!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was returned, for the whole dossier; null unless RETURNED with one.',
  })
  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'The day it reached the level now processing it (the office or the council); null while the unit holds it.',
  })
  @Column({ name: 'level_started_on', type: 'date', nullable: true })
  levelStartedOn!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'The last working day the current level has to process it; null while the unit holds it or once decided.',
  })
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  /** The due date whose overdue event was emitted (the daily check emits each once). */
  @Column({ name: 'overdue_notified_on', type: 'date', nullable: true })
  overdueNotifiedOn!: string | null;

  @Field({ description: 'Username of the account that created it.' })
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * The outcome of one rule for a nominee, as stored when the rules last ran:
 * the message of the catalogue and the legal basis in both languages, shown
 * in the reader's.
 */
export interface StoredCheck {
  rule: string;
  outcome: string;
  message: Message;
  legalBasis: LocalizedText | null;
}

/** A person or collective a dossier proposes for an award type. */
@Entity('dossier_nominee')
@ObjectType({
  description:
    'A person or collective proposed in a dossier for an award type, with the achievements cited and the rule checks last run.',
})
export class DossierNominee {
  @Field(() => ID, { description: "The nominee's id within its dossier." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ name: 'type_id', type: 'uuid' })
  typeId!: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'achievement_ids', type: 'uuid', array: true })
  achievementIds!: string[];

  @Field(() => String, { nullable: true, description: 'What the nominee is proposed for.' })
  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the office returned this nominee; null unless the dossier is RETURNED.',
  })
  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason!: string | null;

  @Column({ type: 'jsonb' })
  checks!: StoredCheck[];

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the rules were last run for this nominee (checks).',
  })
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt!: Date | null;

  @Column({ name: 'award_id', type: 'uuid', nullable: true })
  awardId!: string | null;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}

/** A file attached to a dossier, or to one of its nominees. */
@Entity('dossier_attachment')
@ObjectType({ description: 'A document attached to a dossier, or to one nominee of it.' })
export class DossierAttachment {
  @Field(() => ID, { description: "The attachment's id." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ name: 'nominee_id', type: 'uuid', nullable: true })
  nomineeId!: string | null;

  @Field(() => AttachmentKind, { description: 'What the document is.' })
  @Column({ type: 'text' })
  kind!: AttachmentKind;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  @Field({ description: 'Username of the account that attached it.' })
  @Column({ name: 'added_by', type: 'text' })
  addedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was attached.' })
  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}

/** A reason the office gave for one nominee when returning a dossier. */
@ObjectType({ description: 'Why the office returned one nominee.' })
export class NomineeReason {
  @Field(() => ID, { description: 'The nominee.' })
  nomineeId!: string;

  @Field({ description: 'What is missing or wrong.' })
  reason!: string;
}

/** One move of a dossier's lifecycle: its history, kept for good. */
@Entity('dossier_transition')
@ObjectType({
  description:
    "One step of a dossier's history: who moved it from which state to which, when, and why.",
})
export class DossierTransition {
  @Field(() => ID, { description: "The step's id." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Field(() => DossierStatus, {
    nullable: true,
    description: 'The state before; null at creation.',
  })
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: DossierStatus | null;

  @Field(() => DossierStatus, { description: 'The state after.' })
  @Column({ name: 'to_status', type: 'text' })
  toStatus!: DossierStatus;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'Username of who did it.' })
  @Column({ name: 'by_username', type: 'text' })
  byUsername!: string;

  @Field({ description: 'Their role at the time.' })
  @Column({ name: 'by_role', type: 'text' })
  byRole!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The reason given (for the whole dossier), if any.',
  })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field(() => [NomineeReason], { description: 'Reasons given per nominee (on a return).' })
  @Column({ name: 'nominee_reasons', type: 'jsonb' })
  nomineeReasons!: NomineeReason[];

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "The deadline this step set for the next level, if any (on a consultation step: the current level's new deadline).",
  })
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'On a step that set or cleared inter-agency consultation (same state before and after): the new setting; null on every other step.',
  })
  @Column({ type: 'boolean', nullable: true })
  consultation!: boolean | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'On a step that set or cleared inter-agency consultation: the due date before it (dueOn is the one after); null on every other step.',
  })
  @Column({ name: 'previous_due_on', type: 'date', nullable: true })
  previousDueOn!: string | null;

  /** The council meeting whose votes made the dossier DECIDED (that step only). */
  @Column({ name: 'council_meeting_id', type: 'uuid', nullable: true })
  councilMeetingId!: string | null;
}
