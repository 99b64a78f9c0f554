import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { ReportService } from './report.service';
import { ReportForm, StatisticalReport } from './report.types';

@Resolver()
export class ReportResolver {
  @Query(() => StatisticalReport, {
    description:
      'A yearly statistical report of emulation and commendation for a unit subtree (also exported as XLSX or CSV at /exports/reports/{form}.xlsx?unitId=&year=). Any signed-in role.',
  })
  statisticalReport(
    @Arg('form', () => ReportForm, { description: 'Which form.' }) form: ReportForm,
    @Arg('unitId', () => ID, { description: 'The reporting unit; its subtree is counted.' })
    unitId: string,
    @Arg('year', () => Int, { description: 'The year reported on.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<StatisticalReport> {
    return ctx.services.get(ReportService).report(form, unitId, year);
  }
}
