import { query, queryOne, sql } from '../../src/common/sql';
import { Role } from '../../src/modules/accounts/account.entity';
import { AttachmentKind, DossierStatus } from '../../src/modules/dossiers/dossier.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildDossier, buildPerson, buildUnit } from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';

/**
 * A move the dossier cannot make (a second click on submit or on "send to
 * the council") is refused before the rules run for its nominees: their
 * stored checks stay as they were. Scope still comes first: an actor who may
 * not touch the dossier is told FORBIDDEN whatever its state.
 */
describe('a refused move', () => {
  let t: TestApp;
  let unit: Unit;
  let elsewhere: Unit;
  let tokens: Record<'manager' | 'otherManager' | 'secretary', string>;
  /** Checks no rule would write: still there after a refusal means the rules did not run. */
  const SENTINEL = [{ rule: 'SENTINEL', outcome: 'WARN', message: null, legalBasis: null }];

  beforeAll(async () => {
    t = await startTestApp();
    unit = await buildUnit(t.dataSource, { name: 'Sở Nội vụ' });
    elsewhere = await buildUnit(t.dataSource, { name: 'Sở Tài chính' });
    tokens = {
      manager: t.tokenFor({ role: Role.UNIT_MANAGER, unitId: unit.id, username: 'manager' }),
      otherManager: t.tokenFor({
        role: Role.UNIT_MANAGER,
        unitId: elsewhere.id,
        username: 'other',
      }),
      secretary: t.tokenFor({ role: Role.SECRETARY, username: 'secretary' }),
    };
  });
  afterAll(() => t.stop());

  /** A dossier in `status` with one nominee (sentinel checks) and its submission letter. */
  async function dossierIn(status: DossierStatus): Promise<{ id: string; nomineeId: string }> {
    const dossier = await buildDossier(t.dataSource, { unit, status });
    const person = await buildPerson(t.dataSource, { unit });
    const nominee = await queryOne<{ id: string }>(
      t.dataSource,
      sql`INSERT INTO dossier_nominee (dossier_id, type_id, person_id, checks, checked_at)
          VALUES (${dossier.id}, (SELECT id FROM award_type WHERE code = 'GIAY_KHEN'), ${person.id},
                  ${JSON.stringify(SENTINEL)}::jsonb, '2020-01-01T00:00:00Z')
          RETURNING id`,
    );
    const file = await queryOne<{ id: string }>(
      t.dataSource,
      sql`INSERT INTO stored_file (sha256, size, content_type, name, unit_id, uploaded_by)
          VALUES (${dossier.id.replace(/-/g, '').padEnd(64, '0')}, 10, 'application/pdf', 'to-trinh.pdf', ${unit.id}, 'test')
          RETURNING id`,
    );
    await query(
      t.dataSource,
      sql`INSERT INTO dossier_attachment (dossier_id, kind, file_id, added_by)
          VALUES (${dossier.id}, ${AttachmentKind.SUBMISSION_LETTER}, ${file!.id}, 'test')`,
    );
    return { id: dossier.id, nomineeId: nominee!.id };
  }

  async function storedChecks(nomineeId: string) {
    return queryOne<{ checks: unknown; checked_at: Date }>(
      t.dataSource,
      sql`SELECT checks, checked_at FROM dossier_nominee WHERE id = ${nomineeId}`,
    );
  }

  const submit = `mutation ($id: ID!) { submitDossier(id: $id) { status } }`;
  const toCouncil = `mutation ($id: ID!) { sendDossierToCouncil(id: $id) { status } }`;

  it('refuses a second submission with RULE_VIOLATION without running the rules again', async () => {
    const { id, nomineeId } = await dossierIn(DossierStatus.SUBMITTED);
    const before = await storedChecks(nomineeId);
    const again = await clientFor(t.url, tokens.manager).request(submit, { id });
    expect(errorCode(again)).toBe('RULE_VIOLATION');
    expect(again.errors?.[0]?.extensions).toMatchObject({ from: 'SUBMITTED', to: 'SUBMITTED' });
    expect(await storedChecks(nomineeId)).toEqual(before);
    expect(before?.checks).toEqual(SENTINEL);
  });

  it('refuses a second "send to the council" with RULE_VIOLATION without running the rules again', async () => {
    const { id, nomineeId } = await dossierIn(DossierStatus.TO_COUNCIL);
    const again = await clientFor(t.url, tokens.secretary).request(toCouncil, { id });
    expect(errorCode(again)).toBe('RULE_VIOLATION');
    expect(again.errors?.[0]?.extensions).toMatchObject({ from: 'TO_COUNCIL', to: 'TO_COUNCIL' });
    expect((await storedChecks(nomineeId))?.checks).toEqual(SENTINEL);
    const early = await dossierIn(DossierStatus.SUBMITTED);
    const notReviewed = await clientFor(t.url, tokens.secretary).request(toCouncil, {
      id: early.id,
    });
    expect(errorCode(notReviewed)).toBe('RULE_VIOLATION');
    expect((await storedChecks(early.nomineeId))?.checks).toEqual(SENTINEL);
  });

  it('still says FORBIDDEN, whatever the state, to an actor outside the dossier’s scope', async () => {
    for (const status of [DossierStatus.DRAFT, DossierStatus.SUBMITTED, DossierStatus.PUBLISHED]) {
      const { id, nomineeId } = await dossierIn(status);
      const outsider = await clientFor(t.url, tokens.otherManager).request(submit, { id });
      expect(errorCode(outsider)).toBe('FORBIDDEN');
      const office = await clientFor(t.url, tokens.secretary).request(submit, { id });
      expect(errorCode(office)).toBe('FORBIDDEN');
      const unitToCouncil = await clientFor(t.url, tokens.manager).request(toCouncil, { id });
      expect(errorCode(unitToCouncil)).toBe('FORBIDDEN');
      expect((await storedChecks(nomineeId))?.checks).toEqual(SENTINEL);
    }
  });

  it('runs the rules when the move is allowed', async () => {
    const { id, nomineeId } = await dossierIn(DossierStatus.DRAFT);
    const submitted = await clientFor(t.url, tokens.manager).data(submit, { id });
    expect(submitted.submitDossier.status).toBe('SUBMITTED');
    const after = await storedChecks(nomineeId);
    expect(after?.checks).not.toEqual(SENTINEL);
    expect(after?.checked_at.getTime()).toBeGreaterThan(Date.parse('2020-01-02'));
  });
});
