import { query, sql } from '../../src/common/sql';
import { Role } from '../../src/modules/accounts/account.entity';
import { AttachmentKind, DossierStatus } from '../../src/modules/dossiers/dossier.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildDossier, buildPerson, buildUnit } from '../helpers/factories';
import { clientFor } from '../helpers/graphql';

/**
 * A page of dossiers with their nominees, documents and history costs the
 * same number of SQL statements for 5 dossiers as for 25: every nested list
 * and reference goes through per-request DataLoaders. Counted on the
 * server's own DataSource, against the real database.
 */
describe('SQL statements per page of dossiers', () => {
  let t: TestApp;
  let unit: Unit;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    unit = await buildUnit(t.dataSource);
    const [{ id: typeId }] = await query<{ id: string }>(
      t.dataSource,
      sql`SELECT id FROM award_type WHERE code = 'GIAY_KHEN'`,
    );
    const [{ id: fileId }] = await query<{ id: string }>(
      t.dataSource,
      sql`INSERT INTO stored_file (sha256, size, content_type, name, unit_id, uploaded_by)
          VALUES (${'a'.repeat(64)}, 10, 'application/pdf', 'x.pdf', ${unit.id}, 'test') RETURNING id`,
    );
    for (let i = 0; i < 50; i++) {
      const dossier = await buildDossier(t.dataSource, { unit, status: DossierStatus.SUBMITTED });
      for (let j = 0; j < 3; j++) {
        const person = await buildPerson(t.dataSource, { unit });
        const [nominee] = await query<{ id: string }>(
          t.dataSource,
          sql`INSERT INTO dossier_nominee (dossier_id, type_id, person_id, checks)
              VALUES (${dossier.id}, ${typeId}, ${person.id}, '[{"rule":"R","outcome":"WARN","message":{"key":"dossier.noNominees","params":{}},"legalBasis":null}]')
              RETURNING id`,
        );
        await query(
          t.dataSource,
          sql`INSERT INTO dossier_attachment (dossier_id, nominee_id, kind, file_id, added_by)
              VALUES (${dossier.id}, ${nominee!.id}, ${AttachmentKind.ACHIEVEMENT_REPORT}, ${fileId}, 'test')`,
        );
      }
      await query(
        t.dataSource,
        sql`INSERT INTO dossier_transition (dossier_id, from_status, to_status, by_username, by_role)
            VALUES (${dossier.id}, 'DRAFT', 'SUBMITTED', 'test', 'UNIT_MANAGER')`,
      );
    }
    const logger = t.dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (text, parameters, runner) => {
      statements.push(text);
      return logQuery(text, parameters, runner);
    };
  });
  afterAll(() => t.stop());

  const page = `query ($unitId: ID!, $first: Int!) {
    dossiers(filter: { unitId: $unitId }, first: $first) {
      totalCount
      edges { node {
        title status dueOn blockedNominees unit { name }
        nominees { recipient { ... on Person { fullName } } awardType { code } checks { outcome } warnings
                   achievements { title } award { id } attachments { kind file { name url } } }
        attachments { kind nominee { id } }
        missingDocuments { kind }
        history { toStatus byUsername }
      } }
    } }`;

  async function count(first: number): Promise<number> {
    const client = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    statements.length = 0;
    const data = await client.data(page, { unitId: unit.id, first });
    expect(data.dossiers.edges).toHaveLength(first);
    expect(data.dossiers.edges[0].node.nominees).toHaveLength(3);
    return statements.length;
  }

  it('is the same for 5 dossiers as for 25 (the cost limit stops 50 with this selection)', async () => {
    // The first request of an account also reads the account (the session check), then caches it.
    await count(1);
    const five = await count(5);
    const many = await count(25);
    process.stdout.write(
      `SQL statements: dossiers(first: 5) → ${five}, dossiers(first: 25) → ${many}\n`,
    );
    expect(many).toBe(five);
    expect(five).toBeLessThanOrEqual(12);
  });
});
