import type { DataSource } from 'typeorm';
import { parseId } from '../../common/ids';
import { entityRows } from '../../common/rows';
import type { ServiceDeps } from '../../common/services';
import { query, sql, type SqlFragment } from '../../common/sql';
import { checkYear, requiredText } from '../../common/validate';
import { AppError, BadInputError, ErrorCode, NotFoundError } from '../../errors';
import { msg } from '../../i18n/i18n';
import { labels } from '../../i18n/messages';
import { Award } from '../awards/award.entity';
import { AwardDecision } from '../awards/council.entity';
import { KIND_NAMES } from '../awards/rules/rule';
import type { AwardFilter } from '../awards/award.inputs';
import { awardFilterSql, AwardService } from '../awards/award.service';
import { vietnameseDate } from '../calendar/days';
import { ReportService } from '../reports/report.service';
import type { ReportForm } from '../reports/report.types';
import type { Table, TableColumn } from './table';

/** Most rows one export holds by default (ExportService.maxRows). */
export const MAX_EXPORT_ROWS = 50_000;

/**
 * An export that would hold more rows than allowed: refused whole (HTTP 413,
 * BAD_USER_INPUT, `reason: TOO_MANY_ROWS`, `maxRows`) rather than cut short
 * without a word; the message asks for a narrower filter.
 */
export class ExportTooLargeError extends AppError {
  constructor(maxRows: number) {
    super(ErrorCode.BAD_USER_INPUT, msg('exports.tooManyRows', { max: maxRows }), {
      http: { status: 413 },
      reason: 'TOO_MANY_ROWS',
      maxRows,
    });
  }
}

/** An award with what a list shows of it, and what it is paid (the law's money). */
interface AwardLine {
  award: Award;
  recipient: string;
  collective: boolean;
  position: string | null;
  unit: string;
  type: string;
  /** The decision approving it, from the register (number and day). */
  decisionNumber: string | null;
  decidedOn: string | null;
  /** What is paid, in đồng (= Award.bonusAmount). */
  paid: number;
}

const text = (header: string, width: number): TableColumn => ({ header, kind: 'text', width });
const integer = (header: string, width = 8): TableColumn => ({ header, kind: 'integer', width });
const money = (header: string): TableColumn => ({ header, kind: 'money', width: 18 });

