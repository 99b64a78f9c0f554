import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { describeInBrowser, launchChromium } from './browser';

/** A site on its own origin serving one empty page: a dashboard on another origin. */
async function startSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Bảng điều khiển</title><p>dashboard</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
}

let allowedSite: { server: Server; origin: string };
let otherSite: { server: Server; origin: string };
let app: TestApp;

beforeAll(async () => {
  allowedSite = await startSite();
  otherSite = await startSite();
  app = await startTestApp({ CORS_ORIGINS: `${allowedSite.origin}, https://dashboard.example.vn` });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all(
    [allowedSite, otherSite].map(
      (site) => site && new Promise((resolve) => site.server.close(resolve)),
    ),
  );
});

describe('CORS_ORIGINS', () => {
  it('is a comma-separated list of exact origins, none by default', () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(
      loadConfig({ CORS_ORIGINS: ' https://Dashboard.Example.vn, http://10.0.0.5:8080/ ,' })
        .CORS_ORIGINS,
    ).toEqual(['https://dashboard.example.vn', 'http://10.0.0.5:8080']);
  });

  it.each([
    ['dashboard.example.vn', 'is not an origin'],
    ['https://dashboard.example.vn/app', 'is not an origin'],
    ['ftp://files.example.vn', 'is not an origin'],
    ['*', '"*" is not accepted'],
  ])('refuses %s at start with a message naming the variable', (value, problem) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(
      new RegExp(`CORS_ORIGINS: .*${problem.replace(/[*"]/g, '.')}`),
    );
  });
});

describe('CORS on /graphql', () => {
  it('answers the preflight of an allowed origin, allowing Authorization and Content-Type, without credentials', async () => {
    const response = await preflight(app.url, allowedSite.origin);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowedSite.origin);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    const allowedHeaders = response.headers.get('access-control-allow-headers')!.split(', ');
    expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('refuses the preflight of any other origin with 403 and no CORS headers', async () => {
    const response = await preflight(app.url, otherSite.origin);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lets an allowed origin read the answer to its request, and the request id', async () => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: {
        origin: allowedSite.origin,
        'content-type': 'application/json',
        authorization: `Bearer ${app.tokenFor({ role: Role.VIEWER })}`,
      },
      body: JSON.stringify({ query: '{ conferences { totalCount } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowedSite.origin);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(((await response.json()) as any).data.conferences.totalCount).toBe(0);
  });

  it('keeps CSRF prevention for requests a browser sends without a preflight, even from an allowed origin', async () => {
    const simplePost = await fetch(app.url, {
      method: 'POST',
      headers: { origin: allowedSite.origin, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(simplePost.status).toBe(400);
    const simpleGet = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: allowedSite.origin },
    });
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/);
  });

  it('allows no origin when CORS_ORIGINS is unset', async () => {
    const closed = await startTestApp();
    try {
      const response = await preflight(closed.url, allowedSite.origin);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.stop();
    }
  });
});

describeInBrowser('CORS from a page on another origin, in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** What a page on `origin` gets when it calls the API with a bearer token. */
  async function callFrom(origin: string): Promise<string> {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, token }) => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: '{ conferences { totalCount } }' }),
            });
            const body = (await response.json()) as any;
            return `conferences: ${body.data.conferences.totalCount}`;
          } catch (error) {
            return `refused: ${(error as Error).name}`;
          }
        },
        { url: app.url, token: app.tokenFor({ role: Role.VIEWER }) },
      );
    } finally {
      await context.close();
    }
  }

  it('lets a dashboard on an allowed origin call the API with its token', async () => {
    expect(await callFrom(allowedSite.origin)).toBe('conferences: 0');
  });

  it('blocks a page on another origin', async () => {
    expect(await callFrom(otherSite.origin)).toBe('refused: TypeError');
  });
});
