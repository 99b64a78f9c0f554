import ExcelJS from 'exceljs';
import { query, sql } from '../../src/common/sql';
import { DossierService } from '../../src/modules/dossiers/dossier.service';
import { startTestApp, type TestApp } from '../helpers/app';
import { download, pdfBytes, upload } from '../helpers/files';
import { clientFor } from '../helpers/graphql';

/**
 * The seed's year run on paper, as an office would (the README walks
 * through the same steps). The demo data records its 17 Giấy khen of 2025
 * as already decided; this test takes them out first and runs them through
 * the paperwork instead: the department submits one dossier for 2
 * collectives and 15 individuals, the office returns one nominee for a
 * missing minutes file, the unit fixes it, the council decides them at one
 * meeting and the decision is registered (the law's register: the dossier
 * points to it), the conference announces them, and the year's report and
 * the decision's annex (with the law's amounts) are exported.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ SEED_DEMO: 'true' });
});

afterAll(() => t.stop());

async function signIn(username: string) {
  const { login } = await clientFor(t.url).data(
    `mutation ($u: String!) { login(username: $u, password: "demo-password") { token } }`,
    { u: username },
  );
  return { token: login.token as string, client: clientFor(t.url, login.token) };
}

async function sheetRows(path: string, token: string): Promise<unknown[][]> {
  const response = await download(t.url, token, path);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

it('runs the seed’s 2025 commendations from the department’s dossier to the exported annex', async () => {
  // The seeded 17 Giấy khen of 2025 and what they cite, taken out so the year starts on paper.
  const seeded = await query<{
    person_id: string | null;
    unit_id: string | null;
    achievement_id: string;
    citation: string;
  }>(
    t.dataSource,
    sql`SELECT a.person_id, a.unit_id, aa.achievement_id, a.citation
          FROM award a JOIN award_achievement aa ON aa.award_id = a.id
         WHERE a.decision_number = '125/QĐ-BTGDV'
         ORDER BY (SELECT u.code FROM unit u WHERE u.id = a.unit_id) NULLS FIRST, a.id`,
  );
  expect(seeded).toHaveLength(17);
  // …and the decision and council meeting of the register they came with: the council will make them.
  const [registered] = await query<{ decision_id: string; meeting_id: string }>(
    t.dataSource,
    sql`SELECT DISTINCT decision_id, meeting_id FROM award WHERE decision_number = '125/QĐ-BTGDV'`,
  );
  await query(
    t.dataSource,
    sql`DELETE FROM award_achievement WHERE award_id IN (SELECT id FROM award WHERE decision_number = '125/QĐ-BTGDV')`,
  );
  await query(t.dataSource, sql`DELETE FROM award WHERE decision_number = '125/QĐ-BTGDV'`);
  await query(t.dataSource, sql`DELETE FROM award_decision WHERE id = ${registered!.decision_id}`);
  await query(t.dataSource, sql`DELETE FROM council_meeting WHERE id = ${registered!.meeting_id}`);
  const [{ id: departmentId }] = await query<{ id: string }>(
    t.dataSource,
    sql`SELECT id FROM unit WHERE code = 'LS-TGDV'`,
  );
  const [{ id: campaignId }] = await query<{ id: string }>(
    t.dataSource,
    sql`SELECT id FROM campaign WHERE code = 'DVK-2020-2025'`,
  );
  const [{ id: conferenceId }] = await query<{ id: string }>(
    t.dataSource,
    sql`SELECT id FROM conference ORDER BY starts_at LIMIT 1`,
  );
  const dossiers = t.app.server.services.get(DossierService);

  const manager = await signIn('manager');
  const secretary = await signIn('secretary');
  const council = await signIn('council');

  // 1. The department prepares its dossier (tờ trình 45/TTr-BTGDV) on Thursday 20/11/2025.
  dossiers.clock = () => new Date('2025-11-20T02:00:00Z');
  const { createDossier: dossier } = await manager.client.data(
    `mutation ($campaignId: ID!) { createDossier(input: { title: "Đề nghị tặng Giấy khen năm 2025 (phong trào Dân vận khéo)",
       number: "45/TTr-BTGDV", year: 2025, campaignId: $campaignId }) { id unit { code } } }`,
    { campaignId },
  );
  expect(dossier.unit.code).toBe('LS-TGDV');
  const nominees: string[] = [];
  for (const row of seeded) {
    const { addDossierNominee } = await manager.client.data(
      `mutation ($id: ID!, $input: AddNomineeInput!) { addDossierNominee(dossierId: $id, input: $input) { id checks { outcome } } }`,
      {
        id: dossier.id,
        input: {
          typeCode: 'GIAY_KHEN',
          personId: row.person_id,
          unitId: row.unit_id,
          achievementIds: [row.achievement_id],
          citation: row.citation,
        },
      },
    );
    expect(addDossierNominee.checks.every((c: { outcome: string }) => c.outcome === 'PASS')).toBe(
      true,
    );
    nominees.push(addDossierNominee.id);
  }
  const attach = async (fileId: string, kind: string, nomineeId?: string) =>
    manager.client.data(
      `mutation ($id: ID!, $input: AttachFileInput!) { attachToDossier(dossierId: $id, input: $input) { id } }`,
      { id: dossier.id, input: { fileId, kind, nomineeId } },
    );
  const letter = await upload(t.url, manager.token, pdfBytes('Tờ trình 45/TTr-BTGDV'), {
    name: 'Tờ trình 45-TTr-BTGDV.pdf',
  });
  await attach(letter.body.id, 'SUBMISSION_LETTER');
  const minutes = await upload(t.url, manager.token, pdfBytes('Biên bản họp Hội đồng TĐKT cơ sở'), {
    name: 'Biên bản họp HĐTĐKT.pdf',
  });
  for (const [i, nomineeId] of nominees.entries()) {
    const report = await upload(t.url, manager.token, pdfBytes(`Báo cáo thành tích ${i + 1}`), {
      name: `BCTT-${i + 1}.pdf`,
    });
    await attach(report.body.id, 'ACHIEVEMENT_REPORT', nomineeId);
    // The last collective's division minutes are forgotten.
    if (i < nominees.length - 1)
      await attach(minutes.body.id, 'GRASSROOTS_COUNCIL_MINUTES', nomineeId);
  }
  const forgotten = nominees.at(-1) as string;
  const submitted = await manager.client.data(
    `mutation ($id: ID!) { submitDossier(id: $id) { status dueOn } }`,
    { id: dossier.id },
  );
  // 10 working days after Thursday 20/11/2025.
  expect(submitted.submitDossier).toEqual({ status: 'SUBMITTED', dueOn: '2025-12-04' });

  // 2. The office reviews it, sees the missing minutes and returns that nominee.
  dossiers.clock = () => new Date('2025-11-21T02:00:00Z');
  const review = await secretary.client.data(
    `mutation ($id: ID!) { startDossierReview(id: $id) { status blockedNominees missingDocuments { kind nominee { id recipient { ... on Unit { code } } } } } }`,
    { id: dossier.id },
  );
  expect(review.startDossierReview).toMatchObject({
    status: 'UNDER_REVIEW',
    blockedNominees: 0,
    missingDocuments: [
      {
        kind: 'GRASSROOTS_COUNCIL_MINUTES',
        nominee: { id: forgotten, recipient: { code: 'LS-TGDV-TT' } },
      },
    ],
  });
  await secretary.client.data(
    `mutation ($id: ID!, $input: ReturnDossierInput!) { returnDossier(id: $id, input: $input) { status } }`,
    {
      id: dossier.id,
      input: {
        nominees: [
          {
            nomineeId: forgotten,
            reason: 'Thiếu biên bản họp bình xét của Phòng Tuyên truyền - Báo chí',
          },
        ],
      },
    },
  );

  // 3. The unit attaches the minutes and submits again.
  dossiers.clock = () => new Date('2025-11-24T02:00:00Z');
  const divisionMinutes = await upload(t.url, manager.token, pdfBytes('Biên bản Phòng TT-BC'), {
    name: 'Biên bản Phòng TT-BC.pdf',
  });
  await attach(divisionMinutes.body.id, 'GRASSROOTS_COUNCIL_MINUTES', forgotten);
  await manager.client.data(`mutation ($id: ID!) { submitDossier(id: $id) { status } }`, {
    id: dossier.id,
  });

  // 4. The office sends it to the council; at its meeting of 25/11/2025 the council approves all
  //    17 (10 of 11 members present, the absent one's written vote counted), and decision
  //    125/QĐ-BTGDV is registered: the meeting makes the dossier DECIDED.
  await secretary.client.data(`mutation ($id: ID!) { startDossierReview(id: $id) { status } }`, {
    id: dossier.id,
  });
  const sent = await secretary.client.data(
    `mutation ($id: ID!) { sendDossierToCouncil(id: $id) { status awardKind missingDocuments { kind } nominees { award { id status kind } } } }`,
    { id: dossier.id },
  );
  expect(sent.sendDossierToCouncil.status).toBe('TO_COUNCIL');
  expect(sent.sendDossierToCouncil.awardKind).toBe('THUONG_XUYEN');
  expect(
    sent.sendDossierToCouncil.nominees.every(
      (n: { award: { status: string; kind: string } }) =>
        n.award.status === 'NOMINATED' && n.award.kind === 'THUONG_XUYEN',
    ),
  ).toBe(true);
  expect(sent.sendDossierToCouncil.missingDocuments).toEqual([]);
  const awardIds: string[] = sent.sendDossierToCouncil.nominees.map(
    (n: { award: { id: string } }) => n.award.id,
  );
  const { holdCouncilMeeting: meeting } = await council.client.data(
    `mutation ($input: HoldCouncilMeetingInput!) { holdCouncilMeeting(input: $input) {
       id quorum awards { status } decisions { id number } } }`,
    {
      input: {
        heldOn: '2025-11-25',
        councilUnitId: departmentId,
        membersTotal: 11,
        membersPresent: 10,
        minutes: 'Hội đồng TĐKT Ban Tuyên giáo và Dân vận xét đề nghị tại Tờ trình 45/TTr-BTGDV',
        decision: {
          number: '125/QĐ-BTGDV',
          decidedOn: '2025-11-25',
          signer: 'Trưởng ban Nguyễn Quốc Khánh',
          issuingBody: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Lạng Sơn',
        },
        votes: awardIds.map((awardId) => ({
          awardId,
          approve: true,
          votesFor: 11,
          votesAgainst: 0,
          votesAbstain: 0,
        })),
      },
    },
  );
  expect(meeting.quorum).toBe(8);
  expect(meeting.awards.every((a: { status: string }) => a.status === 'APPROVED')).toBe(true);
  expect(meeting.decisions).toHaveLength(1);
  const decisionId: string = meeting.decisions[0].id;
  const afterMeeting = await secretary.client.data(
    `query ($id: ID!) { dossier(id: $id) { status decisions { id number decidedOn signer issuingBody }
       councilMeetings { id } history { toStatus byRole councilMeeting { id } } } }`,
    { id: dossier.id },
  );
  expect(afterMeeting.dossier).toMatchObject({
    status: 'DECIDED',
    decisions: [
      {
        id: decisionId,
        number: '125/QĐ-BTGDV',
        decidedOn: '2025-11-25',
        signer: 'Trưởng ban Nguyễn Quốc Khánh',
        issuingBody: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Lạng Sơn',
      },
    ],
    councilMeetings: [{ id: meeting.id }],
  });
  expect(afterMeeting.dossier.history.at(-1)).toEqual({
    toStatus: 'DECIDED',
    byRole: 'COUNCIL',
    councilMeeting: { id: meeting.id },
  });
  const decided = await secretary.client.data(
    `mutation ($id: ID!) { publishDossier(id: $id) { status history { toStatus } } }`,
    { id: dossier.id },
  );
  expect(decided.publishDossier.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
    'DRAFT',
    'SUBMITTED',
    'UNDER_REVIEW',
    'RETURNED',
    'SUBMITTED',
    'UNDER_REVIEW',
    'TO_COUNCIL',
    'DECIDED',
    'PUBLISHED',
  ]);

  // 5. The conference announces them.
  await secretary.client.data(`mutation ($id: ID!) { startConference(id: $id) { status } }`, {
    id: conferenceId,
  });
  for (const awardId of awardIds) {
    await secretary.client.data(
      `mutation ($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`,
      { c: conferenceId, a: awardId },
    );
  }

  // 6. The year's report and the decision's annex.
  const report = await sheetRows(
    `/exports/reports/COMMENDATIONS.xlsx?unitId=${departmentId}&year=2025`,
    secretary.token,
  );
  expect(report.find((r) => r[1] === 'Giấy khen')).toEqual([
    1,
    'Giấy khen',
    17,
    2,
    15,
    0,
    expect.any(Number),
    expect.any(Number),
    expect.any(Number),
  ]);
  const giayKhen = report.find((r) => r[1] === 'Giấy khen') as number[];
  expect(giayKhen[6]! + giayKhen[7]! + giayKhen[8]!).toBe(15);
  // The report names the register's decisions it counts.
  expect(
    report
      .flat()
      .some((cell) => String(cell).includes('Quyết định số 125/QĐ-BTGDV ngày 25/11/2025')),
  ).toBe(true);
  const { statisticalReport } = await secretary.client.data(
    `query ($unitId: ID!) { statisticalReport(form: COMMENDATIONS, unitId: $unitId, year: 2025) { decisions { id } } }`,
    { unitId: departmentId },
  );
  expect(statisticalReport.decisions.map((d: { id: string }) => d.id)).toContain(decisionId);
  // The annex of the decision the dossier points to, with the law's money: Giấy khen pays
  // 0.3 × 2,340,000 → 710,000 đ to a person and 0.6 × 2,340,000 → 1,410,000 đ to a collective.
  const annex = await sheetRows(`/exports/decisions/${decisionId}/annex.xlsx`, secretary.token);
  expect(annex[1]?.[0]).toBe(
    '(Kèm theo Quyết định số 125/QĐ-BTGDV ngày 25/11/2025 của Ban Tuyên giáo và Dân vận Tỉnh ủy Lạng Sơn)',
  );
  expect(annex[2]?.[0]).toBe('Người ký: Trưởng ban Nguyễn Quốc Khánh');
  const lines = annex.slice(annex.findIndex((r) => r[0] === 'STT') + 1);
  expect(lines).toHaveLength(18);
  expect(lines.slice(0, 2).map((r) => r[2])).toEqual(['Tập thể', 'Tập thể']);
  const amounts = lines.slice(0, 17).map((r) => r[5] as number);
  expect(amounts).toEqual([1_410_000, 1_410_000, ...Array<number>(15).fill(710_000)]);
  expect(lines[17]).toEqual([undefined, 'Tổng cộng', undefined, undefined, undefined, 13_470_000]);
  // The same annex found by number and year.
  const byNumber = await sheetRows(
    `/exports/decisions/annex.xlsx?number=${encodeURIComponent('125/QĐ-BTGDV')}&year=2025`,
    secretary.token,
  );
  expect(byNumber).toEqual(annex);
  const announced = await sheetRows(
    `/exports/conferences/${conferenceId}/awards.xlsx`,
    secretary.token,
  );
  expect(announced.slice(announced.findIndex((r) => r[0] === 'STT') + 1)).toHaveLength(17);
}, 120_000);
