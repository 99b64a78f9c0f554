import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor } from '../helpers/graphql';
import { buildPages, describeInBrowser, launchChromium, signInOn, watchErrors } from './browser';

/**
 * A hall display left on: the screen and the control page renew their tokens
 * with `refreshToken` while they stay open, so they keep working past a
 * token's lifetime, until the session's limit; then they ask to sign in.
 * Lifetimes are seconds here (8 s tokens, 24 s sessions) instead of hours.
 */

declare const localStorage: any;

const PASSWORD = 'demo-password';
const TTL_SECONDS = 8;
const SESSION_SECONDS = 24;
const ANNOUNCE = `mutation ($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`;

describeInBrowser('pages left open past their token lifetime', () => {
  let app: TestApp;
  let browser: Browser;
  let conferenceId: string;
  let individuals: string[];
  let screen: Page;
  let control: Page;
  let signedInAt: number;
  const pageErrors: string[][] = [];

  const base = () => app.url.replace(/\/graphql$/, '');
  const secretary = () => clientFor(app.url, app.tokenFor({ role: Role.SECRETARY }));
  const storedToken = (page: Page, key: string): Promise<string | null> =>
    page.evaluate((name) => localStorage.getItem(name), key);

  beforeAll(async () => {
    buildPages();
    app = await startTestApp({
      SEED_DEMO: 'true',
      JWT_TTL_SECONDS: String(TTL_SECONDS),
      JWT_SESSION_MAX_SECONDS: String(SESSION_SECONDS),
    });
    browser = await launchChromium();
    const { conferences, awards } = await secretary().data(`{
      conferences(first: 1) { edges { node { id } } }
      awards(filter: { status: APPROVED, year: 2025 }, first: 100) {
        edges { node { id recipient { __typename } } }
      }
    }`);
    conferenceId = conferences.edges[0].node.id;
    individuals = awards.edges
      .map((edge: any) => edge.node)
      .filter((award: any) => award.recipient.__typename === 'Person')
      .map((award: any) => award.id);
    await secretary().data(`mutation ($id: ID!) { startConference(id: $id) { id } }`, {
      id: conferenceId,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('keeps the screen and the control page working after their first token expired', async () => {
    screen = await (await browser.newContext()).newPage();
    control = await (await browser.newContext()).newPage();
    pageErrors.push(watchErrors(screen), watchErrors(control));
    await screen.goto(`${base()}/screen/${conferenceId}`);
    await control.goto(`${base()}/control/${conferenceId}`);
    signedInAt = Date.now();
    await Promise.all([
      signInOn(screen, 'viewer', PASSWORD),
      signInOn(control, 'secretary', PASSWORD),
    ]);
    await screen.waitForSelector('#connection[data-state="live"]', { timeout: 10_000 });
    await control.waitForSelector('#queue-rows tr');
    const firstScreenToken = await storedToken(screen, 'thidua.screen.token');
    const firstControlToken = await storedToken(control, 'thidua.control.token');

    // Past the first tokens' expiry, with time for two renewals.
    await screen.waitForTimeout((TTL_SECONDS + 4) * 1000);
    expect(await storedToken(screen, 'thidua.screen.token')).not.toBe(firstScreenToken);
    expect(await storedToken(control, 'thidua.control.token')).not.toBe(firstControlToken);
    expect(await screen.locator('#signin-form').count()).toBe(0);
    await screen.waitForSelector('#connection[data-state="live"]', { timeout: 5_000 });

    // The control page's mutation goes out with its renewed token; the screen's new socket shows it.
    const next = (await control.getAttribute('#queue-rows tr:first-child', 'data-award-id'))!;
    await control.click('#announce-next');
    await screen.waitForSelector(`#award-list li[data-award-id="${next}"]`, { timeout: 5_000 });
    expect(await control.locator('#signin-form').count()).toBe(0);

    // An announcement made elsewhere reaches the screen once.
    const other = individuals.find((id) => id !== next)!;
    await secretary().data(ANNOUNCE, { c: conferenceId, a: other });
    await screen.waitForSelector(`#award-list li[data-award-id="${other}"]`, { timeout: 5_000 });
    const cursors: string[] = await screen.evaluate(() =>
      (globalThis as any).thiduaScreen.events.map((event: { cursor: string }) => event.cursor),
    );
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(pageErrors.flat()).toEqual([]);
  }, 60_000);

  it('asks to sign in again once the session is over and no renewal is given', async () => {
    // The last renewal is refused at SESSION_SECONDS; its token runs out at most a lifetime later.
    const deadline = signedInAt + (SESSION_SECONDS + TTL_SECONDS + 6) * 1000 - Date.now();
    await screen.waitForSelector('#signin-form', { timeout: deadline });
    expect(await screen.locator('.signin .notice').innerText()).toMatch(
      /hết hạn|không còn hiệu lực/,
    );
    expect(await storedToken(screen, 'thidua.screen.token')).toBeNull();
    expect(pageErrors.flat()).toEqual([]);
  }, 60_000);
});
