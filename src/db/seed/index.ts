import type { DataSource } from 'typeorm';
import { query, sql } from '../../common/sql';
import type { Logger } from '../../logger';
import { seedAwards } from './awards';
import { seedCampaigns } from './campaigns';
import { seedConference } from './conference';
import { seedOrganisation } from './organisation';

/**
 * Seeds the demo dataset in one transaction, only on an empty database (no
 * units yet), so restarts never duplicate it. Returns whether it seeded.
 */
export async function seedDemo(dataSource: DataSource, logger: Logger): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    // Two processes starting together on one empty database must not both seed.
    await query(manager, sql`SELECT pg_advisory_xact_lock(hashtext('seed-demo'))`);
    const [{ n }] = await query<{ n: number }>(manager, sql`SELECT count(*)::int AS n FROM unit`);
    if (n > 0) return false;
    const organisation = await seedOrganisation(manager);
    const campaigns = await seedCampaigns(manager, organisation);
    const awards = await seedAwards(manager, organisation, campaigns);
    void awards;
    await seedConference(manager, organisation);
    logger.info('seeded the demo dataset');
    return true;
  });
}
