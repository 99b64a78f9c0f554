import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const root = path.resolve(__dirname, '..', '..');

/**
 * `describe` for tests that drive a real Chromium. Without one the suite
 * fails with one test saying how to install it: what a person sees is
 * tested in a browser, so no run passes without those tests.
 */
export function describeInBrowser(name: string, tests: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, tests);
    return;
  }
  describe(name, () => {
    it('needs Chromium', () => {
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
      );
    });
  });
}

/**
 * Launches headless Chromium with a fresh profile (Playwright gives every
 * launch a new temporary user-data-dir) and nothing that calls out to the network.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Compiles the pages' scripts (src/web/client → dist/web), as `npm run build` does. */
export function buildPages(): void {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.web.json')],
    { cwd: root, stdio: 'inherit' },
  );
}

/**
 * Collects a page's uncaught exceptions, so a test can assert there were none.
 * (Console errors are not collected: a dropped WebSocket logs one, by design.)
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Fills and submits a page's sign-in form. */
export async function signInOn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('#signin-username', username);
  await page.fill('#signin-password', password);
  await page.click('#signin-submit');
}
