import { Client } from 'pg';
import { query, sql } from '../../src/common/sql';
import { Role } from '../../src/modules/accounts/account.entity';
import { DossierStatus } from '../../src/modules/dossiers/dossier.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildDossier, buildUnit } from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';
import { disposeAllWs, subscribe, wsClient } from '../helpers/ws';

let t: TestApp;
let unit: Unit;
let admin: ReturnType<typeof clientFor>;
let viewer: ReturnType<typeof clientFor>;

beforeAll(async () => {
  t = await startTestApp();
  unit = await buildUnit(t.dataSource);
  admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
  viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
});

afterAll(async () => {
  await disposeAllWs();
  await t.stop();
});

const after = (from: string, workingDays: number) =>
  viewer
    .data(`query ($from: LocalDate!, $n: Int!) { workingDayAfter(from: $from, workingDays: $n) }`, {
      from,
      n: workingDays,
    })
    .then((d) => d.workingDayAfter as string);

describe('the working-day calendar', () => {
  it('counts working days over weekends, public holidays and swapped Saturdays', async () => {
    // Friday 25/4/2025 + 10: Sat 26/4 worked (làm bù), 30/4-2/5 off, two weekends → Tue 13/5.
    expect(await after('2025-04-25', 10)).toBe('2025-05-13');
    // Over Tết Ất Tỵ (27-31/1/2025 off): Friday 24/1 + 1 is Monday 3/2.
    expect(await after('2025-01-24', 1)).toBe('2025-02-03');
    // A plain week: Monday + 5 is the next Monday.
    expect(await after('2025-06-02', 5)).toBe('2025-06-09');
    // 20 working days with inter-agency consultation from Thursday 28/8/2025, over 1-2/9.
    expect(await after('2025-08-28', 20)).toBe('2025-09-29');
  });

  it('lists the seeded holidays and lets ADMIN add one, refusing days the weekly rule decides', async () => {
    const days = await viewer.data(`{ calendarDays(year: 2025) { day working name } }`);
    expect(days.calendarDays).toContainEqual({
      day: '2025-04-26',
      working: true,
      name: 'Làm bù cho ngày nghỉ 02/5',
    });
    expect(days.calendarDays.filter((d: { working: boolean }) => !d.working)).toHaveLength(12);

    const set = `mutation ($day: LocalDate!, $working: Boolean!) { setCalendarDay(day: $day, working: $working, name: "Nghỉ bù") { day working } }`;
    // Monday 2/6/2025 becomes a day off: a deadline crossing it moves by one day.
    expect(await after('2025-05-30', 1)).toBe('2025-06-02');
    await admin.data(set, { day: '2025-06-02', working: false });
    expect(await after('2025-05-30', 1)).toBe('2025-06-03');
    await admin.data(`mutation { removeCalendarDay(day: "2025-06-02") }`);
    expect(await after('2025-05-30', 1)).toBe('2025-06-02');

    expect(errorCode(await admin.request(set, { day: '2025-06-07', working: false }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await admin.request(set, { day: '2025-06-03', working: true }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await viewer.request(set, { day: '2025-06-02', working: false }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('overdue dossiers', () => {
  it('shows due-soon and overdue dossiers across a weekend and a holiday, and logs each newly overdue one once', async () => {
    // Submitted Friday 25/4/2025, due Tuesday 13/5; another due later, another held by the unit.
    const late = await buildDossier(t.dataSource, {
      unit,
      status: DossierStatus.UNDER_REVIEW,
      levelStartedOn: '2025-04-25',
      dueOn: '2025-05-13',
    });
    const later = await buildDossier(t.dataSource, {
      unit,
      status: DossierStatus.SUBMITTED,
      levelStartedOn: '2025-05-09',
      dueOn: '2025-05-23',
    });
    await buildDossier(t.dataSource, { unit, status: DossierStatus.RETURNED });
    const board = (on: string) =>
      viewer.data(
        `query ($unitId: ID!, $on: LocalDate) { dossierDeadlines(unitId: $unitId, on: $on, dueWithin: 3) {
           on overdue { dossier { id } dueOn workingDaysLeft } dueSoon { dossier { id } dueOn workingDaysLeft } } }`,
        { unitId: unit.id, on },
      );
    // Thursday 8/5: 3 working days left (9, 12, 13) — due soon.
    expect((await board('2025-05-08')).dossierDeadlines.dueSoon).toEqual([
      { dossier: { id: late.id }, dueOn: '2025-05-13', workingDaysLeft: 3 },
    ]);
    // Tuesday 13/5: the last day; not overdue yet.
    const lastDay = (await board('2025-05-13')).dossierDeadlines;
    expect(lastDay.overdue).toEqual([]);
    expect(lastDay.dueSoon[0]).toEqual({
      dossier: { id: late.id },
      dueOn: '2025-05-13',
      workingDaysLeft: 0,
    });
    // Monday 19/5: overdue by 4 working days (14, 15, 16, 19); the other is due soon (20, 21, 22, 23: 4 > 3, not yet).
    const overdue = (await board('2025-05-19')).dossierDeadlines;
    expect(overdue.overdue).toEqual([
      { dossier: { id: late.id }, dueOn: '2025-05-13', workingDaysLeft: -4 },
    ]);
    expect(overdue.dueSoon).toEqual([]);
    expect(
      (await board('2025-05-20')).dossierDeadlines.dueSoon.map(
        (d: { dossier: { id: string } }) => d.dossier.id,
      ),
    ).toEqual([later.id]);

    // The daily check: one OVERDUE update per newly overdue dossier, once, to dashboards of its subtree.
    const feed = subscribe(
      wsClient(t.wsUrl, t.tokenFor({ role: Role.VIEWER })),
      `subscription ($unitId: ID!) { dossierUpdated(unitId: $unitId) { kind dossier { id dueOn } transition { toStatus } } }`,
      { unitId: unit.id },
      'dossierUpdated',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const check = (on: string) =>
      admin
        .data(`mutation ($on: LocalDate) { runDeadlineCheck(on: $on) { id } }`, { on })
        .then((d) => d.runDeadlineCheck);
    expect(await check('2025-05-13')).toEqual([]);
    expect(await check('2025-05-14')).toEqual([{ id: late.id }]);
    expect(await check('2025-05-15')).toEqual([]);
    // Several processes running it at once still log it once.
    const racing = await Promise.all([
      check('2025-05-27'),
      check('2025-05-27'),
      check('2025-05-27'),
    ]);
    expect(racing.flat()).toEqual([{ id: later.id }]);
    const updates = await feed.waitFor(2);
    expect(updates).toEqual([
      { kind: 'OVERDUE', dossier: { id: late.id, dueOn: '2025-05-13' }, transition: null },
      { kind: 'OVERDUE', dossier: { id: later.id, dueOn: '2025-05-23' }, transition: null },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed.items).toHaveLength(2);
    expect(errorCode(await viewer.request(`mutation { runDeadlineCheck { id } }`))).toBe(
      'FORBIDDEN',
    );
  });

  it('gives 20 working days instead of 10 when other agencies are consulted', async () => {
    const dossier = await buildDossier(t.dataSource, {
      unit,
      status: DossierStatus.UNDER_REVIEW,
      levelStartedOn: '2025-08-28',
      dueOn: '2025-09-12',
    });
    const secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    const consulted = await secretary.data(
      `mutation ($id: ID!) { setDossierConsultation(id: $id, consulted: true) { interAgencyConsultation dueOn } }`,
      { id: dossier.id },
    );
    expect(consulted.setDossierConsultation).toEqual({
      interAgencyConsultation: true,
      dueOn: '2025-09-29',
    });
    const times = await viewer.data(`{ processingTimes { level workingDays withConsultation } }`);
    expect(times.processingTimes).toEqual([
      { level: 'REVIEW', workingDays: 10, withConsultation: 20 },
      { level: 'COUNCIL', workingDays: 10, withConsultation: 20 },
    ]);
  });
});

describe('inter-agency consultation', () => {
  it('is a step of the dossier’s history, with who and both due dates, and a DEADLINE_CHANGED update', async () => {
    const own = await buildUnit(t.dataSource, { name: 'Sở Tư pháp' });
    const dossier = await buildDossier(t.dataSource, {
      unit: own,
      status: DossierStatus.UNDER_REVIEW,
      levelStartedOn: '2025-08-28',
      // 10 working days from Thursday 28/8/2025, over 1-2/9.
      dueOn: '2025-09-15',
    });
    const feed = subscribe(
      wsClient(t.wsUrl, t.tokenFor({ role: Role.VIEWER })),
      `subscription ($unitId: ID!) { dossierUpdated(unitId: $unitId) {
         kind dossier { id dueOn interAgencyConsultation }
         transition { fromStatus toStatus byUsername byRole consultation previousDueOn dueOn } } }`,
      { unitId: own.id },
      'dossierUpdated',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY, username: 'van-phong' }));
    const consult = (consulted: boolean) =>
      secretary.data(
        `mutation ($id: ID!, $consulted: Boolean!) { setDossierConsultation(id: $id, consulted: $consulted) {
           dueOn history { fromStatus toStatus byUsername byRole at consultation previousDueOn dueOn } } }`,
        { id: dossier.id, consulted },
      );
    const before = Date.now();
    const consulted = (await consult(true)).setDossierConsultation;
    expect(consulted.dueOn).toBe('2025-09-29');
    expect(consulted.history).toHaveLength(1);
    const step = consulted.history[0];
    expect(step).toMatchObject({
      fromStatus: 'UNDER_REVIEW',
      toStatus: 'UNDER_REVIEW',
      byUsername: 'van-phong',
      byRole: 'SECRETARY',
      consultation: true,
      previousDueOn: '2025-09-15',
      dueOn: '2025-09-29',
    });
    expect(Date.parse(step.at)).toBeGreaterThanOrEqual(before - 1000);

    // Asking again for what is already set changes nothing: no step, no update.
    expect((await consult(true)).setDossierConsultation.history).toHaveLength(1);
    const cleared = (await consult(false)).setDossierConsultation;
    expect(cleared.dueOn).toBe('2025-09-15');
    expect(cleared.history.at(-1)).toMatchObject({
      consultation: false,
      previousDueOn: '2025-09-29',
      dueOn: '2025-09-15',
    });

    const updates = await feed.waitFor(2);
    expect(updates).toEqual([
      {
        kind: 'DEADLINE_CHANGED',
        dossier: expect.objectContaining({ id: dossier.id }),
        transition: {
          fromStatus: 'UNDER_REVIEW',
          toStatus: 'UNDER_REVIEW',
          byUsername: 'van-phong',
          byRole: 'SECRETARY',
          consultation: true,
          previousDueOn: '2025-09-15',
          dueOn: '2025-09-29',
        },
      },
      {
        kind: 'DEADLINE_CHANGED',
        dossier: { id: dossier.id, dueOn: '2025-09-15', interAgencyConsultation: false },
        transition: expect.objectContaining({
          consultation: false,
          previousDueOn: '2025-09-29',
          dueOn: '2025-09-15',
        }),
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed.items).toHaveLength(2);
  });
});

describe('the deadlines board', () => {
  /** Rows PostgreSQL sent to Node with a `due_on` column, while `run` runs (every pg client of the process). */
  async function dossierRowsRead<T>(run: () => Promise<T>): Promise<{ result: T; rows: number }> {
    const original = Client.prototype.query;
    let rows = 0;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const pending = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (pending instanceof Promise) {
        void pending.then(
          (res: { fields?: { name: string }[]; rows?: unknown[] }) => {
            if (res?.fields?.some((f) => f.name === 'due_on')) rows += res.rows?.length ?? 0;
          },
          () => undefined,
        );
      }
      return pending;
    } as typeof Client.prototype.query;
    try {
      const result = await run();
      return { result, rows };
    } finally {
      Client.prototype.query = original;
    }
  }

  it('lists at most 200 of each, oldest due first, reading no more than those from PostgreSQL', async () => {
    const busy = await buildUnit(t.dataSource, { name: 'Văn phòng bận' });
    const other = await buildUnit(t.dataSource);
    const insert = (unitId: string, status: string, dueOn: string, count: number) =>
      query<{ id: string; due_on: string }>(
        t.dataSource,
        sql`INSERT INTO dossier (title, unit_id, year, status, created_by, level_started_on, due_on)
            SELECT 'Hồ sơ ' || i, ${unitId}, 2025, ${status}, 'test', '2025-01-02', ${dueOn}::date - (i % 41)
              FROM generate_series(1, ${count}) i
            RETURNING id, due_on::text AS due_on`,
      );
    const soonDay = (count: number, dueOn: string) =>
      query<{ id: string; due_on: string }>(
        t.dataSource,
        sql`INSERT INTO dossier (title, unit_id, year, status, created_by, level_started_on, due_on)
            SELECT 'Hồ sơ sắp đến hạn ' || i, ${busy.id}, 2025, 'UNDER_REVIEW', 'test', '2025-06-02', ${dueOn}
              FROM generate_series(1, ${count}) i
            RETURNING id, due_on::text AS due_on`,
      );
    // Monday 16/6/2025: 230 overdue (due up to Friday 13/6), 240 due within 3 working days
    // (16, 17, 18, 19/6), and what the board leaves out: due later, held by the unit, elsewhere.
    const late = await insert(busy.id, 'SUBMITTED', '2025-06-13', 230);
    const soon = [
      ...(await soonDay(60, '2025-06-16')),
      ...(await soonDay(60, '2025-06-17')),
      ...(await soonDay(60, '2025-06-18')),
      ...(await soonDay(60, '2025-06-19')),
    ];
    await soonDay(5, '2025-06-20');
    await insert(busy.id, 'RETURNED', '2025-06-13', 5);
    await insert(other.id, 'SUBMITTED', '2025-06-13', 5);

    const byDue = (a: { id: string; due_on: string }, b: { id: string; due_on: string }) =>
      a.due_on === b.due_on ? (a.id < b.id ? -1 : 1) : a.due_on < b.due_on ? -1 : 1;
    const { result, rows } = await dossierRowsRead(() =>
      viewer.data(
        `query ($unitId: ID!) { dossierDeadlines(unitId: $unitId, on: "2025-06-16", dueWithin: 3) {
           overdue { dossier { id } dueOn workingDaysLeft } dueSoon { dossier { id } dueOn workingDaysLeft } } }`,
        { unitId: busy.id },
      ),
    );
    const board = result.dossierDeadlines;
    expect(board.overdue.map((d: { dossier: { id: string } }) => d.dossier.id)).toEqual(
      [...late]
        .sort(byDue)
        .slice(0, 200)
        .map((d) => d.id),
    );
    expect(board.dueSoon.map((d: { dossier: { id: string } }) => d.dossier.id)).toEqual(
      [...soon]
        .sort(byDue)
        .slice(0, 200)
        .map((d) => d.id),
    );
    // The most overdue first (Sunday 4/5); the 30 most recently due do not fit.
    expect(board.overdue[0].dueOn).toBe('2025-05-04');
    expect(board.overdue.at(-1).dueOn < '2025-06-13').toBe(true);
    expect(board.overdue.every((d: { workingDaysLeft: number }) => d.workingDaysLeft < 0)).toBe(
      true,
    );
    expect(board.dueSoon[0]).toMatchObject({ dueOn: '2025-06-16', workingDaysLeft: 0 });
    expect(board.dueSoon.at(-1)).toMatchObject({ dueOn: '2025-06-19', workingDaysLeft: 3 });
    // Only the dossiers shown came from PostgreSQL, not every pending one.
    expect(rows).toBeLessThanOrEqual(400);
  });
});
