import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import { vietnamToday } from '../../common/dates';
import { Recipient, recipientOf } from '../../common/recipient';
import { LocalDateScalar } from '../../common/scalars';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { DisciplineRecord } from './discipline.entity';
import { DisciplineFilter, RecordDisciplineInput } from './discipline.inputs';
import { DisciplineService } from './discipline.service';

export const DisciplineRecordConnection = connectionType(DisciplineRecord, 'DisciplineRecord');

@Resolver(() => DisciplineRecord)
export class DisciplineRecordResolver {
  @Authorized(Role.SECRETARY)
  @Mutation(() => DisciplineRecord, {
    description:
      'SECRETARY: records a discipline or investigation; while open, awards to its subject are deferred.',
  })
  recordDiscipline(
    @Arg('input', () => RecordDisciplineInput, {
      description: 'The person or unit, what kind of record, why, and from (and until) when.',
    })
    input: RecordDisciplineInput,
    @Ctx() ctx: Context,
  ): Promise<DisciplineRecord> {
    return ctx.services.get(DisciplineService).record(requireActor(ctx), input);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => DisciplineRecord, {
    description: 'SECRETARY: sets the last day a record is open (closes it).',
  })
  closeDiscipline(
    @Arg('id', () => ID, { description: 'The record.' }) id: string,
    @Arg('to', () => LocalDateScalar, { description: 'Its last open day.' }) to: string,
    @Ctx() ctx: Context,
  ): Promise<DisciplineRecord> {
    return ctx.services.get(DisciplineService).close(id, to);
  }

  @Authorized(Role.SECRETARY, Role.COUNCIL)
  @Query(() => DisciplineRecordConnection, {
    description: 'SECRETARY and COUNCIL: discipline and investigation records, newest first.',
  })
  disciplineRecords(
    @Ctx() ctx: Context,
    @Arg('filter', () => DisciplineFilter, { nullable: true, description: 'Which records.' })
    filter?: DisciplineFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<DisciplineRecord>> {
    return ctx.services.get(DisciplineService).list(filter, { first: first ?? 20, after });
  }

  @FieldResolver(() => Recipient, { description: 'The person or unit concerned.' })
  recipient(@Root() record: DisciplineRecord, @Ctx() ctx: Context): Promise<Person | Unit> {
    return recipientOf(ctx.loaders, record);
  }

  @FieldResolver(() => Boolean, { description: 'Open today (in Vietnam): awards are deferred.' })
  open(@Root() record: DisciplineRecord): boolean {
    const today = vietnamToday();
    return record.fromDate <= today && (record.toDate === null || today <= record.toDate);
  }
}
