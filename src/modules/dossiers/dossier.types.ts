import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { AttachmentKind, Dossier, DossierNominee, DossierTransition } from './dossier.entity';

@ObjectType({ description: 'A document a dossier is expected to hold and does not.' })
export class MissingDocument {
  @Field(() => AttachmentKind, { description: 'What is missing.' })
  kind!: AttachmentKind;

  @Field(() => DossierNominee, {
    nullable: true,
    description: 'The nominee it is missing for; null for the dossier itself.',
  })
  nominee!: DossierNominee | null;
}

@ObjectType({ description: 'A dossier a level is processing, with its deadline.' })
export class DossierDeadline {
  @Field(() => Dossier, { description: 'The dossier.' })
  dossier!: Dossier;

  @Field(() => LocalDateScalar, { description: 'The last working day the level has.' })
  dueOn!: string;

  @Field(() => Int, {
    description:
      'Working days left after the day asked about until the due date: 0 on the day itself, negative once overdue.',
  })
  workingDaysLeft!: number;
}

@ObjectType({ description: 'Dossiers past or near their deadline, for a dashboard.' })
export class DossierDeadlines {
  @Field(() => LocalDateScalar, { description: 'The day the deadlines are measured on.' })
  on!: string;

  @Field(() => [DossierDeadline], {
    description: 'Past their due date, still held by a level: oldest due first (at most 200).',
  })
  overdue!: DossierDeadline[];

  @Field(() => [DossierDeadline], {
    description: 'Due within the working days asked for, soonest first (at most 200).',
  })
  dueSoon!: DossierDeadline[];
}

export enum DossierUpdateKind {
  STATUS_CHANGED = 'STATUS_CHANGED',
  DEADLINE_CHANGED = 'DEADLINE_CHANGED',
  OVERDUE = 'OVERDUE',
}
registerEnumType(DossierUpdateKind, {
  name: 'DossierUpdateKind',
  description: 'What happened to a dossier.',
  valuesConfig: {
    STATUS_CHANGED: { description: 'It moved in its lifecycle (see transition).' },
    DEADLINE_CHANGED: {
      description:
        'Its deadline was counted again because inter-agency consultation was set or cleared (see transition: consultation, previousDueOn, dueOn); its state did not change.',
    },
    OVERDUE: { description: 'It passed its due date while a level holds it (the daily check).' },
  },
});

@ObjectType({ description: 'Something that happened to a dossier, as dossierUpdated streams it.' })
export class DossierUpdate {
  @Field({ description: 'Opaque; pass as `after` to resume right after this update.' })
  cursor!: string;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => DossierUpdateKind, { description: 'What happened.' })
  kind!: DossierUpdateKind;

  @Field(() => Dossier, { description: 'The dossier, as it is now.' })
  dossier!: Dossier;

  @Field(() => DossierTransition, {
    nullable: true,
    description: 'The step it took, for STATUS_CHANGED and DEADLINE_CHANGED; null for OVERDUE.',
  })
  transition!: DossierTransition | null;
}
