import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import { DisciplineKind } from './discipline.entity';

@InputType({ description: 'A discipline or investigation of a person or unit.' })
export class RecordDisciplineInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The person: exactly one of personId and unitId.',
  })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit (as a collective).' })
  unitId?: string | null;

  @Field(() => DisciplineKind, { description: 'A measure in force, or a case being examined.' })
  kind!: DisciplineKind;

  @Field({ description: 'Why: the violation, or what is being examined.' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The decision or document it rests on, e.g. 15/QĐ-UBKT.',
  })
  reference?: string | null;

  @Field(() => LocalDateScalar, { description: 'First day it is open.' })
  from!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day it is open (a measure’s end); null while it lasts.',
  })
  to?: string | null;
}

@InputType({ description: 'Which discipline records to list; every field narrows the list.' })
export class DisciplineFilter {
  @Field(() => ID, { nullable: true, description: 'Records of this person.' })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Records of this unit (as a collective).' })
  unitId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Records open on this day.' })
  openOn?: string | null;
}
