import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AwardType } from '../awards/award-type.entity';
import { AwardDecision } from '../awards/council.entity';
import { Unit } from '../units/unit.entity';

export enum ReportForm {
  COMMENDATIONS = 'COMMENDATIONS',
  EMULATION_TITLES = 'EMULATION_TITLES',
}
registerEnumType(ReportForm, {
  name: 'ReportForm',
  description:
    "The yearly statistical forms of emulation and commendation, in the shape of the Ministry of Home Affairs' 06xx.N/BNV-TĐKT series.",
  valuesConfig: {
    COMMENDATIONS: {
      description:
        'Số lượng khen thưởng: commendations by form (Giấy khen, Bằng khen, …) and by recipient — collectives, and individuals by category (leaders at each level, direct workers).',
    },
    EMULATION_TITLES: {
      description:
        'Số lượng danh hiệu thi đua: emulation titles by title, for collectives and for individuals by category.',
    },
  },
});

@ObjectType({
  description: 'One line of a statistical report: the counts for one award type (or the total).',
})
export class ReportRow {
  @Field(() => AwardType, {
    nullable: true,
    description: 'The award type; null on the total line.',
  })
  awardType!: AwardType | null;

  @Field(() => Int, { description: 'Awards to collectives (tập thể).' })
  collectives!: number;

  @Field(() => Int, { description: 'Awards to individuals (cá nhân), all categories.' })
  individuals!: number;

  @Field(() => Int, { description: 'Of the individuals: provincial leaders.' })
  provincialLeaders!: number;

  @Field(() => Int, { description: 'Of the individuals: leaders of departments and boards.' })
  departmentLeaders!: number;

  @Field(() => Int, { description: 'Of the individuals: deputy heads of division and above.' })
  deputyHeadsAndAbove!: number;

  @Field(() => Int, { description: 'Of the individuals: direct workers.' })
  directWorkers!: number;

  @Field(() => Int, { description: 'collectives + individuals.' })
  total!: number;
}

@ObjectType({
  description:
    'A statistical report for a unit subtree and a year: APPROVED or ANNOUNCED awards for that year to recipients of the subtree, counted by type and recipient.',
})
export class StatisticalReport {
  @Field(() => ReportForm, { description: 'Which form.' })
  form!: ReportForm;

  @Field({ description: "The form's title, in Vietnamese, as it is printed." })
  title!: string;

  @Field(() => Unit, { description: 'The reporting unit (its whole subtree is counted).' })
  unit!: Unit;

  @Field(() => Int, { description: 'The year reported on.' })
  year!: number;

  @Field(() => [ReportRow], {
    description: 'One line per award type of the form, in catalogue order, zeros included.',
  })
  rows!: ReportRow[];

  @Field(() => ReportRow, { description: 'The total line.' })
  total!: ReportRow;

  @Field(() => [AwardDecision], {
    description:
      "The decisions of the register the counted awards were approved by (the report's basis), oldest first.",
  })
  decisions!: AwardDecision[];
}
