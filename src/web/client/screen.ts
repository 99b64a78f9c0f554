/**
 * /screen/<conferenceId>: the hall's big display. Signs in once as a VIEWER
 * (the token stays in localStorage), shows what already happened without
 * animation, then each new event as it is announced. The cursor of the last
 * event shown is kept in localStorage, so a reload or a dropped network
 * resumes right after it: nothing is shown twice and nothing is skipped.
 */
import { ApiError, graphql } from './api.js';
import { byId, conferenceIdFromPath, h, replace } from './dom.js';
import { recipientDetail, recipientName, type ConferenceEventView } from './events.js';
import { ConferenceFeed, type FeedState } from './feed.js';
import { formatCount, formatDate, formatLocalDate, formatTime } from './format.js';
import {
  describeError,
  keepSessionFresh,
  restoreSession,
  roleLabel,
  signIn,
  storeToken,
} from './session.js';

const ROLES = ['VIEWER'];

interface ConferenceHeader {
  id: string;
  title: string;
  venue: string | null;
  startsAt: string;
  status: string;
  hostUnit: { name: string };
}

/** What the page has shown, for diagnostics and the browser tests. */
interface ScreenLog {
  conferenceId: string;
  events: { cursor: string; type: string; replayed: boolean }[];
}

declare global {
  interface Window {
    thiduaScreen?: ScreenLog;
  }
}

const cursorKey = (conferenceId: string) => `thidua.screen.cursor.${conferenceId}`;

function storedCursor(conferenceId: string): string | null {
  try {
    return localStorage.getItem(cursorKey(conferenceId));
  } catch {
    return null;
  }
}

function storeCursor(conferenceId: string, cursor: string): void {
  try {
    localStorage.setItem(cursorKey(conferenceId), cursor);
  } catch {
    // Without storage a reload starts from the history again, which is still exact.
  }
}

/** The counters and lists the display keeps as events arrive. */
class Hall {
  private individuals = 0;
  private collectives = 0;
  private readonly list = byId<HTMLOListElement>('award-list');
  private readonly spotlight = byId('spotlight');
  private readonly movement = byId('movement');
  private readonly pledges = byId('pledges');

  constructor(private readonly log: ScreenLog) {}

