import { parse } from 'node:url';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';

/** Makes the context of one HTTP GraphQL request. */
export type HttpContextFunction<C extends BaseContext> = (args: {
  req: Request;
  res: Response;
}) => Promise<C>;

/**
 * Apollo Server behind Express 5: what `expressMiddleware` of
 * @as-integrations/express5 does (the same request to Apollo, the same
 * status, headers and body back), with the answer to a POST written
 * straight to the socket: its body is JSON already, so express's
 * `res.send` would only copy it into a Buffer, hash it for an ETag and
 * write the headers and the body as two buffers. An ETag serves conditional
 * GETs, never a POST (whose answers are `no-store` anyway): a GET (and any
 * answer whose type is not marked UTF-8) still goes through `res.send`,
 * ETag and 304 included. Needs a body parser before it, as that one does.
 */
export function graphqlHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: HttpContextFunction<C>,
): RequestHandler {
  apollo.assertStarted('graphqlHandler()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500);
      res.send(
        '`req.body` is not set; this probably means you forgot to set up the ' +
          '`json` middleware before the Apollo Server middleware.',
      );
      return;
    }
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        // Most requests (every POST) have no query string: no URL to parse.
        search: req.url.includes('?') ? (parse(req.url).search ?? '') : '',
        body: req.body,
      },
      context: () => context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status || 200;
    if (response.body.kind === 'complete') {
      const body = response.body.string;
      if (req.method === 'POST' && UTF8.test(String(res.getHeader('content-type') ?? ''))) {
        res.setHeader('Content-Length', Buffer.byteLength(body));
        res.end(body);
      } else {
        res.send(body);
      }
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
      const flushable = res as Response & { flush?: () => void };
      if (typeof flushable.flush === 'function') flushable.flush();
    }
    res.end();
  };
}

/** A content type that says its text is UTF-8 (res.send would add the charset otherwise). */
const UTF8 = /;\s*charset=utf-8\s*(;|$)/i;
