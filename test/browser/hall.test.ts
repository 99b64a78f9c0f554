import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor } from '../helpers/graphql';
import { buildPages, describeInBrowser, launchChromium, signInOn, watchErrors } from './browser';

/**
 * The seed's conference run from /control and watched on /screen in a real
 * Chromium, on the real server and PostgreSQL. The tests run in order, as the
 * conference does. WRITE_SCREENSHOTS=1 also writes docs/screen-16x9.png and
 * docs/control.png (the README shows them).
 */

// The browser globals the page callbacks below use (they run in Chromium, not in Node).
declare const document: any;
declare const localStorage: any;
declare const innerHeight: number;
declare const innerWidth: number;

const PASSWORD = 'demo-password';
const DOCS = path.resolve(__dirname, '..', '..', 'docs');

const ANNOUNCE = `mutation ($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`;

interface LoggedEvent {
  cursor: string;
  type: string;
  replayed: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The award ids the screen lists, newest first. */
function screenAwardIds(page: Page): Promise<string[]> {
  return page.$$eval('#award-list li', (items) =>
    items.map((item) => item.getAttribute('data-award-id') ?? ''),
  );
}

/** What the screen page has shown since it was (re)loaded. */
function screenLog(page: Page): Promise<LoggedEvent[]> {
  return page.evaluate(() => (globalThis as any).thiduaScreen.events);
}

function text(page: Page, selector: string): Promise<string> {
  return page.locator(selector).innerText();
}

describeInBrowser('the hall screen and the control page in Chromium', () => {
  let app: TestApp;
  let port: number;
  let databaseUrl: string;
  let browser: Browser;
  let conferenceId: string;
  /** The APPROVED awards of 2025 the test announces through the API. */
  let apiQueue: string[];
  let screenContext: BrowserContext;
  let screen: Page;
  let control: Page;
  const pageErrors: string[][] = [];

  const base = () => `http://127.0.0.1:${port}`;
  const secretary = () => clientFor(app.url, app.tokenFor({ role: Role.SECRETARY }));
  /** Announces the next award of apiQueue through the API; returns its id and cursor. */
  async function announceThroughApi(url = app.url): Promise<{ id: string; cursor: string }> {
    const id = apiQueue.pop()!;
    const client = clientFor(url, app.tokenFor({ role: Role.SECRETARY }));
    const { announceAward } = await client.data(ANNOUNCE, { c: conferenceId, a: id });
    return { id, cursor: announceAward.cursor };
  }

  beforeAll(async () => {
    buildPages();
    port = await freePort();
    app = await startTestApp({ SEED_DEMO: 'true', PORT: String(port) });
    databaseUrl = app.config.DATABASE_URL!;
    browser = await launchChromium();
    const { conferences, awards } = await secretary().data(`{
      conferences(first: 1) { edges { node { id } } }
      awards(filter: { status: APPROVED, year: 2025 }, first: 100) {
        edges { node { id recipient { __typename } } }
      }
    }`);
    conferenceId = conferences.edges[0].node.id;
    // The API announces individuals (from the end of this list); the control page takes its own order.
    apiQueue = awards.edges
      .map((edge: any) => edge.node)
      .filter((award: any) => award.recipient.__typename === 'Person')
      .map((award: any) => award.id);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('refuses a VIEWER on the control page, in Vietnamese, and keeps no token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    pageErrors.push(watchErrors(page));
    await page.goto(`${base()}/control/${conferenceId}`);

    // A wrong password: the page shows the server's own message, asked for in Vietnamese.
    const refused = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'vi' },
      body: JSON.stringify({
        query: 'mutation { login(username: "viewer", password: "wrong-password") { token } }',
      }),
    });
    const serverMessage = ((await refused.json()) as any).errors[0].message;
    await signInOn(page, 'viewer', 'wrong-password');
    await page.waitForSelector('#signin-error:not(:empty)');
    expect(await text(page, '#signin-error')).toBe(serverMessage);

    await signInOn(page, 'viewer', PASSWORD);
    await page.waitForSelector('#signin-error:has-text("không được điều hành")');
    expect(await text(page, '#signin-error')).toBe(
      'Tài khoản viewer là tài khoản chỉ xem (VIEWER): không được điều hành hội nghị. Trang này chỉ dành cho thư ký hội đồng (SECRETARY).',
    );
    expect(await page.locator('#announce-next').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('thidua.control.token'))).toBeNull();

    // A VIEWER token put where the control page keeps its own is dropped, not used.
    const viewerToken = app.tokenFor({ role: Role.VIEWER });
    await page.evaluate(
      (token) => localStorage.setItem('thidua.control.token', token),
      viewerToken,
    );
    await page.reload();
    await page.waitForSelector('#signin-form');
    expect(await page.locator('#announce-next').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('thidua.control.token'))).toBeNull();
    await context.close();
  });

  it('starts the conference from the control page and announces the next award with a key; the screen shows it', async () => {
    screenContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    screen = await screenContext.newPage();
    pageErrors.push(watchErrors(screen));
    await screen.goto(`${base()}/screen/${conferenceId}`);
    await signInOn(screen, 'viewer', PASSWORD);
    await screen.waitForSelector('#connection[data-state="waiting"]');
    expect(await text(screen, '#title')).toBe(
      'HỘI NGHỊ BIỂU DƯƠNG ĐIỂN HÌNH TIÊN TIẾN GIAI ĐOẠN 2020-2025',
    );
    expect(await text(screen, '#meta')).toBe('Hội trường Tỉnh ủy Lạng Sơn · 27/08/2025');

    const controlContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    control = await controlContext.newPage();
    pageErrors.push(watchErrors(control));
    await control.goto(`${base()}/control/${conferenceId}`);
    await signInOn(control, 'secretary', PASSWORD);
    await control.waitForSelector('#queue-rows tr');
    expect(await text(control, '#queue-count')).toBe('(17)');
    // Not LIVE yet: nothing can be announced.
    expect(await control.locator('#announce-next').isDisabled()).toBe(true);

    await control.click('#start-conference');
    await control.waitForSelector('#conference-status[data-status="LIVE"]');
    await screen.waitForSelector('#connection[data-state="live"]', { timeout: 10_000 });
    expect(await text(screen, '#spotlight .kicker')).toBe('KHAI MẠC');

    const next = (await control.getAttribute('#queue-rows tr:first-child', 'data-award-id'))!;
    const name = await text(control, '#queue-rows tr:first-child strong');
    await control.keyboard.press('n');
    await screen.waitForSelector(`#award-list li[data-award-id="${next}"]`, { timeout: 5_000 });
    expect(await text(screen, '#spotlight .recipient')).toBe(name);
    expect(await text(screen, '#spotlight .decision')).toBe(
      'Quyết định số 125/QĐ-BTGDV ngày 25/11/2025',
    );
    await control.waitForSelector(`#queue-rows tr[data-award-id="${next}"]`, { state: 'detached' });
    expect(await text(control, '#queue-count')).toBe('(16)');
    apiQueue = apiQueue.filter((id) => id !== next);
  });

  it('shows an award on the screen within a second of announceAward', async () => {
    const id = apiQueue.at(-1)!;
    const shown = screen.waitForSelector(`#award-list li[data-award-id="${id}"]`, {
      timeout: 5_000,
    });
    await announceThroughApi();
    const announcedAt = Date.now();
    await shown;
    expect(Date.now() - announcedAt).toBeLessThan(1_000);
  });

  it('resumes after a reload from the cursor it kept: nothing repeated, nothing skipped', async () => {
    const before = await screenAwardIds(screen);
    const seen = (await screenLog(screen)).map((event) => event.cursor);

    // A plain reload: everything is redrawn as already shown, nothing animated again.
    await screen.reload();
    await screen.waitForSelector('#connection[data-state="live"]');
    expect(await screenAwardIds(screen)).toEqual(before);
    let log = await screenLog(screen);
    expect(log.map((event) => event.cursor)).toEqual(seen);
    expect(log.every((event) => event.replayed)).toBe(true);

    // Announced while the page is away: shown once, as new, when it comes back.
    await screen.goto('about:blank');
    const missed = await announceThroughApi();
    await screen.goto(`${base()}/screen/${conferenceId}`);
    await screen.waitForSelector(`#award-list li[data-award-id="${missed.id}"]`);
    await screen.waitForSelector('#connection[data-state="live"]');
    log = await screenLog(screen);
    expect(log.filter((event) => !event.replayed).map((event) => event.cursor)).toEqual([
      missed.cursor,
    ]);
    expect(log.filter((event) => event.replayed).map((event) => event.cursor)).toEqual(seen);
    expect(await screenAwardIds(screen)).toEqual([missed.id, ...before]);
    const counted =
      Number(await text(screen, '#count-individuals')) +
      Number(await text(screen, '#count-collectives'));
    expect(counted).toBe(before.length + 1);
  });

  it('reconnects after the server restarts mid-conference and catches up', async () => {
    const before = await screenAwardIds(screen);
    await app.stop();
    await screen.waitForSelector('#connection[data-state="reconnecting"]', { timeout: 10_000 });
    expect(await text(screen, '#connection')).toMatch(/^Mất kết nối — thử lại sau \d+ giây$/);

    // While this server is down, another process on the same database announces one.
    const other = await startTestApp({ DATABASE_URL: databaseUrl });
    const duringOutage = await announceThroughApi(other.url);
    await other.stop();

    app = await startTestApp({ DATABASE_URL: databaseUrl, PORT: String(port) });
    await screen.waitForSelector(`#award-list li[data-award-id="${duringOutage.id}"]`, {
      timeout: 20_000,
    });
    await screen.waitForSelector('#connection[data-state="live"]');
    const afterRestart = await announceThroughApi();
    await screen.waitForSelector(`#award-list li[data-award-id="${afterRestart.id}"]`);
    expect(await screenAwardIds(screen)).toEqual([afterRestart.id, duringOutage.id, ...before]);
    const cursors = (await screenLog(screen)).map((event) => event.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
  }, 60_000);

  it('runs the rest of the seed conference from the control page; the screen follows to the closing', async () => {
    await control.waitForSelector('.feed .connection[data-state="live"]', { timeout: 20_000 });
    await control.reload();
    await control.waitForSelector('#queue-rows tr');
    const remaining = async () => control.locator('#queue-rows tr').count();

    // Announce until five are left, then launch the movement and announce one more.
    while ((await remaining()) > 5) {
      const count = await remaining();
      await control.click('#announce-next');
      await control.waitForFunction(
        (n) => document.querySelectorAll('#queue-rows tr').length === n - 1,
        count,
      );
    }
    await control.click('#campaigns .launch');
    await screen.waitForSelector('#movement:not([hidden])');
    expect(await text(screen, '#movement .theme')).toBe(
      '“Đoàn kết - Trách nhiệm - Sáng tạo - Gần dân”',
    );
    const next = (await control.getAttribute('#queue-rows tr:first-child', 'data-award-id'))!;
    await control.click('#announce-next');
    await screen.waitForSelector(`#award-list li[data-award-id="${next}"]`);
    await screen.waitForTimeout(2_500); // let the entrance animation finish before looking

    for (const [width, height, file] of [
      [1920, 1080, 'screen-16x9.png'],
      [1024, 768, null],
    ] as const) {
      await screen.setViewportSize({ width, height });
      // The screen never scrolls, and what matters stays inside the display.
      const fits = await screen.evaluate(() => {
        const doc = document.documentElement;
        const inside = (selector: string) => {
          const box = document.querySelector(selector)!.getBoundingClientRect();
          return (
            box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth
          );
        };
        return {
          noScroll: doc.scrollHeight <= innerHeight && doc.scrollWidth <= innerWidth,
          title: inside('#title'),
          recipient: inside('#spotlight .recipient'),
          decision: inside('#spotlight .decision'),
          counters: inside('.counters'),
          movement: inside('#movement'),
        };
      });
      expect(fits).toEqual({
        noScroll: true,
        title: true,
        recipient: true,
        decision: true,
        counters: true,
        movement: true,
      });
      if (process.env.WRITE_SCREENSHOTS && file) {
        mkdirSync(DOCS, { recursive: true });
        await screen.screenshot({ path: path.join(DOCS, file) });
      }
    }
    if (process.env.WRITE_SCREENSHOTS) {
      await control.screenshot({ path: path.join(DOCS, 'control.png') });
    }

    while ((await remaining()) > 0) {
      const count = await remaining();
      await control.keyboard.press('PageDown');
      await control.waitForFunction(
        (n) => document.querySelectorAll('#queue-rows tr').length === n - 1,
        count,
      );
    }
    await screen.waitForFunction(() => document.querySelectorAll('#award-list li').length === 17);
    expect(await text(screen, '#count-collectives')).toBe('2');
    expect(await text(screen, '#count-individuals')).toBe('15');

    await control.click('#delegations .approve');
    await screen.waitForFunction(
      () => document.querySelector('#spotlight .kicker')?.textContent === 'Thông qua đoàn đại biểu',
    );
    expect(await screen.$$eval('#spotlight .delegates li', (items) => items.length)).toBe(5);

    // Ending takes a second click, so a stray one cannot end a conference.
    await control.click('#end-conference');
    expect(await text(control, '#end-conference')).toBe('Bấm lần nữa để kết thúc');
    expect(await control.locator('#conference-status').getAttribute('data-status')).toBe('LIVE');
    await control.click('#end-conference');
    await control.waitForSelector('#conference-status[data-status="ENDED"]');
    await screen.waitForSelector('#connection[data-state="ended"]');
    expect(await text(screen, '#spotlight .detail')).toBe(
      'Đã biểu dương, khen thưởng 2 tập thể và 15 cá nhân',
    );

    // Every event the screen saw, once each.
    const cursors = (await screenLog(screen)).map((event) => event.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
  }, 120_000);

  it('shows an ended conference, opened afresh, as it closed: without animation or a subscription', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    pageErrors.push(watchErrors(page));
    await page.goto(`${base()}/screen/${conferenceId}`);
    await signInOn(page, 'viewer', PASSWORD);
    await page.waitForSelector('#connection[data-state="ended"]');
    expect(await text(page, '#spotlight .kicker')).toBe('BẾ MẠC HỘI NGHỊ');
    expect(await text(page, '#count-collectives')).toBe('2');
    expect(await text(page, '#count-individuals')).toBe('15');
    expect(await screenAwardIds(page)).toEqual(await screenAwardIds(screen));
    expect((await screenLog(page)).every((event) => event.replayed)).toBe(true);
    await context.close();
  });

  it('lists the conference on the landing page with links to both pages', async () => {
    const page = await screenContext.newPage();
    pageErrors.push(watchErrors(page));
    // The screen's token of this browser is enough to list conferences.
    await page.goto(`${base()}/`);
    await page.waitForSelector('.conferences, .empty');
    // The seed's conference has ENDED: neither live nor coming.
    expect(await page.locator(`[data-conference-id="${conferenceId}"]`).count()).toBe(0);

    const { createConference } = await secretary().data(
      `mutation ($host: ID!) { createConference(input: {
        title: "Hội nghị sơ kết 6 tháng", hostUnitId: $host, startsAt: "2026-07-15T01:30:00Z"
      }) { id } }`,
      {
        host: (
          await secretary().data(
            `{ units(filter: { search: "LS-TGDV" }) { edges { node { id } } } }`,
          )
        ).units.edges[0].node.id,
      },
    );
    await page.reload();
    const row = page.locator(`#scheduled [data-conference-id="${createConference.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('08:30 ngày 15/07/2026');
    expect(await row.locator('.screen-link').getAttribute('href')).toBe(
      `/screen/${createConference.id}`,
    );
    expect(await row.locator('.control-link').getAttribute('href')).toBe(
      `/control/${createConference.id}`,
    );
    expect(await page.locator('#sandbox-link').getAttribute('href')).toBe('/graphql');
  });

  it('raised no error in any page', () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
