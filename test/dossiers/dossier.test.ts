import { Role } from '../../src/modules/accounts/account.entity';
import { DossierService } from '../../src/modules/dossiers/dossier.service';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildAchievement, buildPerson, buildUnit } from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';
import { pdfBytes, upload } from '../helpers/files';
import { disposeAllWs, subscribe, wsClient } from '../helpers/ws';

const DOSSIER = `
  id status dueOn levelStartedOn returnReason blockedNominees
  nominees { id returnReason recipient { ... on Person { fullName } ... on Unit { name } }
             checks { rule outcome } warnings award { id status } attachments { kind } }
  attachments { kind nominee { id } file { name url } }
  missingDocuments { kind nominee { id } }
  history { fromStatus toStatus byUsername byRole reason nomineeReasons { nomineeId reason } dueOn }
`;

let t: TestApp;
let department: Unit;
let division: Unit;
let elsewhere: Unit;
let thu: Person;
let lan: Person;
let outsider: Person;
let tokens: Record<
  'manager' | 'divisionManager' | 'otherManager' | 'secretary' | 'council' | 'viewer' | 'member',
  string
>;

/** Sets the day the server considers today (deadlines count from it). */
function setToday(day: string): void {
  t.app.server.services.get(DossierService).clock = () => new Date(`${day}T03:00:00Z`);
}

beforeAll(async () => {
  t = await startTestApp();
  department = await buildUnit(t.dataSource, { name: 'Ban Tuyên giáo' });
  division = await buildUnit(t.dataSource, { parent: department, name: 'Phòng Dân vận' });
  elsewhere = await buildUnit(t.dataSource, { name: 'Ban Tổ chức' });
  thu = await buildPerson(t.dataSource, { unit: division, fullName: 'Nông Thị Thu' });
  lan = await buildPerson(t.dataSource, { unit: department, fullName: 'Chu Thị Lan' });
  outsider = await buildPerson(t.dataSource, { unit: elsewhere });
  tokens = {
    manager: t.tokenFor({ role: Role.UNIT_MANAGER, unitId: department.id, username: 'manager' }),
    divisionManager: t.tokenFor({ role: Role.UNIT_MANAGER, unitId: division.id, username: 'dv' }),
    otherManager: t.tokenFor({ role: Role.UNIT_MANAGER, unitId: elsewhere.id, username: 'other' }),
    secretary: t.tokenFor({ role: Role.SECRETARY, username: 'secretary' }),
    council: t.tokenFor({ role: Role.COUNCIL, username: 'council' }),
    viewer: t.tokenFor({ role: Role.VIEWER }),
    member: t.tokenFor({ role: Role.MEMBER }),
  };
});

afterAll(async () => {
  await disposeAllWs();
  await t.stop();
});

async function createDossier(token: string, unitId?: string) {
  const response = await clientFor(t.url, token).request(
    `mutation ($input: CreateDossierInput!) { createDossier(input: $input) { id status } }`,
    { input: { title: 'Đề nghị tặng Giấy khen năm 2025', year: 2025, unitId } },
  );
  return response;
}

