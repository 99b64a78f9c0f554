/**
 * One factory per entity: `build<Entity>(dataSource, overrides)` inserts a row
 * with sensible defaults and no rule checks, creates the rows it depends on
 * when they are not given, and returns the saved entity.
 */
export { unique } from './rows';
export { buildUnit } from './units';
export { buildPerson } from './people';
export { buildAccount } from './accounts';
export { buildCampaign, buildRegistration } from './campaigns';
export { buildAchievement, buildReplication } from './achievements';
export { buildAward, buildAwardDecision, buildAwardType, grantTitle } from './awards';
export { buildRating, rate, rateWell } from './ratings';
export { buildDisciplineRecord } from './discipline';
export { buildConference } from './conferences';
export { buildDossier } from './dossiers';
