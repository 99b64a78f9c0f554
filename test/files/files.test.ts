import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildUnit } from '../helpers/factories';
import { baseOf, download, pdfBytes, pngBytes, upload, zipBytes } from '../helpers/files';
import type { Unit } from '../../src/modules/units/unit.entity';

let t: TestApp;
let department: Unit;
let division: Unit;
let elsewhere: Unit;
let manager: string;
let divisionManager: string;
let otherManager: string;
let secretary: string;

beforeAll(async () => {
  t = await startTestApp({ FILES_MAX_BYTES: '4096' });
  department = await buildUnit(t.dataSource);
  division = await buildUnit(t.dataSource, { parent: department });
  elsewhere = await buildUnit(t.dataSource);
  manager = t.tokenFor({ role: Role.UNIT_MANAGER, unitId: department.id, username: 'manager' });
  divisionManager = t.tokenFor({ role: Role.UNIT_MANAGER, unitId: division.id });
  otherManager = t.tokenFor({ role: Role.UNIT_MANAGER, unitId: elsewhere.id });
  secretary = t.tokenFor({ role: Role.SECRETARY });
});

afterAll(() => t.stop());

describe('PUT /files', () => {
  it('stores a PDF under its SHA-256 and gives it back byte for byte to whoever may read it', async () => {
    const bytes = pdfBytes('Báo cáo thành tích');
    const stored = await upload(t.url, manager, bytes, { name: 'Báo cáo thành tích.pdf' });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      name: 'Báo cáo thành tích.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const response = await download(t.url, secretary, `/files/${stored.body.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''B%C3%A1o%20c%C3%A1o",
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    const onDisk = path.join(t.config.FILES_DIR as string, stored.body.sha256.slice(0, 2));
    expect(readdirSync(onDisk)).toEqual([stored.body.sha256]);
  });

  it('keeps the same content once however often it is uploaded, and tells PNG and DOCX by their bytes', async () => {
    const bytes = pdfBytes('twice');
    const first = await upload(t.url, manager, bytes, { name: 'a.pdf' });
    const second = await upload(t.url, manager, bytes, { name: 'b.pdf' });
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    const onDisk = readdirSync(
      path.join(t.config.FILES_DIR as string, first.body.sha256.slice(0, 2)),
    );
    expect(onDisk.filter((f) => f === first.body.sha256)).toHaveLength(1);

    const png = await upload(t.url, manager, pngBytes(), { name: 'anh' });
    expect(png.body).toMatchObject({ contentType: 'image/png', name: 'anh.png' });
    const docx = await upload(
      t.url,
      manager,
      zipBytes(['[Content_Types].xml', 'word/document.xml']),
      {
        name: 'to-trinh.docx',
      },
    );
    expect(docx.body.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('refuses a body over the size limit with 413 and keeps nothing of it', async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(5000, 0x20)]);
    const refused = await upload(t.url, manager, big, { name: 'big.pdf' });
    expect(refused.status).toBe(413);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TOO_LARGE',
    });
    expect(refused.body.errors[0].message).toContain('4,096');
    expect(readdirSync(path.join(t.config.FILES_DIR as string, 'tmp'))).toEqual([]);
  });

  it('refuses a streamed body (no Content-Length) once it grows past the limit, with 413', async () => {
    const chunks = [pdfBytes(), Buffer.alloc(3000, 0x20), Buffer.alloc(3000, 0x20)];
    const response = await fetch(`${baseOf(t.url)}/files?name=stream.pdf`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${manager}`, 'accept-language': 'en' },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(new Uint8Array(next));
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(readdirSync(path.join(t.config.FILES_DIR as string, 'tmp'))).toEqual([]);
  });

  it('refuses content that is not PDF, DOCX, XLSX, PNG or JPEG with 415, whatever its name says', async () => {
    for (const bytes of [
      Buffer.from('just text, named like a PDF'),
      zipBytes(['readme.txt']),
      Buffer.from('MZ\x90\x00 an executable'),
    ]) {
      const refused = await upload(t.url, manager, bytes, { name: 'to-trinh.pdf' });
      expect(refused.status).toBe(415);
      expect(refused.body.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'UNSUPPORTED_TYPE',
      });
    }
    const empty = await upload(t.url, manager, Buffer.alloc(0), { name: 'x.pdf' });
    expect(empty.status).toBe(400);
    const unnamed = await upload(t.url, manager, pdfBytes());
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].extensions.field).toBe('name');
  });

  it('needs a token and a role that uploads, within the unit scope', async () => {
    expect((await upload(t.url, undefined, pdfBytes(), { name: 'a.pdf' })).status).toBe(401);
    const viewer = t.tokenFor({ role: Role.VIEWER });
    expect((await upload(t.url, viewer, pdfBytes(), { name: 'a.pdf' })).status).toBe(403);
    // A manager uploads for its subtree only; the secretary must say for which unit.
    expect(
      (await upload(t.url, manager, pdfBytes(), { name: 'a.pdf', unitId: division.id })).status,
    ).toBe(201);
    expect(
      (await upload(t.url, manager, pdfBytes(), { name: 'a.pdf', unitId: elsewhere.id })).status,
    ).toBe(403);
    expect((await upload(t.url, secretary, pdfBytes(), { name: 'a.pdf' })).status).toBe(400);
    expect(
      (await upload(t.url, secretary, pdfBytes(), { name: 'a.pdf', unitId: elsewhere.id })).status,
    ).toBe(201);
  });
});

describe('GET /files/{id}', () => {
  it('serves a file to the unit scope that owns it, and to the office and the council', async () => {
    const stored = await upload(t.url, divisionManager, pdfBytes('division'), {
      name: 'bien-ban.pdf',
    });
    const path = `/files/${stored.body.id}`;
    for (const token of [divisionManager, manager, secretary, t.tokenFor({ role: Role.COUNCIL })]) {
      expect((await download(t.url, token, path)).status).toBe(200);
    }
    const refused = await download(t.url, otherManager, path);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await download(t.url, t.tokenFor({ role: Role.MEMBER }), path)).status).toBe(403);
    expect((await download(t.url, undefined, path)).status).toBe(401);
    expect(
      (await download(t.url, secretary, '/files/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect((await download(t.url, secretary, '/files/not-an-id')).status).toBe(400);
  });
});
