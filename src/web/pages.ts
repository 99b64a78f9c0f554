import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { languageFrom, msg, render, type Language } from '../i18n/i18n';
import type { Logger } from '../logger';

/** Options of the browser pages. */
export interface WebPagesOptions {
  /** Production hides the link to Apollo Sandbox (the server turns its landing page off there). */
  production: boolean;
  logger: Logger;
  /** Where the compiled page scripts are; default dist/web of this package. */
  scriptsDir?: string;
}

/** The package's root: the nearest folder above this file with a package.json (works from src/ and dist/). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the web module');
    dir = parent;
  }
  return dir;
}

/** The graphql-ws browser client's folder (its ESM build: client.js and one shared chunk). */
function graphqlWsDir(): string {
  return path.dirname(require.resolve('graphql-ws'));
}

/**
 * Maps the pages' bare `graphql-ws` import to the copy this server serves, so the
 * pages work on a hall network without internet. Inline: allowed by its hash in the CSP.
 */
const IMPORT_MAP = JSON.stringify({
  imports: { 'graphql-ws': '/web/vendor/graphql-ws/client.js' },
});
const IMPORT_MAP_HASH = createHash('sha256').update(IMPORT_MAP).digest('base64');

/**
 * Only this origin's scripts, styles, API and WebSocket: the pages keep a
 * token in localStorage, so nothing else may run in them. 'self' in
 * connect-src also covers ws: and wss: on the same host.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'sha256-${IMPORT_MAP_HASH}'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type PageName = 'landing' | 'screen' | 'control';

const TITLES: Record<PageName, string> = {
  landing: 'Thi đua, khen thưởng — Hội nghị',
  screen: 'Màn hình hội trường',
  control: 'Điều hành hội nghị',
};

/**
 * A page's HTML shell; its script builds the page through the public GraphQL
 * API. The pages are in Vietnamese; a server-rendered `body` in another
 * language gives its `language` and `title`.
 */
function shell(
  page: PageName,
  body: string,
  { language = 'vi', title = TITLES[page] }: { language?: Language; title?: string } = {},
): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="${page === 'screen' ? 'dark' : 'light'}">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/web/static/pages.css">
<script type="importmap">${IMPORT_MAP}</script>
<script type="module" src="/web/js/${page}.js"></script>
</head>
<body class="page-${page}">
${body}
<noscript><p class="message">Trang này cần JavaScript. Hãy bật JavaScript trong trình duyệt.</p></noscript>
</body>
</html>
`;
}

function landingBody(production: boolean): string {
  const sandbox = production
    ? ''
    : `<p class="dev">Dành cho lập trình viên: <a href="/graphql" id="sandbox-link">Apollo Sandbox</a> (thử truy vấn GraphQL; trang này tải giao diện từ Internet).</p>`;
  return `<main class="landing">
<header><p class="host">Hệ thống thi đua, khen thưởng</p><h1>Hội nghị</h1></header>
<section id="conferences" aria-live="polite"><p>Đang tải…</p></section>
${sandbox}
</main>`;
}

const APP_BODY = '<div id="app" class="app"><p class="message">Đang tải…</p></div>';

/** A conference id in a page path: a UUID, as the API's ids are. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sendPage(res: Response, html: string, status = 200): void {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    })
    .send(html);
}

/**
 * The browser pages, served by the API itself (no CDN, so they work on a
 * hall network without internet): `/` lists live and coming conferences,
 * `/screen/:conferenceId` is the hall display, `/control/:conferenceId` the
 * secretariat's page; their scripts (compiled from src/web/client by the
 * build), stylesheet and the graphql-ws browser client under /web/.
 */
export function webPages(options: WebPagesOptions): Router {
  const root = packageRoot();
  const scriptsDir = options.scriptsDir ?? path.join(root, 'dist', 'web');
  if (!existsSync(path.join(scriptsDir, 'screen.js'))) {
    options.logger.warn(
      { scriptsDir },
      'the browser pages are not built: run `npm run build` to serve /screen and /control',
    );
  }
  const statics = { index: false, fallthrough: true, maxAge: 0, etag: true } as const;
  const router = Router();

  router.get('/', (_req, res) => sendPage(res, shell('landing', landingBody(options.production))));
  for (const page of ['screen', 'control'] as const) {
    router.get(`/${page}/:conferenceId`, (req, res) => {
      if (!UUID.test(req.params.conferenceId)) {
        const language = languageFrom(req.headers['accept-language']);
        const title = render(msg('page.conferenceNotFound'), language);
        const body = `<div class="app"><div class="message"><h1>${title}</h1><p>${render(msg('page.conferenceIdInvalid'), language)}</p><p><a href="/">${render(msg('page.backHome'), language)}</a></p></div></div>`;
        sendPage(res, shell(page, body, { language, title }), 404);
        return;
      }
      sendPage(res, shell(page, APP_BODY));
    });
  }
  router.use('/web/js', express.static(scriptsDir, statics));
  router.use('/web/static', express.static(path.join(root, 'src', 'web', 'static'), statics));
  // Only the browser client of graphql-ws and its shared chunk, nothing else of node_modules.
  router.get('/web/vendor/graphql-ws/:file', (req, res, next) => {
    if (!/^(client|common-[A-Za-z0-9_-]+)\.js$/.test(req.params.file)) return next();
    res.sendFile(
      req.params.file,
      { root: graphqlWsDir(), headers: { 'content-type': 'text/javascript; charset=utf-8' } },
      (error) => {
        if (error && !res.headersSent) next();
      },
    );
  });
  return router;
}
