/**
 * `/`: the conferences that are live or coming, with links to their hall
 * screen and control page, and (outside production) to Apollo Sandbox.
 * Listing needs a token: the page uses the one a screen or control page of
 * this browser keeps, or asks for a sign-in of its own.
 */
import { ApiError, graphql } from './api.js';
import { byId, h, replace } from './dom.js';
import { CONFERENCE_STATUS_LABELS, formatDate, formatTime } from './format.js';
import { describeError, restoreSession, signIn, storeToken, type PageKind } from './session.js';

/** Every role may read conferences. */
const ROLES = ['ADMIN', 'SECRETARY', 'COUNCIL', 'UNIT_MANAGER', 'MEMBER', 'VIEWER'];

interface ConferenceRow {
  id: string;
  title: string;
  venue: string | null;
  startsAt: string;
  status: string;
  hostUnit: { name: string };
}

async function session(notice?: string): Promise<string> {
  for (const page of ['landing', 'control', 'screen'] as PageKind[]) {
    const restored = await restoreSession(page, ROLES).catch(() => null);
    if (restored) return restored.token;
  }
  const signedIn = await signIn(byId('conferences'), {
    heading: 'Đăng nhập',
    hint: 'Đăng nhập để xem danh sách hội nghị (tài khoản nào cũng được, ví dụ tài khoản chỉ xem).',
    roles: ROLES,
    refusal: () => '',
    notice,
  });
  storeToken('landing', signedIn.token);
  return signedIn.token;
}

async function list(token: string, status: string): Promise<ConferenceRow[]> {
  const data = await graphql<{ conferences: { edges: { node: ConferenceRow }[] } }>(
    `
      query Landing($status: ConferenceStatus) {
        conferences(status: $status, first: 50) {
          edges {
            node {
              id
              title
              venue
              startsAt
              status
              hostUnit {
                name
              }
            }
          }
        }
      }
    `,
    { status },
    token,
  );
  return data.conferences.edges.map((edge) => edge.node);
}

function row(conference: ConferenceRow): HTMLElement {
  const id = encodeURIComponent(conference.id);
  return h(
    'li',
    { class: 'conference', 'data-conference-id': conference.id },
    h(
      'span',
      { class: 'badge', 'data-status': conference.status },
      CONFERENCE_STATUS_LABELS[conference.status] ?? conference.status,
    ),
    h('strong', {}, conference.title),
    h(
      'span',
      { class: 'sub' },
      [
        conference.hostUnit.name,
        conference.venue,
        `${formatTime(conference.startsAt)} ngày ${formatDate(conference.startsAt)}`,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    h(
      'span',
      { class: 'links' },
      h('a', { href: `/screen/${id}`, class: 'screen-link' }, 'Màn hình hội trường'),
      h('a', { href: `/control/${id}`, class: 'control-link' }, 'Điều hành'),
    ),
  );
}

async function main(notice?: string): Promise<void> {
  const container = byId('conferences');
  let token: string;
  try {
    token = await session(notice);
  } catch (error) {
    replace(container, h('p', { class: 'form-error' }, describeError(error)));
    return;
  }
  replace(container, h('p', {}, 'Đang tải…'));
  try {
    const [live, scheduled] = await Promise.all([list(token, 'LIVE'), list(token, 'SCHEDULED')]);
    // Soonest first among the coming ones.
    scheduled.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    replace(
      container,
      h('h2', {}, 'Đang diễn ra'),
      live.length
        ? h('ul', { class: 'conferences', id: 'live' }, ...live.map(row))
        : h('p', { class: 'empty' }, 'Không có hội nghị nào đang diễn ra.'),
      h('h2', {}, 'Sắp diễn ra'),
      scheduled.length
        ? h('ul', { class: 'conferences', id: 'scheduled' }, ...scheduled.map(row))
        : h('p', { class: 'empty' }, 'Không có hội nghị nào sắp diễn ra.'),
    );
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      storeToken('landing', null);
      return main(describeError(error));
    }
    replace(container, h('p', { class: 'form-error' }, describeError(error)));
  }
}

void main();