/** "Tập thể" for a collective, the person's position otherwise. */
function positionOf(line: Pick<AwardLine, 'collective' | 'position'>): string {
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
  /** Most rows an export may hold; a larger one is refused with ExportTooLargeError. */
  maxRows = MAX_EXPORT_ROWS;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.awards = new AwardService(deps);
    this.reports = new ReportService(deps);
  }

  /** Awards matching the filter (as the `awards` query), newest year first. */
  async awardList(filter: AwardFilter): Promise<Table> {
    const lines = await this.awardLines(
      awardFilterSql(filter),
      sql`t.year DESC, x_recipient, t.id`,
    );
    return {
      name: 'Danh sach khen thuong',
      title: ['DANH SÁCH KHEN THƯỞNG'],
      columns: [
        integer('STT', 6),
        text('Họ và tên / Tập thể', 32),
        text('Chức vụ', 24),
        text('Đơn vị', 36),
        text('Hình thức khen thưởng', 32),
        text('Loại khen thưởng', 14),
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
        KIND_NAMES[line.award.kind]?.vi ?? line.award.kind,
        line.award.year,
        labels[line.award.status]?.vi ?? line.award.status,
        line.decisionNumber,
        line.decidedOn ? vietnameseDate(line.decidedOn) : null,
        line.paid,
      ]),
    };
  }

  /**
   * The annex of a registered decision (by id, or by number and year — a
   * number is unique within a year): the recipients it approved with what
   * each is paid and the total, collectives first, then by unit and name.
   * NOT_FOUND when the register has no such decision.
   */
  async decisionAnnex(ref: {
    id?: string | null;
    number?: string | null;
    year?: number | null;
  }): Promise<Table> {
    const decision = await this.findDecision(ref);
    const lines = await this.awardLines(
      sql`t.decision_id = ${decision.id} AND t.status IN ('APPROVED', 'ANNOUNCED')`,
      sql`collective DESC, x_unit, x_recipient, t.id`,
    );
    const paid = lines.map((line) => line.paid);
    return {
      name: 'Phu luc quyet dinh',
      title: [
        'DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG',
        `(Kèm theo Quyết định số ${decision.number} ngày ${vietnameseDate(decision.decidedOn)}${
          decision.issuingBody ? ` của ${decision.issuingBody}` : ''
        })`,
        ...(decision.signer ? [`Người ký: ${decision.signer}`] : []),
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
        line.paid,
      ]),
      total: [null, 'Tổng cộng', null, null, null, paid.reduce((a, b) => a + b, 0)],
    };
  }

  /** The decision of the register an annex is asked for; BAD_USER_INPUT or NOT_FOUND. */
  private async findDecision(ref: {
    id?: string | null;
    number?: string | null;
    year?: number | null;
  }): Promise<AwardDecision> {
    const rows = entityRows(this.dataSource, AwardDecision);
    if (ref.id) {
      const id = parseId(ref.id, 'id');
      const [found] = await rows.selectIn(this.dataSource, 'id', [id]);
      if (!found) throw new NotFoundError('AwardDecision', id);
      return found;
    }
    const number = requiredText(ref.number ?? '', 'number', 100);
    const year = ref.year === null || ref.year === undefined ? null : checkYear(ref.year, 'year');
    const found = await rows.select(
      this.dataSource,
      sql.and(
        sql`lower(t.number) = lower(${number})`,
        year !== null && sql`extract(year FROM t.decided_on) = ${year}`,
      ),
      { decidedOn: 'DESC', id: 'ASC' },
    );
    if (found.length === 0) throw new NotFoundError('AwardDecision', number);
    if (found.length > 1) {
      throw new BadInputError(msg('exports.decisionNeedsYear', { number }), { field: 'year' });
    }
    return found[0]!;
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
      title: [
        report.title.toUpperCase(),
        `Đơn vị: ${report.unit.name} — Năm ${report.year}`,
        ...(report.decisions.length
          ? [
              `Căn cứ: ${report.decisions
                .map((d) => `Quyết định số ${d.number} ngày ${vietnameseDate(d.decidedOn)}`)
                .join('; ')}`,
            ]
          : []),
      ],
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
        line.decisionNumber,
        line.decidedOn ? vietnameseDate(line.decidedOn) : null,
        line.paid,
      ]),
    };
  }

  /**
   * The awards of `where` (on alias `t`) with what a list shows, in `order`
   * (which may use `collective`, `x_unit`, `x_recipient`). The decision is
   * the register's; the amount is what the law in force on its date pays (as
   * Award.bonusAmount). Two statements. Throws ExportTooLargeError when more
   * than `maxRows` awards match (one more row is read to know).
   */
  private async awardLines(where: SqlFragment, order: SqlFragment): Promise<AwardLine[]> {
    const awards = entityRows(this.dataSource, Award);
    const rows = await query<Record<string, unknown>>(
      this.dataSource,
      sql`SELECT ${awards.columns('t')},
                 coalesce(p.full_name, ru.name) AS x_recipient, t.unit_id IS NOT NULL AS collective,
                 p.position AS x_position, u.name AS x_unit, ty.name AS x_type,
                 coalesce(d.number, t.decision_number) AS x_decision_number,
                 coalesce(d.decided_on, t.decided_on)::text AS x_decided_on
            FROM award t
            JOIN award_type ty ON ty.id = t.type_id
            JOIN unit u ON u.id = t.recipient_unit_id
            LEFT JOIN person p ON p.id = t.person_id
            LEFT JOIN unit ru ON ru.id = t.unit_id
            LEFT JOIN award_decision d ON d.id = t.decision_id
           WHERE ${where}
           ORDER BY ${order}
           LIMIT ${this.maxRows + 1}`,
    );
    if (rows.length > this.maxRows) throw new ExportTooLargeError(this.maxRows);
    const list = rows.map((row) => awards.hydrate(row));
    const bonuses = list.length ? await this.awards.bonuses(list, await this.awards.book()) : [];
    return rows.map((row, i) => ({
      award: list[i]!,
      recipient: row.x_recipient as string,
      collective: row.collective as boolean,
      position: (row.x_position as string | null) ?? null,
      unit: row.x_unit as string,
      type: row.x_type as string,
      decisionNumber: (row.x_decision_number as string | null) ?? null,
      decidedOn: (row.x_decided_on as string | null) ?? null,
      paid: bonuses[i]!.payable,
    }));
  }
}
