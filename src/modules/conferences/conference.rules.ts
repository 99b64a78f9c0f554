import type { EntityManager } from 'typeorm';
import { NotFoundError, RuleViolationError } from '../../errors';
import { Conference, ConferenceStatus } from './conference.entity';

/**
 * Loads a conference and checks it is LIVE, holding a row lock until the
 * transaction ends so that it cannot end meanwhile. The lock is exclusive
 * (not FOR SHARE) because appendEvent then updates the same row: two share
 * holders upgrading at once would deadlock.
 * NOT_FOUND when it does not exist; RULE_VIOLATION naming its state otherwise.
 */
export async function requireLiveConference(
  manager: EntityManager,
  conferenceId: string,
): Promise<Conference> {
  const conference = await manager.findOne(Conference, {
    where: { id: conferenceId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!conference) throw new NotFoundError('Conference', conferenceId);
  if (conference.status !== ConferenceStatus.LIVE) {
    throw new RuleViolationError(
      `Conference ${conference.title} is ${conference.status}, not LIVE`,
      {
        status: conference.status,
      },
    );
  }
  return conference;
}
