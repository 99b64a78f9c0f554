import type { DataSource } from 'typeorm';
import { parseId } from '../../common/ids';
import type { ServiceDeps } from '../../common/services';
import { query, sql, type SqlFragment } from '../../common/sql';
import { requiredText } from '../../common/validate';
import { NotFoundError } from '../../errors';
import { labels } from '../../i18n/messages';
import type { AwardFilter } from '../awards/award.inputs';
import { awardFilterSql, AwardService } from '../awards/award.service';
import { vietnameseDate } from '../calendar/days';
import { ReportService } from '../reports/report.service';
import type { ReportForm } from '../reports/report.types';
import type { Table, TableColumn } from './table';

/** Most rows one export holds. */
export const MAX_EXPORT_ROWS = 50_000;

interface AwardLine {
  recipient: string;
  collective: boolean;
  position: string | null;
  unit: string;
  type: string;
  bonus_multiple: number;
  year: number;
  status: string;
  decision_number: string | null;
  decided_on: string | null;
}

const text = (header: string, width: number): TableColumn => ({ header, kind: 'text', width });
const integer = (header: string, width = 8): TableColumn => ({ header, kind: 'integer', width });
const money = (header: string): TableColumn => ({ header, kind: 'money', width: 18 });

/** "Tập thể" for a collective, the person's position otherwise. */
function positionOf(line: AwardLine): string {
  return line.collective ? 'Tập thể' : (line.position ?? '');
}

/**
 * The exports: award lists (with the `awards` query's filters), a decision's
 * annex, the statistical reports and a conference's announced awards, as
 * tables with Vietnamese headers, amounts in đồng and dates dd/MM/yyyy.
 */
