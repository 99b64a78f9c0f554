/** The GraphQL operations the benchmark sends, as a client of the contract would. */

/** A mobile profile: unit and ancestors, 20 awards with their type, title history, 20 achievements. */
export const PROFILE = `query Profile($id: ID!) {
  person(id: $id) {
    id fullName position category isLeader partyMember
    unit { id code name kind ancestors { id code name kind } }
    awards(first: 20) {
      totalCount
      edges { cursor node { id year status decisionNumber decidedOn type { id code name category level } } }
      pageInfo { hasNextPage endCursor }
    }
    titleHistory { year awardType { id code name } award { id status } }
    achievements(first: 20) {
      totalCount
      edges { cursor node { id title kind status achievedOn advancedModel } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/**
 * The profile in the shape PostGraphile 5 can serve too: PROFILE without
 * titleHistory, which PostGraphile has no field for. The postgraphile
 * scenario compares the two on it.
 */
export const PROFILE_PEER_SHAPE = `query Profile($id: ID!) {
  person(id: $id) {
    id fullName position category isLeader partyMember
    unit { id code name kind ancestors { id code name kind } }
    awards(first: 20) {
      totalCount
      edges { cursor node { id year status decisionNumber decidedOn type { id code name category level } } }
      pageInfo { hasNextPage endCursor }
    }
    achievements(first: 20) {
      totalCount
      edges { cursor node { id title kind status achievedOn advancedModel } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** The unit fields both profiles read. */
const PEER_UNIT = 'id: rowId code name kind';

/**
 * PROFILE_PEER_SHAPE as PostGraphile 5 (amber preset) names it: rows by
 * `rowId`, the unit's ancestors as its chain of parents (the tree has five
 * levels, so four parents at most), backward relations ordered as this API
 * orders them (year then id, newest first; achieved date then id).
 */
export const PROFILE_POSTGRAPHILE = `query Profile($id: UUID!) {
  person: personByRowId(rowId: $id) {
    id: rowId fullName position category isLeader partyMember
    unit: unitByUnitId {
      ${PEER_UNIT}
      parent: unitByParentId { ${PEER_UNIT}
        parent: unitByParentId { ${PEER_UNIT}
          parent: unitByParentId { ${PEER_UNIT}
            parent: unitByParentId { ${PEER_UNIT} } } } }
    }
    awards: awardsByPersonId(first: 20, orderBy: [YEAR_DESC, ROW_ID_DESC]) {
      totalCount
      edges { cursor node { id: rowId year status decisionNumber decidedOn
        type: awardTypeByTypeId { id: rowId code name category level } } }
      pageInfo { hasNextPage endCursor }
    }
    achievements: achievementsByPersonId(first: 20, orderBy: [ACHIEVED_ON_DESC, ROW_ID_DESC]) {
      totalCount
      edges { cursor node { id: rowId title kind status achievedOn advancedModel } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** The part of the profile the foundation serves, used until awards and achievements land. */
export const PROFILE_BASIC = `query Profile($id: ID!) {
  person(id: $id) {
    id fullName position category isLeader partyMember
    unit { id code name kind ancestors { id code name kind } }
  }
}`;

/** A search box: the first page of people whose name matches, with the total. */
export const SEARCH = `query Search($search: String!) {
  people(filter: { search: $search }, first: 20) {
    totalCount
    edges { cursor node { id fullName position unit { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Every field of the dashboard. */
export const DASHBOARD = `query Dashboard($filter: DashboardFilter) {
  dashboard(filter: $filter) {
    units people activeCampaigns achievements advancedModels awards
    awardsByType { awardType { id code name } count }
    awardsByYear { year count }
    topUnits(limit: 10) { unit { id code name } count }
    leaderShare
    campaigns { campaign { id code name } registeredUnits achievements advancedModels awards }
  }
}`;

export const NOMINATE = `mutation Nominate($input: NominateAwardInput!) {
  nominateAward(input: $input) { id status warnings }
}`;

export const DECIDE = `mutation Decide($id: ID!, $input: DecideAwardInput!) {
  decideAward(id: $id, input: $input) { id status decisionNumber }
}`;

export const CREATE_CONFERENCE = `mutation CreateConference($input: CreateConferenceInput!) {
  createConference(input: $input) { id status }
}`;

export const START_CONFERENCE = `mutation Start($id: ID!) { startConference(id: $id) { id status } }`;

export const END_CONFERENCE = `mutation End($id: ID!) { endConference(id: $id) { id status } }`;

export const ANNOUNCE = `mutation Announce($conferenceId: ID!, $awardId: ID!) {
  announceAward(conferenceId: $conferenceId, awardId: $awardId) { cursor award { id } }
}`;

/** What a conference screen subscribes to. */
export const CONFERENCE_EVENTS = `subscription Screen($conferenceId: ID!) {
  conferenceEvents(conferenceId: $conferenceId) {
    __typename cursor occurredAt
    ... on AwardAnnounced {
      award { id year type { code name } recipient { __typename ... on Person { id fullName } ... on Unit { id name } } }
    }
  }
}`;

/** Vietnamese text without diacritics, as people type it into a search box. */
export function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/**
 * Search inputs from real names of the dataset, diacritic-free, in the ways
 * people type them: a whole name, the last two words, a given name alone, and
 * the first two words (a common family and middle name: the broadest match).
 */
export function searchTerms(fullNames: string[]): string[] {
  return fullNames.map((name, i) => {
    const words = plain(name).split(' ');
    switch (i % 4) {
      case 0:
        return words.join(' ');
      case 1:
        return words.slice(-2).join(' ');
      case 2:
        return words.at(-1)!;
      default:
        return words.slice(0, 2).join(' ');
    }
  });
}
