import { Field, ID, InputType, Int } from 'type-graphql';
import { AwardKind } from '../awards/award.entity';
import { AttachmentKind, DossierStatus } from './dossier.entity';

@InputType({ description: 'A new dossier, for createDossier. It starts as DRAFT.' })
export class CreateDossierInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "The proposing unit: a UNIT_MANAGER's own unit when left out; required for the SECRETARY. A UNIT_MANAGER may name a unit of its subtree only.",
  })
  unitId?: string | null;

  @Field({
    description: 'What it asks for, e.g. Đề nghị tặng Giấy khen năm 2025; at most 300 characters.',
  })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The number of its submission letter, e.g. 45/TTr-BTGDV; at most 100 characters.',
  })
  number?: string | null;

  @Field(() => Int, { description: 'The year (period) the awards are for.' })
  year!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The campaign the awards are proposed under, if any.',
  })
  campaignId?: string | null;

  @Field(() => AwardKind, {
    nullable: true,
    description:
      'The kind of awards asked for: regular (THUONG_XUYEN, the default), thematic (CHUYEN_DE) or ad hoc (DOT_XUAT). Every nominee is checked and nominated as that kind.',
  })
  awardKind?: AwardKind | null;
}

@InputType({
  description: 'Changes to a DRAFT or RETURNED dossier: fields left out stay as they are.',
})
export class UpdateDossierInput {
  @Field(() => String, { nullable: true, description: 'New title; null keeps it.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New letter number; blank clears it.' })
  number?: string | null;
}

@InputType({ description: 'A person or collective to propose in a dossier.' })
export class AddNomineeInput {
  @Field({ description: "The award type's code, e.g. GIAY_KHEN (NOT_FOUND when unknown)." })
  typeCode!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The person proposed (exactly one of personId and unitId).',
  })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit proposed as a collective.' })
  unitId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'The achievements the proposal rests on (at most 20).',
  })
  achievementIds?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'What they are proposed for; at most 2000 characters.',
  })
  citation?: string | null;
}

@InputType({ description: 'Changes to a nominee of a DRAFT or RETURNED dossier.' })
export class UpdateNomineeInput {
  @Field(() => [ID], {
    nullable: true,
    description: 'The achievements cited now; null keeps them.',
  })
  achievementIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'New citation; blank clears it.' })
  citation?: string | null;
}

@InputType({ description: 'A file to attach to a dossier, or to one of its nominees.' })
export class AttachFileInput {
  @Field(() => ID, {
    description:
      "The uploaded file (PUT /files). It must belong to the dossier's unit or a subunit, so that whoever reads the dossier may read it.",
  })
  fileId!: string;

  @Field(() => AttachmentKind, { description: 'What the document is.' })
  kind!: AttachmentKind;

  @Field(() => ID, {
    nullable: true,
    description: 'The nominee it is about; the whole dossier when left out.',
  })
  nomineeId?: string | null;
}

@InputType({ description: 'Why one nominee is returned.' })
export class NomineeReasonInput {
  @Field(() => ID, { description: 'The nominee.' })
  nomineeId!: string;

  @Field({ description: 'What is missing or wrong; at most 2000 characters.' })
  reason!: string;
}

@InputType({
  description: 'Why a dossier is returned: a reason for the whole dossier, per nominee, or both.',
})
export class ReturnDossierInput {
  @Field(() => String, {
    nullable: true,
    description: 'For the whole dossier; at most 2000 characters.',
  })
  reason?: string | null;

  @Field(() => [NomineeReasonInput], { nullable: true, description: 'Per nominee.' })
  nominees?: NomineeReasonInput[] | null;
}

@InputType({ description: 'Narrows a list of dossiers: every criterion given must hold.' })
export class DossierFilter {
  @Field(() => ID, {
    nullable: true,
    description:
      'Dossiers of this unit and its subunits. A UNIT_MANAGER sees its own subtree only (its unit when left out).',
  })
  unitId?: string | null;

  @Field(() => DossierStatus, { nullable: true, description: 'Only dossiers in this state.' })
  status?: DossierStatus | null;

  @Field(() => Int, { nullable: true, description: 'Only dossiers for this year.' })
  year?: number | null;
}
