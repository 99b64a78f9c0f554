import { renderStored } from '../../src/i18n/i18n';
import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildAward, buildConference, buildPerson, buildUnit } from '../helpers/factories';
import { clientFor } from '../helpers/graphql';

/** A log that keeps what it is told. */
function keptLog() {
  const warnings: { details: Record<string, unknown>; message: string }[] = [];
  return {
    warnings,
    warn: (details: Record<string, unknown>, message: string) =>
      warnings.push({ details, message }),
  };
}

describe('stored warnings, checked as they are read', () => {
  it('renders a known key with its parameters, in either language', () => {
    const log = keptLog();
    const stored = {
      key: 'delegation.meritMissing',
      params: { name: 'Lê Văn Tám', span: '2020-2025' },
    };
    expect(renderStored(stored, 'en', log)).toBe(
      'Lê Văn Tám is neither an advanced model nor an award holder of 2020-2025: check the nomination, or make them a guest',
    );
    expect(renderStored(stored, 'vi', log)).toMatch(/^Lê Văn Tám không phải điển hình tiên tiến/);
    expect(log.warnings).toEqual([]);
  });

  it('renders an unknown key as a translated generic warning, and logs it once', () => {
    const log = keptLog();
    const stored = { key: 'delegation.meritRenamedInTest', params: { name: 'X' } };
    expect(renderStored(stored, 'en', log)).toBe(
      'A warning recorded earlier (delegation.meritRenamedInTest) cannot be shown by this version of the service',
    );
    expect(renderStored(stored, 'vi', log)).toBe(
      'Cảnh báo đã ghi nhận trước đây (delegation.meritRenamedInTest) không hiển thị được trên phiên bản này của hệ thống',
    );
    expect(log.warnings).toEqual([
      {
        details: { key: 'delegation.meritRenamedInTest' },
        message: expect.stringMatching(/key the catalogue does not have/),
      },
    ]);
  });

  it('renders a known key whose parameters no longer fit its template as the generic warning', () => {
    const log = keptLog();
    // `span` renamed: the template's placeholder would show as it is.
    const stored = {
      key: 'delegation.meritModel',
      params: { name: 'X', period: '2020-2025', title: 'T', year: 2021 },
    };
    expect(renderStored(stored, 'en', log)).toBe(
      'A warning recorded earlier (delegation.meritModel) cannot be shown by this version of the service',
    );
    expect(log.warnings).toEqual([
      {
        details: { key: 'delegation.meritModel', missingParams: ['span'] },
        message: expect.any(String),
      },
    ]);
    // Parameters that are not message parameters are left out, not rendered as [object Object].
    expect(
      renderStored(
        { key: 'delegation.meritMissing', params: { name: { nested: true }, span: '2020' } },
        'en',
        log,
      ),
    ).toMatch(/^A warning recorded earlier \(delegation\.meritMissing\)/);
  });

  describe('through the API', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.stop());

    it('shows a stored unknown key on an award and on a delegation as the generic warning, in the reader’s language', async () => {
      const unit = await buildUnit(t.dataSource);
      const person = await buildPerson(t.dataSource, { unit });
      const award = await buildAward(t.dataSource, { person, year: 2024 });
      const stored = [
        { key: 'delegation.meritMissing', params: { name: person.fullName, span: '2020-2025' } },
        { key: 'rule.renamedInTest', params: { name: person.fullName } },
      ];
      await t.dataSource.query(`UPDATE award SET warning_messages = $2 WHERE id = $1`, [
        award.id,
        JSON.stringify(stored),
      ]);
      const conference = await buildConference(t.dataSource, { host: unit });
      const secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
      const { createDelegation } = await secretary.data(
        `mutation ($input: CreateDelegationInput!) { createDelegation(input: $input) { id } }`,
        { input: { conferenceId: conference.id, congress: 'Đại hội', memberIds: [person.id] } },
      );
      await t.dataSource.query(`UPDATE delegation SET warnings = $2 WHERE id = $1`, [
        createDelegation.id,
        JSON.stringify(stored),
      ]);
      const read = `query ($award: ID!, $conference: ID!) {
        award(id: $award) { warnings }
        conference(id: $conference) { delegations { warnings } }
      }`;
      const variables = { award: award.id, conference: conference.id };
      for (const language of ['en', 'vi'] as const) {
        const client = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }), language);
        const data = await client.data(read, variables);
        const expected = [
          renderStored(stored[0]!, language, keptLog()),
          language === 'en'
            ? 'A warning recorded earlier (rule.renamedInTest) cannot be shown by this version of the service'
            : 'Cảnh báo đã ghi nhận trước đây (rule.renamedInTest) không hiển thị được trên phiên bản này của hệ thống',
        ];
        expect(data.award.warnings).toEqual(expected);
        expect(data.conference.delegations[0].warnings).toEqual(expected);
      }
    });
  });
});