describe('a dossier’s whole trip', () => {
  it('goes DRAFT → SUBMITTED → UNDER_REVIEW → RETURNED → SUBMITTED → … → PUBLISHED, with its history and events', async () => {
    const manager = clientFor(t.url, tokens.manager);
    const secretary = clientFor(t.url, tokens.secretary);
    const council = clientFor(t.url, tokens.council);
    const screen = wsClient(t.wsUrl, tokens.viewer);
    const feed = subscribe(
      screen,
      `subscription ($unitId: ID!) { dossierUpdated(unitId: $unitId) { kind cursor dossier { id status } transition { fromStatus toStatus } } }`,
      { unitId: department.id },
      'dossierUpdated',
    );
    const otherFeed = subscribe(
      wsClient(t.wsUrl, tokens.viewer),
      `subscription ($unitId: ID!) { dossierUpdated(unitId: $unitId) { kind } }`,
      { unitId: elsewhere.id },
      'dossierUpdated',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const thuResult = await buildAchievement(t.dataSource, { person: thu });
    const lanResult = await buildAchievement(t.dataSource, { person: lan });

    const { createDossier: created } = await manager.data(
      `mutation { createDossier(input: { title: "Đề nghị tặng Giấy khen năm 2025", number: "45/TTr-BTG", year: 2025 }) { id status } }`,
    );
    expect(created.status).toBe('DRAFT');
    const id = created.id;
    const add = (personId: string, achievementIds: string[]) =>
      manager.data(
        `mutation ($id: ID!, $input: AddNomineeInput!) { addDossierNominee(dossierId: $id, input: $input) { id checks { rule outcome } } }`,
        { id, input: { typeCode: 'GIAY_KHEN', personId, achievementIds } },
      );
    const thuNominee = (await add(thu.id, [thuResult.id])).addDossierNominee;
    // Lan is proposed without the achievement her commendation must cite: a BLOCK the reviewer sees.
    const lanNominee = (await add(lan.id, [])).addDossierNominee;
    expect(lanNominee.checks).toContainEqual({
      rule: 'CITES_VERIFIED_ACHIEVEMENT',
      outcome: 'BLOCK',
    });
    // The checks are kept as messages of the catalogue: each reader sees them in their language.
    const checkOf = async (language: 'en' | 'vi') => {
      const { dossier } = await clientFor(t.url, tokens.secretary, language).data(
        `query ($id: ID!) { dossier(id: $id) { nominees { id checks { rule outcome message } } } }`,
        { id },
      );
      return dossier.nominees
        .find((n: { id: string }) => n.id === lanNominee.id)
        .checks.find((c: { outcome: string }) => c.outcome === 'BLOCK');
    };
    const [english, vietnamese] = [await checkOf('en'), await checkOf('vi')];
    expect(english.rule).toBe(vietnamese.rule);
    expect(english.message).toMatch(/achievement/i);
    expect(vietnamese.message).toMatch(/thành tích/i);
    const twice = await manager.request(
      `mutation ($id: ID!, $input: AddNomineeInput!) { addDossierNominee(dossierId: $id, input: $input) { id } }`,
      { id, input: { typeCode: 'GIAY_KHEN', personId: thu.id } },
    );
    expect(errorCode(twice)).toBe('CONFLICT');

    // No submission letter yet.
    setToday('2025-04-25');
    const early = await manager.request(`mutation ($id: ID!) { submitDossier(id: $id) { id } }`, {
      id,
    });
    expect(errorCode(early)).toBe('RULE_VIOLATION');
    expect(early.errors?.[0]?.message).toContain('submission letter');

    const letter = await upload(t.url, tokens.manager, pdfBytes('Tờ trình 45'), {
      name: 'To trinh 45.pdf',
    });
    const report = await upload(t.url, tokens.manager, pdfBytes('BCTT'), {
      name: 'BCTT Thu.pdf',
      unitId: division.id,
    });
    const attach = (fileId: string, kind: string, nomineeId?: string, token = tokens.manager) =>
      clientFor(t.url, token).request(
        `mutation ($id: ID!, $input: AttachFileInput!) { attachToDossier(dossierId: $id, input: $input) { id kind } }`,
        { id, input: { fileId, kind, nomineeId } },
      );
    expect(errorCode(await attach(letter.body.id, 'SUBMISSION_LETTER'))).toBeUndefined();
    expect(
      errorCode(await attach(report.body.id, 'ACHIEVEMENT_REPORT', thuNominee.id)),
    ).toBeUndefined();

    // Friday 25/4/2025: 10 working days, across the swapped Saturday, 30/4-2/5 and two weekends.
    const submitted = (
      await manager.data(`mutation ($id: ID!) { submitDossier(id: $id) { ${DOSSIER} } }`, { id })
    ).submitDossier;
    expect(submitted).toMatchObject({
      status: 'SUBMITTED',
      levelStartedOn: '2025-04-25',
      dueOn: '2025-05-13',
      blockedNominees: 1,
    });
    expect(submitted.missingDocuments).toEqual([
      { kind: 'GRASSROOTS_COUNCIL_MINUTES', nominee: { id: thuNominee.id } },
      { kind: 'ACHIEVEMENT_REPORT', nominee: { id: lanNominee.id } },
      { kind: 'GRASSROOTS_COUNCIL_MINUTES', nominee: { id: lanNominee.id } },
    ]);
    // The unit may not change it any more; the office takes it.
    const frozen = await manager.request(
      `mutation ($id: ID!) { removeDossierNominee(id: $id) { id } }`,
      { id: lanNominee.id },
    );
    expect(errorCode(frozen)).toBe('RULE_VIOLATION');
    await secretary.data(`mutation ($id: ID!) { startDossierReview(id: $id) { status } }`, { id });

    // Lan fails a BLOCK rule: the dossier cannot go to the council.
    const blocked = await secretary.request(
      `mutation ($id: ID!) { sendDossierToCouncil(id: $id) { status } }`,
      { id },
    );
    expect(errorCode(blocked)).toBe('RULE_VIOLATION');
    expect(blocked.errors?.[0]?.extensions?.checks).toEqual([
      expect.objectContaining({
        rule: 'CITES_VERIFIED_ACHIEVEMENT',
        outcome: 'BLOCK',
        nomineeId: lanNominee.id,
      }),
    ]);

    // Returned for that nominee only, with its reason.
    const noReason = await secretary.request(
      `mutation ($id: ID!) { returnDossier(id: $id, input: {}) { status } }`,
      { id },
    );
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    const reason = 'Thiếu biên bản họp Hội đồng cơ sở và thành tích được công nhận';
    const returned = (
      await secretary.data(
        `mutation ($id: ID!, $input: ReturnDossierInput!) { returnDossier(id: $id, input: $input) { ${DOSSIER} } }`,
        { id, input: { nominees: [{ nomineeId: lanNominee.id, reason }] } },
      )
    ).returnDossier;
    expect(returned).toMatchObject({ status: 'RETURNED', dueOn: null, levelStartedOn: null });
    expect(returned.nominees.map((n: { returnReason: string | null }) => n.returnReason)).toEqual([
      null,
      reason,
    ]);

    // The unit fixes it: the achievement, the minutes; and submits again.
    await manager.data(
      `mutation ($id: ID!, $input: UpdateNomineeInput!) { updateDossierNominee(id: $id, input: $input) { id } }`,
      { id: lanNominee.id, input: { achievementIds: [lanResult.id] } },
    );
    const minutes = await upload(t.url, tokens.manager, pdfBytes('Biên bản'), {
      name: 'Bien ban HD co so.pdf',
    });
    expect(errorCode(await attach(minutes.body.id, 'GRASSROOTS_COUNCIL_MINUTES'))).toBeUndefined();
    setToday('2025-05-05');
    const resubmitted = (
      await manager.data(`mutation ($id: ID!) { submitDossier(id: $id) { ${DOSSIER} } }`, { id })
    ).submitDossier;
    expect(resubmitted).toMatchObject({
      status: 'SUBMITTED',
      dueOn: '2025-05-19',
      blockedNominees: 0,
      returnReason: null,
    });
    expect(
      resubmitted.nominees.map((n: { returnReason: string | null }) => n.returnReason),
    ).toEqual([null, null]);

    setToday('2025-05-07');
    await secretary.data(`mutation ($id: ID!) { startDossierReview(id: $id) { status } }`, { id });
    const toCouncil = (
      await secretary.data(`mutation ($id: ID!) { sendDossierToCouncil(id: $id) { ${DOSSIER} } }`, {
        id,
      })
    ).sendDossierToCouncil;
    expect(toCouncil).toMatchObject({
      status: 'TO_COUNCIL',
      levelStartedOn: '2025-05-07',
      dueOn: '2025-05-21',
    });
    const awards = toCouncil.nominees.map(
      (n: { award: { id: string; status: string } }) => n.award,
    );
    expect(awards.map((a: { status: string }) => a.status)).toEqual(['NOMINATED', 'NOMINATED']);

    const decide = (awardId: string) =>
      council.data(
        `mutation ($id: ID!) { decideAward(id: $id, input: { approve: true, decisionNumber: "88/QĐ-BTG", decidedOn: "2025-05-20",
           membersTotal: 9, membersPresent: 8, votesFor: 8, votesAgainst: 0, votesAbstain: 0 }) { status } }`,
        { id: awardId },
      );
    await decide(awards[0].id);
    const halfway = await secretary.data(`query ($id: ID!) { dossier(id: $id) { status } }`, {
      id,
    });
    expect(halfway.dossier.status).toBe('TO_COUNCIL');
    // The second nominee at a council meeting (holdCouncilMeeting): that meeting makes it DECIDED.
    const { holdCouncilMeeting: meeting } = await council.data(
      `mutation ($id: ID!) { holdCouncilMeeting(input: { heldOn: "2025-05-20", membersTotal: 9, membersPresent: 8,
         decision: { number: "88/QĐ-BTG", decidedOn: "2025-05-20", signer: "Trưởng ban", issuingBody: "Ban Tuyên giáo" },
         votes: [{ awardId: $id, approve: true, votesFor: 8, votesAgainst: 0, votesAbstain: 0 }] }) { id } }`,
      { id: awards[1].id },
    );
    const decided = await secretary.data(
      `query ($id: ID!) { dossier(id: $id) { status dueOn councilMeetings { id } decisions { number decidedOn signer issuingBody }
         history { toStatus councilMeeting { id } } } }`,
      { id },
    );
    expect(decided.dossier).toMatchObject({
      status: 'DECIDED',
      dueOn: null,
      // One decision of the register, found again by its number for the second meeting.
      decisions: [
        {
          number: '88/QĐ-BTG',
          decidedOn: '2025-05-20',
          signer: 'Trưởng ban',
          issuingBody: 'Ban Tuyên giáo',
        },
      ],
    });
    expect(decided.dossier.councilMeetings).toHaveLength(2);
    expect(decided.dossier.councilMeetings.map((m: { id: string }) => m.id)).toContain(meeting.id);
    expect(decided.dossier.history.at(-1)).toEqual({
      toStatus: 'DECIDED',
      councilMeeting: { id: meeting.id },
    });
    expect(
      decided.dossier.history
        .slice(0, -1)
        .every((h: { councilMeeting: unknown }) => h.councilMeeting === null),
    ).toBe(true);
    const published = (
      await secretary.data(`mutation ($id: ID!) { publishDossier(id: $id) { ${DOSSIER} } }`, { id })
    ).publishDossier;
    expect(published.status).toBe('PUBLISHED');

    const steps = published.history.map(
      (h: { fromStatus: string | null; toStatus: string }) => `${h.fromStatus}→${h.toStatus}`,
    );
    expect(steps).toEqual([
      'null→DRAFT',
      'DRAFT→SUBMITTED',
      'SUBMITTED→UNDER_REVIEW',
      'UNDER_REVIEW→RETURNED',
      'RETURNED→SUBMITTED',
      'SUBMITTED→UNDER_REVIEW',
      'UNDER_REVIEW→TO_COUNCIL',
      'TO_COUNCIL→DECIDED',
      'DECIDED→PUBLISHED',
    ]);
    expect(published.history[3]).toMatchObject({
      byUsername: 'secretary',
      byRole: 'SECRETARY',
      nomineeReasons: [{ nomineeId: lanNominee.id, reason }],
    });
    expect(published.history[1]).toMatchObject({ byUsername: 'manager', dueOn: '2025-05-13' });
    expect(published.history[7]).toMatchObject({ byUsername: 'council', byRole: 'COUNCIL' });

    // The dashboard saw each step once, in order; the other unit's saw none.
    const updates = await feed.waitFor(9);
    expect(updates.map((u: { transition: { toStatus: string } }) => u.transition.toStatus)).toEqual(
      [
        'DRAFT',
        'SUBMITTED',
        'UNDER_REVIEW',
        'RETURNED',
        'SUBMITTED',
        'UNDER_REVIEW',
        'TO_COUNCIL',
        'DECIDED',
        'PUBLISHED',
      ],
    );
    expect(
      updates.every(
        (u: { kind: string; dossier: { id: string } }) =>
          u.kind === 'STATUS_CHANGED' && u.dossier.id === id,
      ),
    ).toBe(true);
    expect(otherFeed.items).toEqual([]);

    // A dashboard that reconnects with a cursor gets what followed it, and nothing twice.
    const resumed = subscribe(
      wsClient(t.wsUrl, tokens.viewer),
      `subscription ($unitId: ID!, $after: String) { dossierUpdated(unitId: $unitId, after: $after) { transition { toStatus } } }`,
      { unitId: department.id, after: updates[6].cursor },
      'dossierUpdated',
    );
    expect(
      (await resumed.waitFor(2)).map(
        (u: { transition: { toStatus: string } }) => u.transition.toStatus,
      ),
    ).toEqual(['DECIDED', 'PUBLISHED']);

    // Every step is in the audit log of mutations, refusals included.
    const audit = await clientFor(t.url, t.tokenFor({ role: Role.ADMIN })).data(
      `query ($id: ID!) { auditLog(filter: { targetId: $id }, first: 100) { edges { node { operation outcome username } } } }`,
      { id },
    );
    const entries = audit.auditLog.edges
      .map((e: { node: { operation: string; outcome: string; username: string } }) => e.node)
      .reverse()
      .filter(
        (e: { operation: string }) =>
          /Dossier/.test(e.operation) && !/Nominee|attach/i.test(e.operation),
      );
    expect(
      entries.map((e: { operation: string; outcome: string }) => `${e.operation} ${e.outcome}`),
    ).toEqual([
      'createDossier OK',
      'submitDossier RULE_VIOLATION',
      'submitDossier OK',
      'startDossierReview OK',
      'sendDossierToCouncil RULE_VIOLATION',
      'returnDossier BAD_USER_INPUT',
      'returnDossier OK',
      'submitDossier OK',
      'startDossierReview OK',
      'sendDossierToCouncil OK',
      'publishDossier OK',
    ]);

    // Illegal moves name both states.
    const again = await secretary.request(
      `mutation ($id: ID!) { startDossierReview(id: $id) { status } }`,
      { id },
    );
    expect(errorCode(again)).toBe('RULE_VIOLATION');
    expect(again.errors?.[0]?.extensions).toMatchObject({ from: 'PUBLISHED', to: 'UNDER_REVIEW' });
  });
});

describe('award kind', () => {
  it('is the kind of every nominee’s checks and award: a thematic dossier cannot propose an emulation title', async () => {
    const manager = clientFor(t.url, tokens.manager);
    const { createDossier: dossier } = await manager.data(
      `mutation { createDossier(input: { title: "Đề nghị khen thưởng chuyên đề", year: 2025, awardKind: CHUYEN_DE }) { id awardKind } }`,
    );
    expect(dossier.awardKind).toBe('CHUYEN_DE');
    const { addDossierNominee: nominee } = await manager.data(
      `mutation ($id: ID!, $personId: ID!) { addDossierNominee(dossierId: $id, input: { typeCode: "LAO_DONG_TIEN_TIEN", personId: $personId }) {
         checks { rule outcome } } }`,
      { id: dossier.id, personId: thu.id },
    );
    expect(nominee.checks).toContainEqual({ rule: 'AWARD_KINDS', outcome: 'BLOCK' });
    const regular = (
      await manager.data(
        `mutation { createDossier(input: { title: "Đề nghị thường xuyên", year: 2025 }) { id awardKind } }`,
      )
    ).createDossier;
    expect(regular.awardKind).toBe('THUONG_XUYEN');
    const { addDossierNominee: titled } = await manager.data(
      `mutation ($id: ID!, $personId: ID!) { addDossierNominee(dossierId: $id, input: { typeCode: "LAO_DONG_TIEN_TIEN", personId: $personId }) {
         checks { rule outcome } } }`,
      { id: regular.id, personId: thu.id },
    );
    expect(titled.checks).toContainEqual({ rule: 'AWARD_KINDS', outcome: 'PASS' });
  });
});

describe('scope', () => {
  it('lets a manager see and submit only its subtree’s dossiers', async () => {
    const own = await createDossier(tokens.divisionManager);
    const dossierId = own.data?.createDossier.id as string;
    const read = `query ($id: ID!) { dossier(id: $id) { id unit { name } } }`;
    // The division's manager and the department's (its parent) read it; another unit's does not.
    expect(
      (await clientFor(t.url, tokens.divisionManager).data(read, { id: dossierId })).dossier.id,
    ).toBe(dossierId);
    expect(
      (await clientFor(t.url, tokens.manager).data(read, { id: dossierId })).dossier.unit.name,
    ).toBe('Phòng Dân vận');
    expect(
      errorCode(await clientFor(t.url, tokens.otherManager).request(read, { id: dossierId })),
    ).toBe('FORBIDDEN');
    expect(errorCode(await clientFor(t.url, tokens.member).request(read, { id: dossierId }))).toBe(
      'FORBIDDEN',
    );
    expect((await clientFor(t.url, tokens.viewer).data(read, { id: dossierId })).dossier.id).toBe(
      dossierId,
    );

    // Lists: a manager's own subtree by default; another unit's subtree is refused.
    const list = `query ($unitId: ID) { dossiers(filter: { unitId: $unitId }) { totalCount edges { node { id } } } }`;
    const mine = await clientFor(t.url, tokens.otherManager).data(list, {});
    expect(mine.dossiers.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(
      dossierId,
    );
    expect(
      errorCode(
        await clientFor(t.url, tokens.otherManager).request(list, { unitId: department.id }),
      ),
    ).toBe('FORBIDDEN');
    const departmentList = await clientFor(t.url, tokens.manager).data(list, {
      unitId: department.id,
    });
    expect(departmentList.dossiers.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(
      dossierId,
    );

    // Changing and submitting: the other manager is refused, and may not create one for another unit.
    const addOutside = await clientFor(t.url, tokens.otherManager).request(
      `mutation ($id: ID!) { addDossierNominee(dossierId: $id, input: { typeCode: "GIAY_KHEN", personId: "${outsider.id}" }) { id } }`,
      { id: dossierId },
    );
    expect(errorCode(addOutside)).toBe('FORBIDDEN');
    expect(
      errorCode(
        await clientFor(t.url, tokens.otherManager).request(
          `mutation ($id: ID!) { submitDossier(id: $id) { id } }`,
          { id: dossierId },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await createDossier(tokens.otherManager, department.id))).toBe('FORBIDDEN');
    // The office reviews but does not submit for the unit.
    expect(
      errorCode(
        await clientFor(t.url, tokens.secretary).request(
          `mutation ($id: ID!) { submitDossier(id: $id) { id } }`,
          { id: dossierId },
        ),
      ),
    ).toBe('FORBIDDEN');

    // Nominees come from the dossier's subtree; files too.
    const foreign = await clientFor(t.url, tokens.divisionManager).request(
      `mutation ($id: ID!) { addDossierNominee(dossierId: $id, input: { typeCode: "GIAY_KHEN", personId: "${lan.id}" }) { id } }`,
      { id: dossierId },
    );
    expect(errorCode(foreign)).toBe('FORBIDDEN');
    const parentFile = await upload(t.url, tokens.manager, pdfBytes(), { name: 'to-trinh.pdf' });
    const attachParent = await clientFor(t.url, tokens.manager).request(
      `mutation ($id: ID!, $fileId: ID!) { attachToDossier(dossierId: $id, input: { fileId: $fileId, kind: SUBMISSION_LETTER }) { id } }`,
      { id: dossierId, fileId: parentFile.body.id },
    );
    expect(errorCode(attachParent)).toBe('FORBIDDEN');

    // Subscriptions: a manager follows its own subtree only; MEMBER not at all.
    const refused = subscribe(
      wsClient(t.wsUrl, tokens.otherManager),
      `subscription ($unitId: ID!) { dossierUpdated(unitId: $unitId) { kind } }`,
      { unitId: department.id },
    );
    await refused.ended;
    expect(refused.errorCode()).toBe('FORBIDDEN');

    // Its own manager follows its subtree.
    const ownFeed = subscribe(
      wsClient(t.wsUrl, tokens.divisionManager),
      `subscription ($unitId: ID!) { dossierUpdated(unitId: $unitId) { transition { toStatus reason } } }`,
      { unitId: division.id },
      'dossierUpdated',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Withdrawn by its unit: final.
    const withdrawn = await clientFor(t.url, tokens.divisionManager).data(
      `mutation ($id: ID!) { withdrawDossier(id: $id, reason: "Làm lại hồ sơ") { status history { toStatus reason } } }`,
      { id: dossierId },
    );
    expect(withdrawn.withdrawDossier.status).toBe('WITHDRAWN');
    expect(withdrawn.withdrawDossier.history.at(-1)).toEqual({
      toStatus: 'WITHDRAWN',
      reason: 'Làm lại hồ sơ',
    });
    expect(await ownFeed.waitFor(1)).toEqual([
      { transition: { toStatus: 'WITHDRAWN', reason: 'Làm lại hồ sơ' } },
    ]);
  });
});
