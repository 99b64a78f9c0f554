import ExcelJS from 'exceljs';
import { Role } from '../../src/modules/accounts/account.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import { ReportCategory, type Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import type { AwardDecision } from '../../src/modules/awards/council.entity';
import {
  buildAward,
  buildAwardDecision,
  buildConference,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';
import { baseOf, download } from '../helpers/files';
import { ExportService } from '../../src/modules/exports/export.service';

let t: TestApp;
let province: Unit;
let department: Unit;
let people: Record<'provincial' | 'head' | 'deputy' | 'worker1' | 'worker2' | 'outsider', Person>;
let token: string;

/**
 * The fixture, counted by hand for 2025 in the province's subtree:
 *
 * | form        | type            | collectives | individuals | provincial | department | deputy+ | direct |
 * | COMMENDATIONS | GIAY_KHEN     | 1 (dept)    | 3           | 0          | 1 (head)   | 0       | 2      |
 * | COMMENDATIONS | BANG_KHEN_TINH| 0           | 1           | 1          | 0          | 0       | 0      |
 * | TITLES      | LAO_DONG_TIEN_TIEN | 0      | 3           | 0          | 0          | 1       | 2      |
 * | TITLES      | CSTD_CO_SO      | 0           | 1           | 0          | 0          | 1       | 0      |
 * | TITLES      | TAP_THE_LDTT    | 1           | 0           |            |            |         |        |
 *
 * Not counted: a NOMINATED and a REJECTED award, an award of 2024, an award outside the subtree.
 */
beforeAll(async () => {
  t = await startTestApp();
  province = await buildUnit(t.dataSource, { name: 'Tỉnh' });
  department = await buildUnit(t.dataSource, { parent: province, name: 'Ban Tuyên giáo' });
  const elsewhere = await buildUnit(t.dataSource);
  const person = (unit: Unit, fullName: string, reportCategory: ReportCategory) =>
    buildPerson(t.dataSource, {
      unit,
      fullName,
      reportCategory,
      isLeader: reportCategory !== ReportCategory.DIRECT_WORKER,
      position: reportCategory === ReportCategory.DIRECT_WORKER ? 'Chuyên viên' : 'Lãnh đạo',
    });
  people = {
    provincial: await person(province, 'Lãnh đạo tỉnh', ReportCategory.PROVINCIAL_LEADER),
    head: await person(department, 'Trưởng ban', ReportCategory.DEPARTMENT_LEADER),
    deputy: await person(department, 'Phó trưởng phòng', ReportCategory.DEPUTY_HEAD_AND_ABOVE),
    worker1: await person(department, 'Chuyên viên A', ReportCategory.DIRECT_WORKER),
    worker2: await person(department, 'Chuyên viên B', ReportCategory.DIRECT_WORKER),
    outsider: await person(elsewhere, 'Người ngoài', ReportCategory.DIRECT_WORKER),
  };
  // Decisions of the register, each registered once (as the council does).
  const register = new Map<string, Promise<AwardDecision>>();
  const decisionOf = (number: string) => {
    if (!register.has(number)) {
      register.set(
        number,
        buildAwardDecision(t.dataSource, {
          number,
          decidedOn: '2025-11-25',
          signer: 'Trưởng ban Nguyễn Văn Ký',
          issuingBody: 'Ban Tuyên giáo Tỉnh ủy',
        }),
      );
    }
    return register.get(number)!;
  };
  const award = async (
    type: string,
    holder: { person: Person } | { unit: Unit },
    extra: Record<string, unknown> = {},
  ) => {
    const status = (extra.status as AwardStatus | undefined) ?? AwardStatus.APPROVED;
    const number = (extra.decisionNumber as string | undefined) ?? '125/QĐ-BTG';
    const decision =
      status === AwardStatus.APPROVED || status === AwardStatus.ANNOUNCED
        ? await decisionOf(number)
        : null;
    return buildAward(t.dataSource, {
      type,
      ...holder,
      decisionNumber: decision ? number : null,
      decidedOn: decision ? '2025-11-25' : null,
      decisionId: decision?.id ?? null,
      ...extra,
    });
  };
  await award('GIAY_KHEN', { person: people.worker1 });
  await award('GIAY_KHEN', { person: people.worker2 }, { status: AwardStatus.ANNOUNCED });
  await award('GIAY_KHEN', { person: people.head });
  await award('GIAY_KHEN', { unit: department });
  await award('BANG_KHEN_TINH', { person: people.provincial }, { decisionNumber: '9/QĐ-UBND' });
  await award('GIAY_KHEN', { person: people.deputy }, { status: AwardStatus.NOMINATED });
  await award('BANG_KHEN_TINH', { person: people.deputy }, { status: AwardStatus.REJECTED });
  await award('GIAY_KHEN', { person: people.worker1 }, { year: 2024, decisionNumber: '7/QĐ-BTG' });
  await award('GIAY_KHEN', { person: people.outsider });
  for (const p of [people.worker1, people.worker2, people.deputy])
    await award('LAO_DONG_TIEN_TIEN', { person: p }, { decisionNumber: '3/QĐ-BTG' });
  await award('CSTD_CO_SO', { person: people.deputy }, { decisionNumber: '3/QĐ-BTG' });
  await award('TAP_THE_LDTT', { unit: department }, { decisionNumber: '3/QĐ-BTG' });
  token = t.tokenFor({ role: Role.VIEWER });
});

afterAll(() => t.stop());

const REPORT = `query ($form: ReportForm!, $unitId: ID!, $year: Int!) {
  statisticalReport(form: $form, unitId: $unitId, year: $year) {
    title year unit { name }
    rows { awardType { code } collectives individuals provincialLeaders departmentLeaders deputyHeadsAndAbove directWorkers total }
    total { collectives individuals provincialLeaders departmentLeaders deputyHeadsAndAbove directWorkers total }
    decisions { number }
  } }`;

/** [collectives, individuals, provincial, department, deputy+, direct, total] of a row. */
const counts = (row: Record<string, number>) => [
  row.collectives,
  row.individuals,
  row.provincialLeaders,
  row.departmentLeaders,
  row.deputyHeadsAndAbove,
  row.directWorkers,
  row.total,
];

describe('statistical reports', () => {
  it('counts commendations by type and recipient category as the hand count does', async () => {
    const { statisticalReport: report } = await clientFor(t.url, token).data(REPORT, {
      form: 'COMMENDATIONS',
      unitId: province.id,
      year: 2025,
    });
    const byCode = Object.fromEntries(report.rows.map((r: any) => [r.awardType.code, counts(r)]));
    expect(byCode).toEqual({
      GIAY_KHEN: [1, 3, 0, 1, 0, 2, 4],
      BANG_KHEN_TINH: [0, 1, 1, 0, 0, 0, 1],
    });
    expect(counts(report.total)).toEqual([1, 4, 1, 1, 0, 2, 5]);
    // The register's decisions behind the counts.
    expect(report.decisions).toEqual([{ number: '125/QĐ-BTG' }, { number: '9/QĐ-UBND' }]);
    // The department's subtree leaves the provincial leader out.
    const { statisticalReport: departmentReport } = await clientFor(t.url, token).data(REPORT, {
      form: 'COMMENDATIONS',
      unitId: department.id,
      year: 2025,
    });
    expect(counts(departmentReport.total)).toEqual([1, 3, 0, 1, 0, 2, 4]);
    expect(departmentReport.decisions).toEqual([{ number: '125/QĐ-BTG' }]);
  });

  it('counts emulation titles', async () => {
    const { statisticalReport: report } = await clientFor(t.url, token).data(REPORT, {
      form: 'EMULATION_TITLES',
      unitId: province.id,
      year: 2025,
    });
    const byCode = Object.fromEntries(report.rows.map((r: any) => [r.awardType.code, counts(r)]));
    expect(byCode).toMatchObject({
      LAO_DONG_TIEN_TIEN: [0, 3, 0, 0, 1, 2, 3],
      CSTD_CO_SO: [0, 1, 0, 0, 1, 0, 1],
      CSTD_CAP_TINH: [0, 0, 0, 0, 0, 0, 0],
      TAP_THE_LDTT: [1, 0, 0, 0, 0, 0, 1],
      TAP_THE_LDXS: [0, 0, 0, 0, 0, 0, 0],
    });
    expect(counts(report.total)).toEqual([1, 4, 0, 0, 2, 2, 5]);
  });
});

describe('exports', () => {
  const get = (path: string, withToken = true) =>
    download(t.url, withToken ? token : undefined, path);

  async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    return workbook.worksheets[0] as ExcelJS.Worksheet;
  }

  /** The rows of a sheet as arrays of values, from the header row on. */
  function rowsFrom(sheet: ExcelJS.Worksheet, header: string): unknown[][] {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const start = rows.findIndex((r) => r[0] === header);
    return rows.slice(start);
  }

  it('writes the report as an XLSX that reads back with the same counts and Vietnamese headers', async () => {
    const sheet = await sheetOf(
      await get(`/exports/reports/COMMENDATIONS.xlsx?unitId=${province.id}&year=2025`),
    );
    expect(sheet.getCell('A1').value).toBe('SỐ LƯỢNG KHEN THƯỞNG THEO HÌNH THỨC VÀ ĐỐI TƯỢNG');
    expect(sheet.getCell('A2').value).toBe('Đơn vị: Tỉnh — Năm 2025');
    expect(sheet.getCell('A3').value).toBe(
      'Căn cứ: Quyết định số 125/QĐ-BTG ngày 25/11/2025; Quyết định số 9/QĐ-UBND ngày 25/11/2025',
    );
    const [header, ...rows] = rowsFrom(sheet, 'STT');
    expect(header).toEqual([
      'STT',
      'Hình thức',
      'Tổng số',
      'Tập thể',
      'Cá nhân',
      'Lãnh đạo cấp tỉnh',
      'Lãnh đạo cấp sở, ban, ngành',
      'Cấp phó trưởng phòng trở lên',
      'Người trực tiếp lao động, công tác',
    ]);
    expect(rows).toEqual([
      [1, 'Giấy khen', 4, 1, 3, 0, 1, 0, 2],
      [2, 'Bằng khen của Chủ tịch UBND tỉnh', 1, 0, 1, 1, 0, 0, 0],
      [undefined, 'Tổng cộng', 5, 1, 4, 1, 1, 0, 2],
    ]);
  });

  it('exports an award list with the awards query’s filters, amounts in đồng and dates dd/MM/yyyy, as XLSX and CSV', async () => {
    const sheet = await sheetOf(
      await get(
        `/exports/awards.xlsx?unitId=${department.id}&year=2025&typeCode=GIAY_KHEN&status=APPROVED`,
      ),
    );
    const [header, ...rows] = rowsFrom(sheet, 'STT');
    expect(header).toEqual([
      'STT',
      'Họ và tên / Tập thể',
      'Chức vụ',
      'Đơn vị',
      'Hình thức khen thưởng',
      'Loại khen thưởng',
      'Năm',
      'Trạng thái',
      'Số quyết định',
      'Ngày quyết định',
      'Số tiền thưởng (đồng)',
    ]);
    expect(rows.map((r) => r[1]).sort()).toEqual(['Ban Tuyên giáo', 'Chuyên viên A', 'Trưởng ban']);
    const worker = rows.find((r) => r[1] === 'Chuyên viên A') as unknown[];
    expect(worker).toEqual([
      expect.any(Number),
      'Chuyên viên A',
      'Chuyên viên',
      'Ban Tuyên giáo',
      'Giấy khen',
      'thường xuyên',
      2025,
      'đã phê duyệt',
      '125/QĐ-BTG',
      '25/11/2025',
      // The law's money: 0.3 × 2,340,000 = 702,000, rounded up to 710,000 đ.
      710000,
    ]);
    expect(sheet.getColumn(11).numFmt).toBe('#,##0');

    const csv = await get(
      `/exports/awards.csv?unitId=${department.id}&year=2025&typeCode=GIAY_KHEN&status=APPROVED`,
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark first, so that Excel reads the UTF-8 as such.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      '"STT","Họ và tên / Tập thể","Chức vụ","Đơn vị","Hình thức khen thưởng","Loại khen thưởng","Năm","Trạng thái","Số quyết định","Ngày quyết định","Số tiền thưởng (đồng)"',
    );
    expect(lines).toContain(
      `${lines.findIndex((l) => l.includes('Chuyên viên A'))},"Chuyên viên A","Chuyên viên","Ban Tuyên giáo","Giấy khen","thường xuyên",2025,"đã phê duyệt","125/QĐ-BTG","25/11/2025",710000`,
    );
  });

  it('exports the annex of a decision of the register with the amounts and their total', async () => {
    const decision = await t.dataSource
      .getRepository('AwardDecision')
      .findOneByOrFail({ number: '125/QĐ-BTG' });
    const sheet = await sheetOf(await get(`/exports/decisions/${decision.id}/annex.xlsx`));
    expect(sheet.getCell('A2').value).toBe(
      '(Kèm theo Quyết định số 125/QĐ-BTG ngày 25/11/2025 của Ban Tuyên giáo Tỉnh ủy)',
    );
    expect(sheet.getCell('A3').value).toBe('Người ký: Trưởng ban Nguyễn Văn Ký');
    const [, ...rows] = rowsFrom(sheet, 'STT');
    // Collectives first; 5 awards of 2025 under that number are APPROVED or ANNOUNCED (the nominated one is not decided).
    expect(rows[0]?.slice(1, 3)).toEqual(['Ban Tuyên giáo', 'Tập thể']);
    expect(rows.at(-1)).toEqual([
      undefined,
      'Tổng cộng',
      undefined,
      undefined,
      undefined,
      // The collective's Giấy khen pays 0.6 × 2,340,000 → 1,410,000 đ; each person's 710,000 đ.
      1_410_000 + 4 * 710_000,
    ]);
    // By number (and year): the same decision.
    const byNumber = await sheetOf(
      await get(
        `/exports/decisions/annex.xlsx?number=${encodeURIComponent('125/qđ-btg')}&year=2025`,
      ),
    );
    expect(byNumber.getCell('A2').value).toBe(sheet.getCell('A2').value);
    const missing = await get(`/exports/decisions/annex.xlsx?number=nothing`);
    expect(missing.status).toBe(404);
    const unknownId = await get(
      `/exports/decisions/00000000-0000-4000-8000-000000000000/annex.xlsx`,
    );
    expect(unknownId.status).toBe(404);
  });

  it('exports the awards announced at a conference, in the order announced', async () => {
    const conference = await buildConference(t.dataSource, {
      host: province,
      status: ConferenceStatus.LIVE,
      title: 'Hội nghị biểu dương',
    });
    const secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    const first = await buildAward(t.dataSource, {
      type: 'GIAY_KHEN',
      person: people.deputy,
      year: 2023,
    });
    const second = await buildAward(t.dataSource, {
      type: 'GIAY_KHEN',
      unit: province,
      year: 2023,
    });
    for (const award of [second, first]) {
      await secretary.data(
        `mutation ($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`,
        { c: conference.id, a: award.id },
      );
    }
    const sheet = await sheetOf(await get(`/exports/conferences/${conference.id}/awards.xlsx`));
    const [, ...rows] = rowsFrom(sheet, 'STT');
    expect(rows.map((r) => r[1])).toEqual(['Tỉnh', 'Phó trưởng phòng']);
  });

  it('refuses an export over the row limit whole, with 413 and a message asking for a narrower filter', async () => {
    const exportsService = t.app.server.services.get(ExportService);
    const limit = exportsService.maxRows;
    const path = `/exports/awards.csv?unitId=${department.id}&year=2025&typeCode=GIAY_KHEN&status=APPROVED`;
    try {
      // Three awards match: a limit of two refuses the export rather than cutting it short.
      exportsService.maxRows = 2;
      for (const format of ['csv', 'xlsx']) {
        const refused = await get(path.replace('.csv', `.${format}`));
        expect(refused.status).toBe(413);
        expect(refused.headers.get('content-type')).toContain('application/json');
        const body = (await refused.json()) as any;
        expect(body.errors[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'TOO_MANY_ROWS',
          maxRows: 2,
        });
        expect(body.errors[0].message).toMatch(/more than 2 rows: narrow the filter/);
      }
      const vietnamese = await fetch(`${baseOf(t.url)}${path}`, {
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'vi' },
      });
      expect(((await vietnamese.json()) as any).errors[0].message).toMatch(
        /hơn 2 dòng: hãy thu hẹp điều kiện lọc/,
      );
      // Exactly at the limit: every row.
      exportsService.maxRows = 3;
      const whole = await get(path);
      expect(whole.status).toBe(200);
      expect((await whole.text()).trimEnd().split('\r\n')).toHaveLength(4);
    } finally {
      exportsService.maxRows = limit;
    }
  });

  it('needs a token, and answers unknown exports and formats clearly', async () => {
    expect((await get('/exports/awards.xlsx', false)).status).toBe(401);
    const bad = await get('/exports/awards.pdf');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await get('/exports/nothing.xlsx')).status).toBe(404);
    expect((await get(`/exports/reports/NOPE.xlsx?unitId=${province.id}&year=2025`)).status).toBe(
      404,
    );
    expect(
      (await get(`/exports/reports/COMMENDATIONS.xlsx?unitId=${province.id}&year=soon`)).status,
    ).toBe(400);
    expect((await get('/exports/awards.xlsx?unitId=nope')).status).toBe(400);
    expect(
      errorCode(
        await clientFor(t.url, token).request(REPORT, {
          form: 'COMMENDATIONS',
          unitId: '00000000-0000-4000-8000-000000000000',
          year: 2025,
        }),
      ),
    ).toBe('NOT_FOUND');
  });
});
