import { CampaignRollup1764580000000 } from '../../src/db/migrations/1764580000000-campaign-rollup';
import { UnitTally1764580100000 } from '../../src/db/migrations/1764580100000-unit-tally';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildAward, buildCampaign, buildPerson, buildUnit } from '../helpers/factories';

/** The fourth session's tallies: down undoes up, and up again rebuilds them from the data as the triggers kept them. */
describe('migrations CampaignRollup and UnitTally', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t?.stop());

  it('go down and up again to the same tallies and the same triggers, firing always', async () => {
    const root = await buildUnit(t.dataSource);
    const unit = await buildUnit(t.dataSource, { parent: root });
    const person = await buildPerson(t.dataSource, { unit });
    const campaign = await buildCampaign(t.dataSource, { organizer: root });
    for (const year of [2021, 2022, 2023]) {
      await buildAward(t.dataSource, {
        person,
        year,
        campaignId: campaign.id,
        status: AwardStatus.APPROVED,
      });
    }

    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const state = async () => ({
        rollup: await runner.query(
          `SELECT unit_id, campaign_id, pledges, organized, verified, advanced, awards
             FROM campaign_rollup ORDER BY 1, 2`,
        ),
        units: await runner.query(`SELECT unit_id, units FROM unit_tally ORDER BY 1`),
        triggers: await runner.query(
          `SELECT c.relname || ' ' || t.tgname AS trigger, t.tgenabled::text AS enabled
             FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND (t.tgname LIKE 'campaign_rollup_%' OR t.tgname LIKE 'unit_tally_%')
            ORDER BY 1`,
        ),
      });
      const before = await state();
      expect(before.rollup).toContainEqual(
        expect.objectContaining({ unit_id: root.id, campaign_id: campaign.id, awards: 3 }),
      );
      expect(before.units).toContainEqual({ unit_id: root.id, units: 2 });
      expect(before.triggers).toContainEqual({ trigger: 'unit unit_tally_update', enabled: 'A' });
      expect(before.triggers.every((r: { enabled: string }) => r.enabled === 'A')).toBe(true);

      await new UnitTally1764580100000().down(runner);
      await new CampaignRollup1764580000000().down(runner);
      const gone = await runner.query(
        `SELECT to_regclass('campaign_rollup') AS rollup, to_regclass('unit_tally') AS units`,
      );
      expect(gone).toEqual([{ rollup: null, units: null }]);

      await new CampaignRollup1764580000000().up(runner);
      await new UnitTally1764580100000().up(runner);
      expect(await state()).toEqual(before);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
