import type { NonEmptyArray } from 'type-graphql';
import { AccountResolver } from './accounts/account.resolver';
import { AuditResolver } from './audit/audit.resolver';
import {
  AchievementResolver,
  CampaignAchievementsResolver,
  ModelReplicationResolver,
  PersonAchievementsResolver,
  UnitAchievementsResolver,
} from './achievements/achievement.resolver';
import {
  AchievementAwardResolver,
  CampaignAwardsResolver,
  PersonAwardsResolver,
  TitleRecordResolver,
  UnitAwardsResolver,
} from './awards/award-profile.resolver';
import {
  AwardTypeResolver,
  AwardTypeVersionResolver,
  BaseSalaryResolver,
  RuleSetResolver,
} from './awards/award-type.resolver';
import { AwardDecisionResolver, CouncilMeetingResolver } from './awards/council.resolver';
import { DisciplineRecordResolver } from './discipline/discipline.resolver';
import {
  AnnualRatingResolver,
  PersonRatingsResolver,
  UnitRatingsResolver,
} from './ratings/rating.resolver';
import { AwardResolver } from './awards/award.resolver';
import {
  CampaignRegistrationResolver,
  CampaignResolver,
  CampaignReviewResolver,
  UnitRegistrationsResolver,
} from './campaigns/campaign.resolver';
import {
  CountByAwardTypeResolver,
  CountByUnitResolver,
  DashboardResolver,
} from './dashboard/dashboard.resolver';
import {
  AwardAnnouncedResolver,
  CampaignLaunchedResolver,
  CampaignRegisteredResolver,
  ConferenceEventResolver,
  ConferenceSubscriptionResolver,
  DelegationApprovedResolver,
} from './conferences/conference-event.resolver';
import {
  AwardConferenceResolver,
  CampaignConferenceResolver,
  CampaignReviewConferenceResolver,
  ConferenceResolver,
  DelegationResolver,
} from './conferences/conference.resolver';
import { CalendarResolver } from './calendar/calendar.resolver';
import {
  DossierAttachmentResolver,
  DossierNomineeResolver,
  DossierResolver,
  DossierTransitionResolver,
  DossierSubscriptionResolver,
  DossierUpdateResolver,
  StoredFileResolver,
} from './dossiers/dossier.resolver';
import { NodeResolver } from './node.resolver';
import { ReportResolver } from './reports/report.resolver';
import { PersonResolver, UnitMembersResolver } from './people/person.resolver';
import { UnitResolver } from './units/unit.resolver';

/** Every resolver class of the schema. Each module adds its own here. */
export const resolvers: NonEmptyArray<new () => object> = [
  NodeResolver,
  AccountResolver,
  AuditResolver,
  UnitResolver,
  PersonResolver,
  UnitMembersResolver,
  CampaignResolver,
  CampaignRegistrationResolver,
  CampaignReviewResolver,
  UnitRegistrationsResolver,
  AchievementResolver,
  ModelReplicationResolver,
  PersonAchievementsResolver,
  UnitAchievementsResolver,
  CampaignAchievementsResolver,
  DashboardResolver,
  CountByAwardTypeResolver,
  CountByUnitResolver,
  AwardTypeResolver,
  AwardTypeVersionResolver,
  RuleSetResolver,
  BaseSalaryResolver,
  AwardResolver,
  CouncilMeetingResolver,
  AwardDecisionResolver,
  AnnualRatingResolver,
  PersonRatingsResolver,
  UnitRatingsResolver,
  DisciplineRecordResolver,
  PersonAwardsResolver,
  TitleRecordResolver,
  UnitAwardsResolver,
  CampaignAwardsResolver,
  AchievementAwardResolver,
  ConferenceResolver,
  DelegationResolver,
  AwardConferenceResolver,
  CampaignConferenceResolver,
  CampaignReviewConferenceResolver,
  ConferenceEventResolver,
  AwardAnnouncedResolver,
  CampaignLaunchedResolver,
  CampaignRegisteredResolver,
  DelegationApprovedResolver,
  ConferenceSubscriptionResolver,
  CalendarResolver,
  DossierResolver,
  DossierNomineeResolver,
  DossierTransitionResolver,
  DossierAttachmentResolver,
  StoredFileResolver,
  DossierUpdateResolver,
  DossierSubscriptionResolver,
  ReportResolver,
];