export class ExportService {
  private readonly dataSource: DataSource;
  private readonly awards: AwardService;
  private readonly reports: ReportService;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.awards = new AwardService(deps);
    this.reports = new ReportService(deps);
  }

  /** Awards matching the filter (as the `awards` query), newest year first. */
  async awardList(filter: AwardFilter): Promise<Table> {
    const lines = await this.awardLines(awardFilterSql(filter), sql`t.year DESC, recipient, t.id`);
    return {
      name: 'Danh sach khen thuong',
      title: ['DANH SÁCH KHEN THƯỞNG'],
      columns: [
        integer('STT', 6),
        text('Họ và tên / Tập thể', 32),
        text('Chức vụ', 24),
        text('Đơn vị', 36),
        text('Hình thức khen thưởng', 32),
        integer('Năm'),
        text('Trạng thái', 14),
        text('Số quyết định', 18),
        text('Ngày quyết định', 14),
        money('Số tiền thưởng (đồng)'),
      ],
      rows: lines.map((line, i) => [
        i + 1,
        line.recipient,
        positionOf(line),
        line.unit,
        line.type,
        line.year,
        labels[line.status]?.vi ?? line.status,
        line.decision_number,
        line.decided_on ? vietnameseDate(line.decided_on) : null,
        this.bonus(line),
      ]),
    };
  }

  /**
   * The annex of a decision: the recipients it approved with their amounts
   * and the total (collectives first, then by unit and name). NOT_FOUND when
   * no APPROVED or ANNOUNCED award has that decision number.
   */
  async decisionAnnex(rawNumber: string): Promise<Table> {
    const number = requiredText(rawNumber, 'number', 100);
    const lines = await this.awardLines(
      sql`t.decision_number = ${number} AND t.status IN ('APPROVED', 'ANNOUNCED')`,
      sql`collective DESC, unit, recipient, t.id`,
    );
    if (lines.length === 0) throw new NotFoundError('AwardDecision', number);
    const decidedOn = lines[0]?.decided_on ?? null;
    const amounts = lines.map((line) => this.bonus(line));
    return {
      name: 'Phu luc quyet dinh',
      title: [
        'DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG',
        `(Kèm theo Quyết định số ${number}${decidedOn ? ` ngày ${vietnameseDate(decidedOn)}` : ''})`,
      ],
      columns: [
        integer('STT', 6),
        text('Họ và tên / Tập thể', 32),
        text('Chức vụ', 24),
        text('Đơn vị', 36),
        text('Hình thức khen thưởng', 32),
        money('Số tiền thưởng (đồng)'),
      ],
      rows: lines.map((line, i) => [
        i + 1,
        line.recipient,
        positionOf(line),
        line.unit,
        line.type,
        amounts[i] as number,
      ]),
      total: [null, 'Tổng cộng', null, null, null, amounts.reduce((a, b) => a + b, 0)],
    };
  }

  /** A statistical report as a table. */
  async report(form: ReportForm, unitId: string, year: number): Promise<Table> {
    const report = await this.reports.report(form, unitId, year);
    const values = (row: (typeof report.rows)[number]) => [
      row.total,
      row.collectives,
      row.individuals,
      row.provincialLeaders,
      row.departmentLeaders,
      row.deputyHeadsAndAbove,
      row.directWorkers,
    ];
    return {
      name: report.title.slice(0, 31),
      title: [report.title.toUpperCase(), `Đơn vị: ${report.unit.name} — Năm ${report.year}`],
      columns: [
        integer('STT', 6),
        text('Hình thức', 40),
        integer('Tổng số', 10),
        integer('Tập thể', 10),
        integer('Cá nhân', 10),
        integer('Lãnh đạo cấp tỉnh', 12),
        integer('Lãnh đạo cấp sở, ban, ngành', 14),
        integer('Cấp phó trưởng phòng trở lên', 14),
        integer('Người trực tiếp lao động, công tác', 16),
      ],
      rows: report.rows.map((row, i) => [i + 1, row.awardType?.name ?? '', ...values(row)]),
      total: [null, 'Tổng cộng', ...values(report.total)],
    };
  }

  /** The awards announced at a conference, in the order they were announced. */
  async conferenceAwards(rawId: string): Promise<Table> {
    const id = parseId(rawId, 'conferenceId');
    const [conference] = await query<{ title: string; held_on: string | null }>(
      this.dataSource,
      sql`SELECT c.title, (c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS held_on FROM conference c WHERE c.id = ${id}`,
    );
    if (!conference) throw new NotFoundError('Conference', id);
    const lines = await this.awardLines(
      sql`t.id IN (SELECT e.award_id FROM conference_event e WHERE e.conference_id = ${id} AND e.type = 'AWARD_ANNOUNCED')`,
      sql`(SELECT e.position FROM conference_event e WHERE e.award_id = t.id AND e.type = 'AWARD_ANNOUNCED')`,
    );
    return {
      name: 'Khen thuong tai hoi nghi',
      title: [
        'DANH SÁCH KHEN THƯỞNG ĐÃ CÔNG BỐ TẠI HỘI NGHỊ',
        `${conference.title}${conference.held_on ? ` (${vietnameseDate(conference.held_on)})` : ''}`,
      ],
      columns: [
        integer('STT', 6),
        text('Họ và tên / Tập thể', 32),
        text('Chức vụ', 24),
        text('Đơn vị', 36),
        text('Hình thức khen thưởng', 32),
        text('Số quyết định', 18),
        text('Ngày quyết định', 14),
        money('Số tiền thưởng (đồng)'),
      ],
      rows: lines.map((line, i) => [
        i + 1,
        line.recipient,
        positionOf(line),
        line.unit,
        line.type,
        line.decision_number,
        line.decided_on ? vietnameseDate(line.decided_on) : null,
        this.bonus(line),
      ]),
    };
  }

  /** The awards of `where` (on alias `t`) with what a list shows, in `order`; at most MAX_EXPORT_ROWS. */
  private awardLines(where: SqlFragment, order: SqlFragment): Promise<AwardLine[]> {
    return query<AwardLine>(
      this.dataSource,
      sql`SELECT coalesce(p.full_name, ru.name) AS recipient, t.unit_id IS NOT NULL AS collective,
                 p.position, u.name AS unit, ty.name AS type, ty.bonus_multiple::float8 AS bonus_multiple,
                 t.year, t.status, t.decision_number, t.decided_on::text AS decided_on
            FROM award t
            JOIN award_type ty ON ty.id = t.type_id
            JOIN unit u ON u.id = t.recipient_unit_id
            LEFT JOIN person p ON p.id = t.person_id
            LEFT JOIN unit ru ON ru.id = t.unit_id
           WHERE ${where}
           ORDER BY ${order}
           LIMIT ${MAX_EXPORT_ROWS}`,
    );
  }

  /** The bonus in đồng, as Award.bonusAmount gives it. */
  private bonus(line: AwardLine): number {
    return this.awards.bonusAmount({ bonusMultiple: line.bonus_multiple });
  }
}