  /** Shows one event; `replayed` ones (already seen, or from before this display) without animation. */
  show(event: ConferenceEventView, replayed: boolean): void {
    this.log.events.push({ cursor: event.cursor, type: event.__typename, replayed });
    switch (event.__typename) {
      case 'ConferenceStarted':
        this.spotlightOn(
          event.cursor,
          replayed,
          h('p', { class: 'kicker' }, 'Khai mạc'),
          h('p', { class: 'headline' }, 'Hội nghị bắt đầu'),
          h('p', { class: 'detail' }, `Lúc ${formatTime(event.occurredAt)}`),
        );
        break;
      case 'AwardAnnounced': {
        const { award } = event;
        const collective = award.recipient.__typename === 'Unit';
        if (collective) this.collectives++;
        else this.individuals++;
        byId('count-individuals').textContent = formatCount(this.individuals);
        byId('count-collectives').textContent = formatCount(this.collectives);
        const item = h(
          'li',
          { 'data-cursor': event.cursor, 'data-award-id': award.id, class: replayed ? '' : 'new' },
          h('span', { class: 'who' }, recipientName(award.recipient)),
          h(
            'span',
            { class: 'what' },
            collective ? `Tập thể · ${award.type.name}` : award.type.name,
          ),
        );
        // Newest on top (the list counts down), so the latest is never cut off.
        this.list.insertBefore(item, this.list.firstChild);
        const decision = award.decisionNumber
          ? `Quyết định số ${award.decisionNumber}${award.decidedOn ? ` ngày ${formatLocalDate(award.decidedOn)}` : ''}`
          : null;
        this.spotlightOn(
          event.cursor,
          replayed,
          h('p', { class: 'kicker' }, `${award.type.name} năm ${award.year}`),
          h('p', { class: 'headline recipient' }, recipientName(award.recipient)),
          h('p', { class: 'detail' }, recipientDetail(award.recipient)),
          award.citation ? h('p', { class: 'citation' }, award.citation) : null,
          decision ? h('p', { class: 'decision' }, decision) : null,
        );
        break;
      }
      case 'CampaignLaunched': {
        const { campaign } = event;
        const period = `${campaign.startsOn.slice(0, 4)} - ${campaign.endsOn.slice(0, 4)}`;
        replace(
          this.movement,
          h('span', { class: 'label' }, 'Phát động'),
          h('span', { class: 'name' }, campaign.name),
          campaign.theme ? h('span', { class: 'theme' }, `“${campaign.theme}”`) : null,
        );
        this.movement.hidden = false;
        this.spotlightOn(
          event.cursor,
          replayed,
          h('p', { class: 'kicker' }, 'Phát động phong trào thi đua'),
          h('p', { class: 'headline small' }, campaign.name),
          campaign.theme ? h('p', { class: 'theme' }, `“${campaign.theme}”`) : null,
          h('p', { class: 'detail' }, `Giai đoạn ${period}`),
        );
        break;
      }
      case 'CampaignRegistered': {
        const { registration, registrationCount } = event;
        replace(
          this.pledges,
          h('span', { class: 'count' }, `${formatCount(registrationCount)} đơn vị đăng ký thi đua`),
          h('span', { class: 'last' }, `${registration.unit.name}`),
        );
        this.pledges.hidden = false;
        break;
      }
      case 'DelegationApproved': {
        const { delegation } = event;
        this.spotlightOn(
          event.cursor,
          replayed,
          h('p', { class: 'kicker' }, 'Thông qua đoàn đại biểu'),
          h('p', { class: 'headline small' }, `Dự ${delegation.congress}`),
          h(
            'ol',
            { class: 'delegates' },
            ...delegation.members.map((member) => h('li', {}, member.fullName)),
          ),
        );
        break;
      }
      case 'ConferenceEnded':
        this.spotlightOn(
          event.cursor,
          replayed,
          h('p', { class: 'kicker' }, 'Bế mạc hội nghị'),
          h('p', { class: 'headline' }, 'Xin trân trọng cảm ơn!'),
          h(
            'p',
            { class: 'detail' },
            `Đã biểu dương, khen thưởng ${formatCount(this.collectives)} tập thể và ${formatCount(this.individuals)} cá nhân`,
          ),
        );
        break;
      default: {
        const unexpected: never = event;
        void unexpected;
      }
    }
  }

  /** What the stage shows before the conference starts. */
  waiting(conference: ConferenceHeader): void {
    this.spotlightOn(
      '',
      true,
      h('p', { class: 'kicker' }, 'Hội nghị sắp bắt đầu'),
      h('p', { class: 'headline small' }, conference.title),
      h(
        'p',
        { class: 'detail' },
        `${formatTime(conference.startsAt)} ngày ${formatDate(conference.startsAt)}`,
      ),
    );
  }

  private spotlightOn(cursor: string, replayed: boolean, ...content: (HTMLElement | null)[]): void {
    const card = h('div', { class: replayed ? 'card' : 'card enter' }, ...content);
    this.spotlight.dataset.cursor = cursor;
    this.spotlight.dataset.replayed = String(replayed);
    replace(this.spotlight, card);
  }
}

/** Vietnamese text and look of the connection indicator. */
function showState(state: FeedState, retryInSeconds?: number): void {
  const indicator = byId('connection');
  indicator.dataset.state = state;
  const text: Record<FeedState, string> = {
    loading: 'Đang tải…',
    live: 'Trực tuyến',
    waiting: 'Chờ khai mạc',
    reconnecting: `Mất kết nối — thử lại sau ${retryInSeconds ?? 1} giây`,
    ended: 'Đã bế mạc',
  };
  indicator.textContent = text[state];
}

