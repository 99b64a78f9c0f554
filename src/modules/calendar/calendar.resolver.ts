import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars';
import type { Context } from '../../context';
import { BadInputError } from '../../errors';
import { msg } from '../../i18n/i18n';
import { Role } from '../accounts/account.entity';
import { CalendarDay, ProcessingTime, ReviewLevel } from './calendar.entity';
import { CalendarService } from './calendar.service';
import { checkDay } from '../../common/dates';

@Resolver()
export class CalendarResolver {
  @Query(() => [CalendarDay], {
    description:
      "The year's days that break the weekly rule (public holidays, bridge days, weekend days worked), in order. Any signed-in role.",
  })
  calendarDays(
    @Arg('year', () => Int, { description: 'The year, e.g. 2025.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<CalendarDay[]> {
    return ctx.services.get(CalendarService).daysOfYear(year);
  }

  @Query(() => LocalDateScalar, {
    description:
      'The working day that comes `workingDays` working days after `from` (the day a document arrives does not count): what a deadline is.',
  })
  workingDayAfter(
    @Arg('from', () => LocalDateScalar, { description: 'The day it starts from.' }) from: string,
    @Arg('workingDays', () => Int, { description: 'How many working days, 1 to 365.' })
    workingDays: number,
    @Ctx() ctx: Context,
  ): Promise<string> {
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 365) {
      throw new BadInputError(
        msg('paperwork.outOfRange', { field: 'workingDays', min: 1, max: 365 }),
        { field: 'workingDays' },
      );
    }
    return ctx.services.get(CalendarService).addWorkingDays(checkDay(from, 'from'), workingDays);
  }

  @Query(() => [ProcessingTime], {
    description: 'How many working days each level has to process a dossier.',
  })
  processingTimes(@Ctx() ctx: Context): Promise<ProcessingTime[]> {
    return ctx.services.get(CalendarService).processingTimes();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CalendarDay, {
    description:
      'ADMIN: lists a weekday off (a holiday or bridge day) or a weekend day worked, e.g. when the Prime Minister publishes the year’s holiday schedule. BAD_USER_INPUT for a day the weekly rule already decides that way.',
  })
  setCalendarDay(
    @Arg('day', () => LocalDateScalar, { description: 'The day.' }) day: string,
    @Arg('working', () => Boolean, {
      description: 'True for a weekend day worked; false for a weekday off.',
    })
    working: boolean,
    @Arg('name', () => String, { description: 'What it is, e.g. Tết Nguyên đán Bính Ngọ.' })
    name: string,
    @Ctx() ctx: Context,
  ): Promise<CalendarDay> {
    return ctx.services.get(CalendarService).setDay(day, working, name);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, {
    description:
      'ADMIN: takes a day off the list, so the weekly rule applies to it again; false when it was not listed.',
  })
  removeCalendarDay(
    @Arg('day', () => LocalDateScalar, { description: 'The day.' }) day: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.get(CalendarService).removeDay(day);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ProcessingTime, {
    description:
      'ADMIN: changes how many working days a level has (new deadlines use it; running ones keep theirs).',
  })
  setProcessingTime(
    @Arg('level', () => ReviewLevel, { description: 'The level.' }) level: ReviewLevel,
    @Arg('workingDays', () => Int, { description: 'Working days, 1 to 365.' }) workingDays: number,
    @Arg('withConsultation', () => Int, {
      description: 'Working days when other agencies are consulted; not fewer.',
    })
    withConsultation: number,
    @Ctx() ctx: Context,
  ): Promise<ProcessingTime> {
    return ctx.services
      .get(CalendarService)
      .setProcessingTime(level, workingDays, withConsultation);
  }
}
