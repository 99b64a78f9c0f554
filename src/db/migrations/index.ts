import { InitialSchema1764460800000 } from './1764460800000-initial-schema';
import { ConferenceEventLog1764460900000 } from './1764460900000-conference-event-log';
import { AwardCatalogue1764461000000 } from './1764461000000-award-catalogue';
import { CampaignWorkflow1764461500000 } from './1764461500000-campaign-workflow';
import { DashboardTallies1764461600000 } from './1764461600000-dashboard-tallies';
import { EventLogPosition1764462000000 } from './1764462000000-event-log-position';
import { PersonSearchName1764470000000 } from './1764470000000-person-search-name';
import { DropEventSeq1764480000000 } from './1764480000000-drop-event-seq';
import { DashboardRollups1764490000000 } from './1764490000000-dashboard-rollups';
import { CampaignTally1764495000000 } from './1764495000000-campaign-tally';
import { LawInForce1764500000000 } from './1764500000000-law-in-force';
import { AccountSessions1764510000000 } from './1764510000000-account-sessions';
import { AuditLog1764510100000 } from './1764510100000-audit-log';
import { Paperwork1764530000000 } from './1764530000000-paperwork';
import { DossierCouncil1764530100000 } from './1764530100000-dossier-council';
import { AttachmentOnce1764540000000 } from './1764540000000-attachment-once';
import { DossierDeadlineSteps1764540100000 } from './1764540100000-dossier-deadline-steps';
import { PersonSearchCache1764560000000 } from './1764560000000-person-search-cache';
import { CampaignRollup1764580000000 } from './1764580000000-campaign-rollup';
import { UnitTally1764580100000 } from './1764580100000-unit-tally';

/** Every migration, in order. Add new ones at the end. */
export const migrations = [
  InitialSchema1764460800000,
  ConferenceEventLog1764460900000,
  AwardCatalogue1764461000000,
  CampaignWorkflow1764461500000,
  DashboardTallies1764461600000,
  EventLogPosition1764462000000,
  PersonSearchName1764470000000,
  DropEventSeq1764480000000,
  DashboardRollups1764490000000,
  CampaignTally1764495000000,
  LawInForce1764500000000,
  AccountSessions1764510000000,
  AuditLog1764510100000,
  Paperwork1764530000000,
  DossierCouncil1764530100000,
  AttachmentOnce1764540000000,
  DossierDeadlineSteps1764540100000,
  PersonSearchCache1764560000000,
  CampaignRollup1764580000000,
  UnitTally1764580100000,
];
