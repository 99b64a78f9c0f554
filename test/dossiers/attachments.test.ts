import { AttachmentOnce1764540000000 } from '../../src/db/migrations/1764540000000-attachment-once';
import { query, sql } from '../../src/common/sql';
import { Role } from '../../src/modules/accounts/account.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildPerson, buildUnit } from '../helpers/factories';
import { pdfBytes, upload } from '../helpers/files';
import { clientFor, errorCode } from '../helpers/graphql';

describe('attaching a file to a dossier', () => {
  let t: TestApp;
  let unit: Unit;
  let manager: ReturnType<typeof clientFor>;
  let dossierId: string;
  let nomineeId: string;
  let fileId: string;

  const attach = (input: Record<string, unknown>, client = manager) =>
    client.request(
      `mutation ($id: ID!, $input: AttachFileInput!) {
         attachToDossier(dossierId: $id, input: $input) { id kind addedBy nominee { id } }
       }`,
      { id: dossierId, input },
    );
  const attachments = async () =>
    (
      await manager.data(
        `query ($id: ID!) { dossier(id: $id) { attachments { id kind nominee { id } } } }`,
        { id: dossierId },
      )
    ).dossier.attachments as { id: string; kind: string; nominee: { id: string } | null }[];

  beforeAll(async () => {
    t = await startTestApp();
    unit = await buildUnit(t.dataSource, { name: 'Phòng Giáo dục' });
    const person = await buildPerson(t.dataSource, { unit });
    const token = t.tokenFor({ role: Role.UNIT_MANAGER, unitId: unit.id, username: 'manager' });
    manager = clientFor(t.url, token);
    dossierId = (
      await manager.data(
        `mutation { createDossier(input: { title: "Đề nghị tặng Giấy khen", year: 2025 }) { id } }`,
      )
    ).createDossier.id;
    nomineeId = (
      await manager.data(
        `mutation ($id: ID!, $personId: ID!) {
           addDossierNominee(dossierId: $id, input: { typeCode: "GIAY_KHEN", personId: $personId }) { id }
         }`,
        { id: dossierId, personId: person.id },
      )
    ).addDossierNominee.id;
    fileId = (await upload(t.url, token, pdfBytes('Báo cáo'), { name: 'bao-cao.pdf' })).body.id;
  });
  afterAll(() => t.stop());

  it('twice with the same kind returns the attachment it already has', async () => {
    const first = await attach({ fileId, kind: 'SUBMISSION_LETTER' });
    const second = await attach({ fileId, kind: 'SUBMISSION_LETTER' });
    expect(errorCode(second)).toBeUndefined();
    expect(second.data?.attachToDossier).toEqual(first.data?.attachToDossier);
    // Also for a nominee's document, and when the office attaches it again.
    const forNominee = await attach({ fileId, kind: 'ACHIEVEMENT_REPORT', nomineeId });
    const office = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY, username: 'office' }));
    const again = await attach({ fileId, kind: 'ACHIEVEMENT_REPORT', nomineeId }, office);
    expect(again.data?.attachToDossier).toEqual(forNominee.data?.attachToDossier);
    expect(again.data?.attachToDossier.addedBy).toBe('manager');

    // The same file as another kind, or for the dossier rather than the nominee, is another attachment.
    const other = await attach({ fileId, kind: 'OTHER' });
    const dossierLevel = await attach({ fileId, kind: 'ACHIEVEMENT_REPORT' });
    const list = await attachments();
    expect(list).toHaveLength(4);
    expect(new Set(list.map((a) => a.id))).toEqual(
      new Set([
        first.data?.attachToDossier.id,
        forNominee.data?.attachToDossier.id,
        other.data?.attachToDossier.id,
        dossierLevel.data?.attachToDossier.id,
      ]),
    );
  });

  it('at once from two clients makes one attachment', async () => {
    const [a, b] = await Promise.all([
      attach({ fileId, kind: 'INITIATIVE_RECOGNITION', nomineeId }),
      attach({ fileId, kind: 'INITIATIVE_RECOGNITION', nomineeId }),
    ]);
    expect(a.data?.attachToDossier.id).toBe(b.data?.attachToDossier.id);
    expect((await attachments()).filter((x) => x.kind === 'INITIATIVE_RECOGNITION')).toHaveLength(
      1,
    );
  });

  it('the migration removes the duplicates an earlier version let in, keeping the earliest', async () => {
    const migration = new AttachmentOnce1764540000000();
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await migration.down(runner);
      const insert = (nominee: string | null, kind: string, at: string) =>
        query<{ id: string }>(
          runner.manager,
          sql`INSERT INTO dossier_attachment (dossier_id, nominee_id, kind, file_id, added_by, added_at)
              VALUES (${dossierId}, ${nominee}::uuid, ${kind}, ${fileId}, 'old', ${at}) RETURNING id`,
        ).then((rows) => rows[0]!.id);
      await runner.query(`DELETE FROM dossier_attachment WHERE dossier_id = $1`, [dossierId]);
      const keptLetter = await insert(null, 'SUBMISSION_LETTER', '2025-01-01T00:00:00Z');
      await insert(null, 'SUBMISSION_LETTER', '2025-01-02T00:00:00Z');
      await insert(null, 'SUBMISSION_LETTER', '2025-01-03T00:00:00Z');
      const keptReport = await insert(nomineeId, 'ACHIEVEMENT_REPORT', '2025-01-01T00:00:00Z');
      await insert(nomineeId, 'ACHIEVEMENT_REPORT', '2025-01-05T00:00:00Z');
      const dossierReport = await insert(null, 'ACHIEVEMENT_REPORT', '2025-01-06T00:00:00Z');

      await migration.up(runner);
      const left: { id: string }[] = await runner.query(
        `SELECT id FROM dossier_attachment WHERE dossier_id = $1 ORDER BY added_at, id`,
        [dossierId],
      );
      expect(left.map((r) => r.id)).toEqual([keptLetter, keptReport, dossierReport]);
      // The index now refuses a duplicate outright.
      await expect(insert(null, 'SUBMISSION_LETTER', '2025-02-01T00:00:00Z')).rejects.toThrow(
        /dossier_attachment_once/,
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
