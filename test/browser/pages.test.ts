import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app';

/** What the server answers for the browser pages, over plain HTTP (no browser needed). */

let app: TestApp;
let base: string;

beforeAll(async () => {
  app = await startTestApp();
  base = app.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await app?.stop();
});

describe('the pages the API serves', () => {
  it('serves the landing page at / in Vietnamese, with a strict content security policy', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<script type="module" src="/web/js/landing.js"></script>');
    // Outside production: a link to Apollo Sandbox.
    expect(html).toContain('<a href="/graphql" id="sandbox-link">Apollo Sandbox</a>');
  });

  it('serves the screen and control shells for a conference id, and a Vietnamese 404 for anything else', async () => {
    const id = randomUUID();
    for (const page of ['screen', 'control']) {
      const shell = await fetch(`${base}/${page}/${id}`);
      expect(shell.status).toBe(200);
      expect(await shell.text()).toContain(`<script type="module" src="/web/js/${page}.js">`);
      const bad = await fetch(`${base}/${page}/not-a-conference`);
      expect(bad.status).toBe(404);
      expect(await bad.text()).toContain('Không tìm thấy hội nghị');
    }
  });

  it('serves the graphql-ws browser client and its chunk from node_modules, and nothing else of it', async () => {
    const client = await fetch(`${base}/web/vendor/graphql-ws/client.js`);
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await client.text();
    expect(source).toContain('function createClient');
    // Its one relative import resolves on this server too.
    const chunk = /from '\.\/(common-[\w-]+\.js)'/.exec(source)![1];
    expect((await fetch(`${base}/web/vendor/graphql-ws/${chunk}`)).status).toBe(200);

    for (const path of [
      '/web/vendor/graphql-ws/index.js',
      '/web/vendor/graphql-ws/client.cjs',
      '/web/vendor/graphql-ws/..%2Fpackage.json',
      '/web/vendor/graphql-ws/%2E%2E%2F%2E%2E%2Fpackage.json',
    ]) {
      expect({ path, status: (await fetch(`${base}${path}`)).status }).toEqual({
        path,
        status: 404,
      });
    }
  });

  it('serves the stylesheet', async () => {
    const response = await fetch(`${base}/web/static/pages.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('leaves GET /graphql to Apollo: its landing page in a browser, a query with a preflight header', async () => {
    const landing = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(landing.status).toBe(200);
    expect(await landing.text()).toMatch(/apollo/i);
    const query = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('still answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${base}/nowhere`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('has no Sandbox link in production', async () => {
    const production = await startTestApp({ NODE_ENV: 'production' });
    try {
      const html = await (await fetch(production.url.replace(/\/graphql$/, '/'))).text();
      expect(html).toContain('<html lang="vi">');
      expect(html).not.toContain('sandbox-link');
    } finally {
      await production.stop();
    }
  });
});