function layout(conference: ConferenceHeader): HTMLElement {
  const meta = [conference.venue, formatDate(conference.startsAt)].filter(Boolean).join(' · ');
  return h(
    'div',
    { class: 'screen', id: 'screen' },
    h(
      'header',
      { class: 'hall-header' },
      h('p', { class: 'host', id: 'host' }, conference.hostUnit.name),
      h('h1', { id: 'title' }, conference.title),
      h('p', { class: 'meta', id: 'meta' }, meta),
    ),
    h(
      'main',
      { class: 'stage' },
      h('section', { class: 'spotlight', id: 'spotlight', 'aria-live': 'polite' }),
      h(
        'aside',
        { class: 'roll' },
        h(
          'div',
          { class: 'counters' },
          h(
            'div',
            { class: 'counter' },
            h('span', { class: 'value', id: 'count-collectives' }, '0'),
            h('span', { class: 'label' }, 'Tập thể'),
          ),
          h(
            'div',
            { class: 'counter' },
            h('span', { class: 'value', id: 'count-individuals' }, '0'),
            h('span', { class: 'label' }, 'Cá nhân'),
          ),
        ),
        h('ol', { class: 'award-list', id: 'award-list', reversed: true }),
      ),
    ),
    h(
      'footer',
      { class: 'hall-footer' },
      h('div', { class: 'movement', id: 'movement', hidden: true }),
      h('div', { class: 'pledges', id: 'pledges', hidden: true }),
      h('div', { class: 'connection', id: 'connection', 'data-state': 'loading' }, 'Đang tải…'),
    ),
  );
}

function message(root: HTMLElement, heading: string, text: string): void {
  replace(root, h('div', { class: 'message' }, h('h1', {}, heading), h('p', {}, text)));
}

async function main(): Promise<void> {
  const root = byId('app');
  const conferenceId = conferenceIdFromPath();
  let notice: string | undefined;
  for (;;) {
    let session;
    try {
      session = await restoreSession('screen', ROLES);
    } catch (error) {
      message(root, 'Không mở được màn hình', describeError(error));
      setTimeout(() => location.reload(), 10_000);
      return;
    }
    if (!session) {
      session = await signIn(root, {
        heading: 'Màn hình hội trường',
        hint: 'Đăng nhập một lần bằng tài khoản chỉ xem (VIEWER). Máy này sẽ ghi nhớ phiên đăng nhập.',
        roles: ROLES,
        refusal: (account) =>
          `Tài khoản ${account.username} là ${roleLabel(account.role)}. Màn hình hội trường chỉ dùng tài khoản chỉ xem (VIEWER), để máy đặt ở hội trường không giữ quyền thao tác.`,
        notice,
      });
      storeToken('screen', session.token);
    }
    const token = session.token;

    let conference: ConferenceHeader | null;
    try {
      const data = await graphql<{ conference: ConferenceHeader | null }>(
        `
          query ScreenConference($id: ID!) {
            conference(id: $id) {
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
        `,
        { id: conferenceId },
        token,
      );
      conference = data.conference;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        storeToken('screen', null);
        notice = describeError(error);
        continue;
      }
      message(root, 'Không mở được màn hình', describeError(error));
      setTimeout(() => location.reload(), 10_000);
      return;
    }
    if (!conference) {
      message(root, 'Không tìm thấy hội nghị', `Không có hội nghị nào có mã ${conferenceId}.`);
      return;
    }

    document.title = `${conference.title} — Màn hình hội trường`;
    replace(root, layout(conference));
    const log: ScreenLog = { conferenceId, events: [] };
    window.thiduaScreen = log;
    const hall = new Hall(log);
    hall.waiting(conference);
    let refused: string | null = null;
    const feed = new ConferenceFeed({
      conferenceId,
      token,
      resumeAfter: storedCursor(conferenceId),
      onEvent: (event, replayed) => {
        hall.show(event, replayed);
        storeCursor(conferenceId, event.cursor);
      },
      onState: showState,
      onRefused: (code, text) => {
        refused = code === 'UNAUTHENTICATED' ? describeError(new ApiError(code, text)) : text;
      },
    });
    const stopRenewing = keepSessionFresh('screen', token, (renewed) => feed.renew(renewed));
    await feed.run();
    stopRenewing();
    if (refused === null) return;
    storeToken('screen', null);
    notice = refused;
  }
}

document.addEventListener('keydown', (event) => {
  // F: full screen on the hall's display (not while typing in the sign-in form).
  if (event.target instanceof HTMLInputElement) return;
  if (event.key === 'f' || event.key === 'F') {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  }
});

void main();
