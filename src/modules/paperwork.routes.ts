import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import express, { type Request, type Response, type Router } from 'express';
import type { GraphQLError } from 'graphql';
import type { Actor } from '../auth/actor';
import { SessionGuard } from '../auth/sessions';
import type { Services } from '../common/services';
import { AppError, ErrorCode, UnauthenticatedError } from '../errors';
import { isClientError } from '../format-error';
import { languageFrom, localizeError, msg, render } from '../i18n/i18n';
import type { Logger } from '../logger';
import { AwardStatus } from './awards/award.entity';
import type { AwardFilter } from './awards/award.inputs';
import { ExportService } from './exports/export.service';
import { toCsv, toXlsx, type Table } from './exports/table';
import { FileService } from './files/file.service';
import { ReportForm } from './reports/report.types';

/** HTTP status of each error code answered outside GraphQL. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RULE_VIOLATION]: 422,
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The paperwork's plain-HTTP routes, all with the bearer token of /graphql:
 *
 * - `PUT /files?name=…&unitId=…` with the file as the body: stores it and
 *   answers 201 with its description (JSON);
 * - `GET /files/{id}`: the file, when the caller may read its unit's files;
 * - `GET /exports/awards.{xlsx|csv}?status=&typeCode=&unitId=&personId=&campaignId=&conferenceId=&year=`;
 * - `GET /exports/decisions/{id}/annex.{xlsx|csv}`, or
 *   `GET /exports/decisions/annex.{xlsx|csv}?number=125/QĐ-BTGDV&year=2025`: the annex of a
 *   decision of the register (a number is unique within a year);
 * - `GET /exports/reports/{COMMENDATIONS|EMULATION_TITLES}.{xlsx|csv}?unitId=&year=`;
 * - `GET /exports/conferences/{id}/awards.{xlsx|csv}`.
 *
 * An export of more than 50,000 rows is refused whole (413, `reason:
 * TOO_MANY_ROWS`) with a message asking for a narrower filter.
 *
 * Errors are JSON in GraphQL's shape (`errors[0].extensions.code`), in the
 * language of Accept-Language, with 400/401/403/404/413/415.
 */
