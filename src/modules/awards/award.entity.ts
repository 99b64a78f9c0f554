import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node';
import type { MessageParam } from '../../i18n/messages';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';

export enum AwardStatus {
  NOMINATED = 'NOMINATED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  ANNOUNCED = 'ANNOUNCED',
  REVOKED = 'REVOKED',
}
registerEnumType(AwardStatus, {
  name: 'AwardStatus',
  description:
    'Where a nomination is in its lifecycle: NOMINATED -> APPROVED or REJECTED by the council; APPROVED -> ANNOUNCED at a conference; APPROVED or ANNOUNCED -> REVOKED.',
  valuesConfig: {
    NOMINATED: { description: "Nominated, waiting for the council's decision." },
    APPROVED: { description: 'Approved by the council, not announced yet.' },
    REJECTED: { description: 'Rejected by the council. Final.' },
    ANNOUNCED: { description: 'Approved and announced at a conference.' },
    REVOKED: { description: 'Withdrawn after approval, with a reason. Final.' },
  },
});

/**
 * The kind of a nomination (Law 06/2022/QH15 distinguishes how an award is
 * earned). Enum names are ASCII; the descriptions give the Vietnamese terms.
 */
export enum AwardKind {
  THUONG_XUYEN = 'THUONG_XUYEN',
  CHUYEN_DE = 'CHUYEN_DE',
  DOT_XUAT = 'DOT_XUAT',
}
registerEnumType(AwardKind, {
  name: 'AwardKind',
  description:
    'How an award is earned: thường xuyên (regular, for the year or period), chuyên đề (thematic) or đột xuất (ad hoc).',
  valuesConfig: {
    THUONG_XUYEN: {
      description:
        'Thường xuyên: for the results of the year or of a regular emulation period. The default; emulation titles are always of this kind.',
    },
    CHUYEN_DE: {
      description:
        'Chuyên đề (theo đợt): for a thematic campaign. Does not count toward a higher award (Decree 152/2025/NĐ-CP Art. 4(3)).',
    },
    DOT_XUAT: {
      description:
        'Đột xuất: for an unforeseen, outstanding deed. Does not count toward a higher award (Decree 152/2025/NĐ-CP Art. 4(3)).',
    },
  },
});

/** A warning stored on an award as a message of the catalogue, shown in the reader's language. */
export interface StoredWarning {
  key: string;
  params: Record<string, MessageParam>;
}

@ObjectType({
  description:
    "The Emulation & Reward Council's vote on a nomination. A quorum is two thirds of all members (a local rule, kept with the rule set); written votes of absent members count.",
})
export class CouncilVote {
  @Field(() => Int, { description: 'Members of the council, present or not.' })
  membersTotal!: number;

  @Field(() => Int, { description: 'Members present at the vote.' })
  membersPresent!: number;

  @Field(() => Int, { description: 'Members who voted to approve, in person or in writing.' })
  votesFor!: number;

  @Field(() => Int, { description: 'Members who voted to reject, in person or in writing.' })
  votesAgainst!: number;

  @Field(() => Int, { description: 'Members who did not vote either way.' })
  votesAbstain!: number;
}

/** A nomination and, once decided, an award. Recipient, type, campaign and conference are resolved by loaders. */
@Entity('award')
@ObjectType({
  implements: Node,
  description:
    'A nomination for an award type and, once the council approves it, the award. A REJECTED or REVOKED award frees the achievements it cited: they can be the basis of another award.',
})
export class Award implements Node {
  @Field(() => ID, { description: "The award's id: a UUID, unique across all types." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'type_id', type: 'uuid' })
  typeId!: string;

  @Column({ name: 'is_title', type: 'boolean' })
  isTitle!: boolean;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'recipient_unit_id', type: 'uuid' })
  recipientUnitId!: string;

  @Field(() => Int, {
    description: 'The year it is given for, e.g. the year an emulation title is held.',
  })
  @Column({ type: 'int' })
  year!: number;

  @Field(() => AwardKind, {
    description: 'Regular (the default), thematic or ad hoc; see AwardKind.',
  })
  @Column({ type: 'text' })
  kind!: AwardKind;

  @Field(() => String, {
    nullable: true,
    description: 'What the recipient is commended for; null when not given.',
  })
  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Field(() => AwardStatus, { description: 'Where the nomination is in its lifecycle.' })
  @Column({ type: 'text' })
  status!: AwardStatus;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Column({ name: 'nominated_by_id', type: 'uuid' })
  nominatedById!: string;

  @Field(() => DateTimeScalar, { description: 'When it was nominated.' })
  @Column({ name: 'nominated_at', type: 'timestamptz' })
  nominatedAt!: Date;

  /** The warnings as text (English); `Award.warnings` shows them in the reader's language. */
  @Column({ type: 'text', array: true })
  warnings!: string[];

  /** The same warnings as messages of the catalogue (null on awards nominated before they were kept). */
  @Column({ name: 'warning_messages', type: 'jsonb', nullable: true })
  warningMessages!: StoredWarning[] | null;

  /** The council meeting that decided it. */
  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId!: string | null;

  /** The registered decision that approved it. */
  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId!: string | null;

  @Column({ name: 'members_total', type: 'int', nullable: true })
  membersTotal!: number | null;

  @Column({ name: 'members_present', type: 'int', nullable: true })
  membersPresent!: number | null;

  @Column({ name: 'votes_for', type: 'int', nullable: true })
  votesFor!: number | null;

  @Column({ name: 'votes_against', type: 'int', nullable: true })
  votesAgainst!: number | null;

  @Column({ name: 'votes_abstain', type: 'int', nullable: true })
  votesAbstain!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "The number of the council's decision, e.g. 125/QĐ-BTGDV; set once APPROVED.",
  })
  @Column({ name: 'decision_number', type: 'text', nullable: true })
  decisionNumber!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The date of the council's decision; set once APPROVED.",
  })
  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was announced at a conference; null until ANNOUNCED.',
  })
  @Column({ name: 'announced_at', type: 'timestamptz', nullable: true })
  announcedAt!: Date | null;

  @Column({ name: 'conference_id', type: 'uuid', nullable: true })
  conferenceId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked; null unless REVOKED.' })
  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
