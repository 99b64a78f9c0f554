/** The conference events the pages read, as one GraphQL selection and its types. */

/** What every page selects of a ConferenceEvent. */
export const EVENT_FIELDS = `
  __typename cursor occurredAt
  ... on AwardAnnounced {
    award {
      id year citation decisionNumber decidedOn
      type { code name }
      recipient {
        __typename
        ... on Person { id fullName position unit { id name } }
        ... on Unit { id name }
      }
    }
  }
  ... on CampaignLaunched { campaign { id code name theme startsOn endsOn } }
  ... on CampaignRegistered { registrationCount registration { pledge unit { id name } } }
  ... on DelegationApproved { delegation { id congress members { fullName position } } }`;

/** A person or a collective, as EVENT_FIELDS selects them. */
export type Recipient =
  | {
      __typename: 'Person';
      id: string;
      fullName: string;
      position: string | null;
      unit: { id: string; name: string };
    }
  | { __typename: 'Unit'; id: string; name: string };

/** An award, as EVENT_FIELDS selects it. */
export interface AwardView {
  id: string;
  year: number;
  citation: string | null;
  decisionNumber: string | null;
  decidedOn: string | null;
  type: { code: string; name: string };
  recipient: Recipient;
}

interface EventBase {
  cursor: string;
  occurredAt: string;
}

/** One conference event, as EVENT_FIELDS selects it. */
export type ConferenceEventView = EventBase &
  (
    | { __typename: 'ConferenceStarted' }
    | { __typename: 'AwardAnnounced'; award: AwardView }
    | {
        __typename: 'CampaignLaunched';
        campaign: {
          id: string;
          code: string;
          name: string;
          theme: string | null;
          startsOn: string;
          endsOn: string;
        };
      }
    | {
        __typename: 'CampaignRegistered';
        registrationCount: number;
        registration: { pledge: string | null; unit: { id: string; name: string } };
      }
    | {
        __typename: 'DelegationApproved';
        delegation: {
          id: string;
          congress: string;
          members: { fullName: string; position: string | null }[];
        };
      }
    | { __typename: 'ConferenceEnded' }
  );

/** The recipient's name as the hall reads it. */
export function recipientName(recipient: Recipient): string {
  return recipient.__typename === 'Person' ? recipient.fullName : recipient.name;
}

/** The line under the name: position and unit of a person; "Tập thể" for a collective. */
export function recipientDetail(recipient: Recipient): string {
  if (recipient.__typename === 'Unit') return 'Tập thể';
  return [recipient.position, recipient.unit.name].filter(Boolean).join(' — ');
}
