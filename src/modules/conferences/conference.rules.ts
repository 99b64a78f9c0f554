import type { EntityManager } from 'typeorm';
import { defineLifecycle } from '../../common/lifecycle';
import { lockById } from '../../common/locks';
import { RuleViolationError } from '../../errors';
import { msg } from '../../i18n/i18n';
import { Conference, ConferenceStatus } from './conference.entity';
import { DelegationStatus } from './delegation.entity';

/** The conference lifecycle: SCHEDULED → LIVE → ENDED. */
export const CONFERENCE_LIFECYCLE = defineLifecycle<ConferenceStatus>('Conference', {
  SCHEDULED: [ConferenceStatus.LIVE],
  LIVE: [ConferenceStatus.ENDED],
  ENDED: [],
});

/** The delegation lifecycle: DRAFT → APPROVED. */
export const DELEGATION_LIFECYCLE = defineLifecycle<DelegationStatus>('Delegation', {
  DRAFT: [DelegationStatus.APPROVED],
  APPROVED: [],
});

/**
 * Loads a conference, checks it is LIVE and keeps it so until the transaction
 * ends: a share lock (FOR SHARE) blocks starting or ending it (those lock the
 * row FOR UPDATE) but not other announcements, launches and pledges at the
 * same conference. So an event logged here commits before a concurrent
 * ConferenceEnded is logged (ending waits for the lock, and positions are
 * given in commit order), or the check sees ENDED (this waits for the end to
 * commit, then reads the ended row): nothing is logged after ConferenceEnded.
 * NOT_FOUND when it does not exist; RULE_VIOLATION naming its state otherwise.
 */
export async function requireLiveConference(
  manager: EntityManager,
  conferenceId: string,
): Promise<Conference> {
  const conference = await lockById(manager, Conference, conferenceId, 'share');
  if (conference.status !== ConferenceStatus.LIVE) {
    throw new RuleViolationError(
      msg('conference.notLive', { title: conference.title, status: conference.status }),
      { status: conference.status },
    );
  }
  return conference;
}
