import { query, sql } from '../../src/common/sql';
import { Role } from '../../src/modules/accounts/account.entity';
import { AttachmentKind, DossierStatus } from '../../src/modules/dossiers/dossier.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAward,
  buildAwardDecision,
  buildDossier,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { clientFor } from '../helpers/graphql';

/**
 * A page of DECIDED dossiers with their nominees and awards, documents,
 * history, council meetings and decisions costs the
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
    // Each dossier DECIDED by a meeting of its own, under a decision of its own.
    for (let i = 0; i < 50; i++) {
      const dossier = await buildDossier(t.dataSource, { unit, status: DossierStatus.DECIDED });
      const decision = await buildAwardDecision(t.dataSource);
      const [meeting] = await query<{ id: string }>(
        t.dataSource,
        sql`INSERT INTO council_meeting (held_on, members_total, members_present)
            VALUES ('2025-12-18', 9, 8) RETURNING id`,
      );
      for (let j = 0; j < 3; j++) {
        const person = await buildPerson(t.dataSource, { unit });
        const award = await buildAward(t.dataSource, {
          type: 'GIAY_KHEN',
          person,
          meetingId: meeting!.id,
          decisionId: decision.id,
          decisionNumber: decision.number,
        });
        const [nominee] = await query<{ id: string }>(
          t.dataSource,
          sql`INSERT INTO dossier_nominee (dossier_id, type_id, person_id, checks, award_id)
              VALUES (${dossier.id}, ${typeId}, ${person.id}, '[{"rule":"R","outcome":"WARN","message":{"key":"dossier.noNominees","params":{}},"legalBasis":null}]',
                      ${award.id})
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
      await query(
        t.dataSource,
        sql`INSERT INTO dossier_transition (dossier_id, from_status, to_status, by_username, by_role, council_meeting_id)
            VALUES (${dossier.id}, 'TO_COUNCIL', 'DECIDED', 'council', 'COUNCIL', ${meeting!.id})`,
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
        history { toStatus byUsername councilMeeting { heldOn } }
        decisions { number } councilMeetings { heldOn }
      } }
    } }`;

  async function count(first: number): Promise<number> {
    const client = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    statements.length = 0;
    const data = await client.data(page, { unitId: unit.id, first });
    expect(data.dossiers.edges).toHaveLength(first);
    expect(data.dossiers.edges[0].node.nominees).toHaveLength(3);
    expect(data.dossiers.edges[0].node.decisions).toHaveLength(1);
    expect(data.dossiers.edges[0].node.councilMeetings).toHaveLength(1);
    expect(data.dossiers.edges[0].node.history[1].councilMeeting).toEqual({ heldOn: '2025-12-18' });
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
    // The page, its count, and one statement per kind of nested list or reference (the council
    // meetings and decisions of the register among them), whatever the number of dossiers.
    expect(five).toBeLessThanOrEqual(17);
  });
});
