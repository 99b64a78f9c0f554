import type { DataSource } from 'typeorm';
import { parseId } from '../../common/ids';
import type { ServiceDeps } from '../../common/services';
import { entityRows } from '../../common/rows';
import { query, sql } from '../../common/sql';
import { checkYear } from '../../common/validate';
import { NotFoundError } from '../../errors';
import { AwardCategory } from '../awards/award-type.entity';
import { AwardService } from '../awards/award.service';
import { AwardDecision } from '../awards/council.entity';
import { Unit } from '../units/unit.entity';
import { ReportForm, type ReportRow, type StatisticalReport } from './report.types';

/** The title each form is printed with, and the award category it counts. */
export const FORMS: Record<ReportForm, { title: string; category: AwardCategory }> = {
  [ReportForm.COMMENDATIONS]: {
    title: 'Số lượng khen thưởng theo hình thức và đối tượng',
    category: AwardCategory.COMMENDATION,
  },
  [ReportForm.EMULATION_TITLES]: {
    title: 'Số lượng danh hiệu thi đua theo danh hiệu và đối tượng',
    category: AwardCategory.EMULATION_TITLE,
  },
};

interface CountRow {
  type_id: string;
  collectives: number;
  individuals: number;
  provincial_leaders: number;
  department_leaders: number;
  deputy_heads: number;
  direct_workers: number;
}

/**
 * The yearly statistical reports. An award counts when it is APPROVED or
 * ANNOUNCED, is for the year, and its recipient (a person, by the unit they
 * were in when nominated, or a collective) is in the unit's subtree;
 * individuals are counted by their current reportCategory. One statement
 * for the counts, one for the register's decisions behind them.
 */
export class ReportService {
  private readonly dataSource: DataSource;
  private readonly awards: AwardService;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.awards = new AwardService(deps);
  }

  /** A form for a unit subtree and a year; NOT_FOUND for an unknown unit. */
  async report(form: ReportForm, rawUnitId: string, rawYear: number): Promise<StatisticalReport> {
    const unitId = parseId(rawUnitId, 'unitId');
    const year = checkYear(rawYear);
    const unit = await this.dataSource.manager.findOneBy(Unit, { id: unitId });
    if (!unit) throw new NotFoundError('Unit', unitId);
    const { title, category } = FORMS[form];
    const counts = await query<CountRow>(
      this.dataSource,
      sql`SELECT a.type_id,
                 count(*) FILTER (WHERE a.unit_id IS NOT NULL)::int AS collectives,
                 count(*) FILTER (WHERE a.person_id IS NOT NULL)::int AS individuals,
                 count(*) FILTER (WHERE p.report_category = 'PROVINCIAL_LEADER')::int AS provincial_leaders,
                 count(*) FILTER (WHERE p.report_category = 'DEPARTMENT_LEADER')::int AS department_leaders,
                 count(*) FILTER (WHERE p.report_category = 'DEPUTY_HEAD_AND_ABOVE')::int AS deputy_heads,
                 count(*) FILTER (WHERE p.report_category = 'DIRECT_WORKER')::int AS direct_workers
            FROM award a
            JOIN award_type t ON t.id = a.type_id
            LEFT JOIN person p ON p.id = a.person_id
           WHERE a.status IN ('APPROVED', 'ANNOUNCED') AND a.year = ${year} AND t.category = ${category}
             AND a.recipient_unit_id IN (SELECT u.id FROM unit u WHERE u.path LIKE ${`${unit.path}%`})
           GROUP BY a.type_id`,
    );
    const byType = new Map(counts.map((c) => [c.type_id, c]));
    const types = (await this.awards.catalogue()).filter((t) => t.category === category);
    const rows: ReportRow[] = types.map((type) => {
      const c = byType.get(type.id);
      return line(type, c);
    });
    const total = rows.reduce(
      (sum, row) => ({
        awardType: null,
        collectives: sum.collectives + row.collectives,
        individuals: sum.individuals + row.individuals,
        provincialLeaders: sum.provincialLeaders + row.provincialLeaders,
        departmentLeaders: sum.departmentLeaders + row.departmentLeaders,
        deputyHeadsAndAbove: sum.deputyHeadsAndAbove + row.deputyHeadsAndAbove,
        directWorkers: sum.directWorkers + row.directWorkers,
        total: sum.total + row.total,
      }),
      line(null, undefined),
    );
    const decisions = await entityRows(this.dataSource, AwardDecision).select(
      this.dataSource,
      sql`t.id IN (SELECT a.decision_id FROM award a JOIN award_type ty ON ty.id = a.type_id
                    WHERE a.status IN ('APPROVED', 'ANNOUNCED') AND a.year = ${year} AND ty.category = ${category}
                      AND a.recipient_unit_id IN (SELECT u.id FROM unit u WHERE u.path LIKE ${`${unit.path}%`}))`,
      { decidedOn: 'ASC', number: 'ASC', id: 'ASC' },
    );
    return { form, title, unit, year, rows, total, decisions };
  }
}

function line(awardType: ReportRow['awardType'], c: CountRow | undefined): ReportRow {
  const collectives = c?.collectives ?? 0;
  const individuals = c?.individuals ?? 0;
  return {
    awardType,
    collectives,
    individuals,
    provincialLeaders: c?.provincial_leaders ?? 0,
    departmentLeaders: c?.department_leaders ?? 0,
    deputyHeadsAndAbove: c?.deputy_heads ?? 0,
    directWorkers: c?.direct_workers ?? 0,
    total: collectives + individuals,
  };
}
