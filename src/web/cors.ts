import type { RequestHandler } from 'express';
import { languageFrom, msg, render } from '../i18n/i18n';

/** Request headers a browser page on an allowed origin may send to /graphql. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept-language',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
].join(', ');

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * CORS for /graphql: pages on one of `origins` (exact origins, from
 * CORS_ORIGINS) may call the API with a bearer token. Their preflight is
 * answered 204 with Authorization and Content-Type allowed; a preflight from
 * any other origin is refused with 403 and no CORS headers, so the browser
 * never sends the request. Credentials (cookies) are not allowed: the API uses
 * bearer tokens. Requests that need no preflight still meet Apollo's CSRF
 * prevention, which this leaves on.
 */
export function corsForGraphQL(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    // Answers depend on Origin: caches must keep them apart.
    res.vary('Origin');
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'];
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'x-request-id');
      if (preflight) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE));
        res.status(204).end();
        return;
      }
    } else if (preflight) {
      const message = origin ? msg('cors.originRefused', { origin }) : msg('cors.originMissing');
      res.status(403).json({
        errors: [
          {
            message: render(message, languageFrom(req.headers['accept-language'])),
            extensions: {
              code: 'FORBIDDEN',
              messageKey: message.key,
              messageParams: message.params,
            },
          },
        ],
      });
      return;
    }
    next();
  };
}
