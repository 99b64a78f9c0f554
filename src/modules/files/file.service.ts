import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertUnitInScope } from '../../auth/scope';
import { parseId, parseOptionalId } from '../../common/ids';
import { entityRows } from '../../common/rows';
import type { ServiceDeps } from '../../common/services';
import { queryOne, sql } from '../../common/sql';
import { AppError, BadInputError, ErrorCode, ForbiddenError, NotFoundError } from '../../errors';
import { msg } from '../../i18n/i18n';
import { Role } from '../accounts/account.entity';
import { ALLOWED_TYPES, detectContentType } from './content-type';
import { StoredFile } from './stored-file.entity';

/** Roles that read every unit's files; a UNIT_MANAGER reads those of its subtree. */
export const READ_ANY_FILE = [Role.SECRETARY, Role.COUNCIL];

/** An upload refused for its size: HTTP 413. */
export class FileTooLargeError extends AppError {
  constructor(limit: number) {
    super(ErrorCode.BAD_USER_INPUT, msg('files.tooLarge', { limit }), {
      http: { status: 413 },
      reason: 'TOO_LARGE',
    });
  }
}

/** An upload refused for its content type: HTTP 415. */
export class UnsupportedFileTypeError extends AppError {
  constructor() {
    super(
      ErrorCode.BAD_USER_INPUT,
      msg('files.unsupportedType', { allowed: 'PDF, DOCX, XLSX, PNG, JPEG' }),
      { http: { status: 415 }, reason: 'UNSUPPORTED_TYPE' },
    );
  }
}

/** What an upload says about itself besides its bytes. */
export interface UploadInfo {
  name: string | undefined;
  /** The unit it belongs to; a UNIT_MANAGER's own unit when left out. */
  unitId: string | undefined;
  /** The Content-Length, when sent: refused at once when over the limit. */
  declaredLength: number | undefined;
}

/**
 * Uploaded files: their bytes on disk under `FILES_DIR` (`.data/files` by
 * default), addressed by SHA-256 (`ab/abcdef…`), so the same content is kept
 * once; their description in `stored_file`. Only PDF, DOCX, XLSX, PNG and
 * JPEG are taken, told by their magic bytes; at most `FILES_MAX_BYTES`.
 * Who may upload and read follows the unit scope: a UNIT_MANAGER within its
 * subtree, SECRETARY (and ADMIN) anywhere; COUNCIL reads anywhere.
 */
export class FileService {
  private readonly dataSource: DataSource;
  readonly directory: string;
  readonly maxBytes: number;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.directory = path.resolve(
      deps.config.FILES_DIR ?? path.join(deps.config.DATA_DIR, 'files'),
    );
    this.maxBytes = deps.config.FILES_MAX_BYTES;
  }

  /**
   * Stores an upload. FORBIDDEN for roles that may not upload or a unit out
   * of scope; NOT_FOUND for an unknown unit; BAD_USER_INPUT for a missing
   * unit or name, an empty body, a type that is not allowed (415) or a body
   * over the limit (413). Nothing is kept of a refused upload.
   */
  async store(actor: Actor, body: Readable, info: UploadInfo): Promise<StoredFile> {
    if (![Role.UNIT_MANAGER, Role.SECRETARY, Role.ADMIN].includes(actor.role)) {
      body.resume();
      throw new ForbiddenError(msg('files.uploadForbidden'));
    }
    const unitId =
      parseOptionalId(info.unitId, 'unitId') ??
      (actor.role === Role.UNIT_MANAGER ? actor.unitId : null);
    if (!unitId) {
      body.resume();
      throw new BadInputError(msg('files.unitRequired'), { field: 'unitId' });
    }
    const name = cleanName(info.name);
    if (info.declaredLength !== undefined && info.declaredLength > this.maxBytes) {
      body.resume();
      throw new FileTooLargeError(this.maxBytes);
    }
    await assertUnitInScope(this.dataSource.manager, actor, unitId, [Role.SECRETARY]);

    const temporary = path.join(this.directory, 'tmp', randomUUID());
    await mkdir(path.dirname(temporary), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const limit = this.maxBytes;
    // Past the limit the rest is read and dropped (so the client gets its 413 rather than a
    // reset connection), up to four times the limit, where the upload is cut off.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limit * 4) return done(new FileTooLargeError(limit));
        if (size > limit) return done();
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(temporary));
      if (size > limit) throw new FileTooLargeError(limit);
      if (size === 0) throw new BadInputError(msg('files.empty'));
      const handle = await open(temporary, 'r');
      let contentType: string | null;
      try {
        contentType = await detectContentType(handle, size);
      } finally {
        await handle.close();
      }
      if (!contentType) throw new UnsupportedFileTypeError();
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Content-addressed: the same bytes land on the same path, whoever sent them.
      await rename(temporary, target);
      const row = await queryOne<Record<string, unknown>>(
        this.dataSource,
        sql`INSERT INTO stored_file (sha256, size, content_type, name, unit_id, uploaded_by)
            VALUES (${sha256}, ${size}, ${contentType}, ${withExtension(name, contentType)}, ${unitId}, ${actor.username})
            RETURNING *`,
      );
      return entityRows(this.dataSource, StoredFile).hydrate(row as Record<string, unknown>);
    } catch (error) {
      body.resume();
      throw error;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /**
   * A file the actor may read, and where its bytes are. NOT_FOUND for an
   * unknown id (or a file whose bytes are gone); FORBIDDEN out of scope.
   */
  async openForRead(actor: Actor, rawId: string): Promise<{ file: StoredFile; path: string }> {
    const id = parseId(rawId);
    const [file] = await entityRows(this.dataSource, StoredFile).selectIn(this.dataSource, 'id', [
      id,
    ]);
    if (!file) throw new NotFoundError('StoredFile', id);
    await this.assertReadable(this.dataSource.manager, actor, file);
    const where = this.pathOf(file.sha256);
    const found = await stat(where).catch(() => null);
    if (!found) throw new NotFoundError('StoredFile', id);
    return { file, path: where };
  }

  /** FORBIDDEN unless the actor may read files of the file's unit. */
  async assertReadable(manager: EntityManager, actor: Actor, file: StoredFile): Promise<void> {
    await assertUnitInScope(manager, actor, file.unitId, READ_ANY_FILE);
  }

  /** Where the bytes of `sha256` are kept. */
  pathOf(sha256: string): string {
    return path.join(this.directory, sha256.slice(0, 2), sha256);
  }
}

/** The name an upload is kept under: its last path segment, trimmed; BAD_USER_INPUT when none is given. */
function cleanName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // Control characters never belong in a file name (and would break Content-Disposition).
  const name = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  if (!name) throw new BadInputError(msg('files.nameRequired'), { field: 'name' });
  if (name.length > 200) {
    throw new BadInputError(msg('files.nameTooLong', { max: 200 }), { field: 'name' });
  }
  return name.normalize('NFC');
}

/** The name with the extension of its real type when it has none. */
function withExtension(name: string, contentType: string): string {
  if (/\.[A-Za-z0-9]{2,5}$/.test(name)) return name;
  const extension = Object.entries(ALLOWED_TYPES).find(([, type]) => type === contentType)?.[0];
  return extension ? `${name}.${extension === 'jpeg' ? 'jpg' : extension}` : name;
}
