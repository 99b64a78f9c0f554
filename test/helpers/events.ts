import { EventType, type LoggedEvent } from '../../src/realtime/event-log';

/** The conference the in-memory event tests log to. */
export const CONFERENCE = 'c0000000-0000-4000-8000-000000000001';

/** A logged event of CONFERENCE at `position`, as the event log's rows come back. */
export function loggedEvent(position: number, type = EventType.AWARD_ANNOUNCED): LoggedEvent {
  return {
    id: position,
    position,
    type,
    conferenceId: CONFERENCE,
    awardId: null,
    campaignId: null,
    registrationId: null,
    delegationId: null,
    registrationCount: null,
    occurredAt: new Date(0),
    displayConferenceId: CONFERENCE,
    dossierId: null,
    dossierTransitionId: null,
    dossierUnitPath: null,
  };
}