export function paperworkRoutes(options: { services: Services; logger: Logger }): Router {
  const { services, logger } = options;
  const router = express.Router();
  // The token must be valid and its account still stand, as for /graphql.
  const actorOf = async (req: Request): Promise<Actor> => {
    const session = await services.get(SessionGuard).authenticate(req.headers.authorization);
    if (!session) throw new UnauthenticatedError();
    return session.actor;
  };
  const handle =
    (work: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        await work(req, res);
      } catch (error) {
        sendError(req, res, error, logger);
      }
    };

  router.put(
    '/files',
    handle(async (req, res) => {
      const actor = await actorOf(req);
      const length = req.headers['content-length'];
      const file = await services.get(FileService).store(actor, req, {
        name: stringParam(req.query.name) ?? decodeHeader(req.headers['x-file-name']),
        unitId: stringParam(req.query.unitId),
        declaredLength: length === undefined ? undefined : Number(length),
      });
      res.status(201).json({
        id: file.id,
        name: file.name,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        url: `/files/${file.id}`,
      });
    }),
  );

  router.get(
    '/files/:id',
    handle(async (req, res) => {
      const actor = await actorOf(req);
      const { file, path } = await services
        .get(FileService)
        .openForRead(actor, String(req.params.id));
      res.status(200);
      res.setHeader('content-type', file.contentType);
      res.setHeader('content-length', String(file.size));
      res.setHeader('content-disposition', disposition(file.name));
      res.setHeader('etag', `"${file.sha256}"`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'private, no-store');
      // pipeline closes the file when the client goes away mid-download.
      await pipeline(createReadStream(path), res);
    }),
  );

  const exports = () => services.get(ExportService);
  router.get(
    '/exports/awards.:format',
    handle(async (req, res) => {
      await actorOf(req);
      const format = formatOf(req);
      const q = req.query;
      const year = stringParam(q.year);
      const status = stringParam(q.status);
      if (status && !Object.values(AwardStatus).includes(status as AwardStatus)) {
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          msg('exports.badStatus', { allowed: Object.values(AwardStatus).join(', ') }),
        );
      }
      const filter: AwardFilter = {
        status: (status as AwardStatus | undefined) ?? null,
        typeCode: stringParam(q.typeCode) ?? null,
        unitId: stringParam(q.unitId) ?? null,
        personId: stringParam(q.personId) ?? null,
        campaignId: stringParam(q.campaignId) ?? null,
        conferenceId: stringParam(q.conferenceId) ?? null,
        year: year === undefined ? null : integerParam(year, 'year'),
      };
      await send(res, await exports().awardList(filter), format);
    }),
  );
  router.get(
    '/exports/decisions/:id/annex.:format',
    handle(async (req, res) => {
      await actorOf(req);
      const format = formatOf(req);
      await send(res, await exports().decisionAnnex({ id: String(req.params.id) }), format);
    }),
  );
  router.get(
    '/exports/decisions/annex.:format',
    handle(async (req, res) => {
      await actorOf(req);
      const format = formatOf(req);
      const year = stringParam(req.query.year);
      const annex = await exports().decisionAnnex({
        number: stringParam(req.query.number) ?? '',
        year: year === undefined ? null : integerParam(year, 'year'),
      });
      await send(res, annex, format);
    }),
  );
  router.get(
    '/exports/reports/:form.:format',
    handle(async (req, res) => {
      await actorOf(req);
      const format = formatOf(req);
      const form = String(req.params.form);
      if (!Object.values(ReportForm).includes(form as ReportForm)) {
        throw new AppError(
          ErrorCode.NOT_FOUND,
          msg('reports.unknownForm', { form: form.slice(0, 40) }),
        );
      }
      const year = integerParam(stringParam(req.query.year) ?? '', 'year');
      const table = await exports().report(
        form as ReportForm,
        stringParam(req.query.unitId) ?? '',
        year,
      );
      await send(res, table, format);
    }),
  );
  router.get(
    '/exports/conferences/:id/awards.:format',
    handle(async (req, res) => {
      await actorOf(req);
      const format = formatOf(req);
      await send(res, await exports().conferenceAwards(String(req.params.id)), format);
    }),
  );
  router.use(
    '/exports',
    handle(async () => {
      throw new AppError(ErrorCode.NOT_FOUND, msg('exports.unknown'));
    }),
  );
  return router;
}

/** The requested format; BAD_USER_INPUT for anything but xlsx and csv. */
function formatOf(req: Request): 'xlsx' | 'csv' {
  const format = String(req.params.format);
  if (format === 'xlsx' || format === 'csv') return format;
  throw new AppError(ErrorCode.BAD_USER_INPUT, msg('exports.badFormat'));
}

async function send(res: Response, table: Table, format: 'xlsx' | 'csv'): Promise<void> {
  const name = `${table.name}.${format}`;
  res.setHeader('content-disposition', disposition(name));
  res.setHeader('cache-control', 'private, no-store');
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').send(toCsv(table));
  } else {
    res.type(XLSX).send(await toXlsx(table));
  }
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function disposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function decodeHeader(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function integerParam(value: string, field: string): number {
  if (!/^\d{1,4}$/.test(value)) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      msg('input.badYear', { field, min: 1945, max: 2200 }),
      {
        field,
      },
    );
  }
  return Number(value);
}

/** Sends an error as JSON in the request's language; unexpected ones are masked and logged. */
function sendError(req: Request, res: Response, error: unknown, logger: Logger): void {
  const language = languageFrom(req.headers['accept-language']);
  if (res.headersSent) {
    logger.error({ err: error }, 'error after the response started');
    res.destroy();
    return;
  }
  if (!(error instanceof AppError) || !isClientError(error)) {
    logger.error({ err: error }, 'unexpected error in a paperwork route');
    const message = msg('server.internal');
    res.status(500).json({
      errors: [
        {
          message: render(message, language),
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, messageKey: message.key },
        },
      ],
    });
    return;
  }
  const code = (error.extensions.code as ErrorCode) ?? ErrorCode.BAD_USER_INPUT;
  const status =
    (error.extensions.http as { status?: number } | undefined)?.status ?? STATUS[code] ?? 400;
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  void _http;
  const formatted = localizeError({ ...(error as GraphQLError).toJSON(), extensions }, language);
  if (status === 413) res.setHeader('connection', 'close');
  res
    .status(status)
    .json({ errors: [{ message: formatted.message, extensions: formatted.extensions }] });
}
