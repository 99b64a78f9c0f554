import type { DataSource } from 'typeorm';
import { Conference, ConferenceStatus } from '../../../src/modules/conferences/conference.entity';
import type { Unit } from '../../../src/modules/units/unit.entity';
import { insertRow, unique } from './rows';
import { buildUnit } from './units';

/**
 * Inserts a conference hosted by `host` (a new unit when not given): SCHEDULED
 * to start now unless told otherwise, with startedAt and endedAt set as its
 * status implies. No event is logged.
 */
export async function buildConference(
  dataSource: DataSource,
  overrides: Partial<Omit<Conference, 'id' | 'hostUnitId'>> & { host?: Unit } = {},
): Promise<Conference> {
  const { host = await buildUnit(dataSource), ...fields } = overrides;
  const status = fields.status ?? ConferenceStatus.SCHEDULED;
  const now = new Date();
  return insertRow(dataSource, Conference, {
    title: `Hội nghị ${unique()}`,
    venue: null,
    startsAt: now,
    startedAt: status === ConferenceStatus.SCHEDULED ? null : now,
    endedAt: status === ConferenceStatus.ENDED ? now : null,
    ...fields,
    status,
    hostUnitId: host.id,
  });
}
