import { InitialSchema1764460800000 } from './1764460800000-initial-schema';
import { ConferenceEventLog1764460900000 } from './1764460900000-conference-event-log';
import { AwardCatalogue1764461000000 } from './1764461000000-award-catalogue';

/** Every migration, in order. Add new ones at the end. */
export const migrations = [
  InitialSchema1764460800000,
  ConferenceEventLog1764460900000,
  AwardCatalogue1764461000000,
];
