import { Account } from './accounts/account.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { Achievement } from './achievements/achievement.entity';
import { ModelReplication } from './achievements/model-replication.entity';
import { AwardAchievement } from './awards/award-achievement.entity';
import { AwardType } from './awards/award-type.entity';
import { Award } from './awards/award.entity';
import { AwardDecision, CouncilMeeting } from './awards/council.entity';
import { AwardTypeVersion, BaseSalary, RuleSet } from './awards/rule-set.entity';
import { CampaignRegistration } from './campaigns/campaign-registration.entity';
import { CampaignReview } from './campaigns/campaign-review.entity';
import { Campaign } from './campaigns/campaign.entity';
import { Conference } from './conferences/conference.entity';
import { CalendarDay, ProcessingTime } from './calendar/calendar.entity';
import {
  Dossier,
  DossierAttachment,
  DossierNominee,
  DossierTransition,
} from './dossiers/dossier.entity';
import { StoredFile } from './files/stored-file.entity';
import { Delegation, DelegationMember, DelegationQuota } from './conferences/delegation.entity';
import { DisciplineRecord } from './discipline/discipline.entity';
import { Person } from './people/person.entity';
import { AnnualRating } from './ratings/annual-rating.entity';
import { Unit } from './units/unit.entity';

/** Every TypeORM entity. */
export const entities = [
  Unit,
  Person,
  Account,
  AuditEntry,
  AwardType,
  Award,
  AwardAchievement,
  Campaign,
  CampaignRegistration,
  CampaignReview,
  Achievement,
  ModelReplication,
  Conference,
  Delegation,
  DelegationMember,
  StoredFile,
  CalendarDay,
  ProcessingTime,
  Dossier,
  DossierNominee,
  DossierAttachment,
  DossierTransition,
  DelegationQuota,
  RuleSet,
  AwardTypeVersion,
  BaseSalary,
  CouncilMeeting,
  AwardDecision,
  AnnualRating,
  DisciplineRecord,
];
