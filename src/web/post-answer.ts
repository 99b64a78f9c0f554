import express, { type RequestHandler, type Response } from 'express';

/**
 * A POSTed GraphQL answer, written as it is. Apollo hands its JSON to
 * express's `res.send`, which would copy the string into a Buffer, hash it
 * for an ETag and write the headers and the body as two buffers. An ETag
 * serves conditional GETs, never a POST (whose answers are `no-store`), so a
 * POST's string already typed as UTF-8 goes out with one `res.end` and its
 * Content-Length; anything else, and every GET (ETag and 304 included),
 * still goes through express's own `res.send`. Put before
 * `expressMiddleware` of @as-integrations/express5.
 */
export const postAnswersAsIs: RequestHandler = (req, res, next) => {
  if (req.method === 'POST') res.send = sendAsIs;
  next();
};

function sendAsIs(this: Response, body?: unknown): Response {
  if (typeof body === 'string' && UTF8.test(String(this.getHeader('content-type') ?? ''))) {
    this.setHeader('Content-Length', Buffer.byteLength(body));
    this.end(body);
    return this;
  }
  return expressSend.call(this, body);
}

const expressSend = express.response.send;

/** A content type that says its text is UTF-8 (res.send would add the charset otherwise). */
const UTF8 = /;\s*charset=utf-8\s*(;|$)/i;
