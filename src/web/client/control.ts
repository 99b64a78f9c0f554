/**
 * /control/<conferenceId>: the secretariat runs the conference from here.
 * Start it, announce the APPROVED awards one by one (a click, or N / PageDown,
 * which presentation clickers send), launch the movement, approve the
 * delegation, end it; the live feed below shows what the hall's screen shows.
 * Every action is a public GraphQL mutation with the signed-in SECRETARY's token.
 */
import { ApiError, graphql } from './api.js';
import { byId, conferenceIdFromPath, h, replace } from './dom.js';
import {
  recipientDetail,
  recipientName,
  type AwardView,
  type ConferenceEventView,
} from './events.js';
import { ConferenceFeed, type FeedState } from './feed.js';
import {
  compareVietnamese,
  CONFERENCE_STATUS_LABELS,
  formatCount,
  formatDate,
  formatLocalDate,
  formatMoney,
  formatTime,
} from './format.js';
import {
  describeError,
  keepSessionFresh,
  restoreSession,
  roleLabel,
  signIn,
  storeToken,
} from './session.js';

/** Roles that may run a conference (the API lets ADMIN do everything). */
const ROLES = ['SECRETARY', 'ADMIN'];
/** Most awards the queue loads for one filter (pages of 100). */
const QUEUE_LIMIT = 1_000;

interface ConferenceView {
  id: string;
  title: string;
  venue: string | null;
  startsAt: string;
  status: 'SCHEDULED' | 'LIVE' | 'ENDED';
  hostUnit: { id: string; name: string };
  delegations: DelegationView[];
}

interface DelegationView {
  id: string;
  congress: string;
  status: 'DRAFT' | 'APPROVED';
  members: { fullName: string }[];
}

interface QueuedAward extends AwardView {
  bonusAmount: number;
}

interface CampaignView {
  id: string;
  name: string;
  theme: string | null;
  startsOn: string;
  endsOn: string;
  organizer: { name: string };
}

const AWARD_FIELDS = `id year citation decisionNumber decidedOn bonusAmount
  type { code name }
  recipient { __typename ... on Person { id fullName position unit { id name } } ... on Unit { id name } }`;

/** The unit an award's row is filed under: the person's unit, or the collective itself. */
function unitOf(award: AwardView): { id: string; name: string } {
  return award.recipient.__typename === 'Person' ? award.recipient.unit : award.recipient;
}

/** Collectives first (as decisions list them), then by unit and name. */
function queueOrder(a: AwardView, b: AwardView): number {
  const kind = (award: AwardView) => (award.recipient.__typename === 'Unit' ? 0 : 1);
  return (
    kind(a) - kind(b) ||
    compareVietnamese(unitOf(a).name, unitOf(b).name) ||
    compareVietnamese(recipientName(a.recipient), recipientName(b.recipient))
  );
}

class ControlPage {
  private status: ConferenceView['status'];
  private queue: QueuedAward[] = [];
  private campaigns: CampaignView[] = [];
  private readonly busy = new Set<string>();
  private endArmedUntil = 0;
  private feed: ConferenceFeed | undefined;
  private stopRenewing: (() => void) | undefined;

  constructor(
    private readonly conference: ConferenceView,
    /** The SECRETARY's token, renewed while the page stays open. */
    private token: string,
    private readonly username: string,
    private readonly onSignOut: (notice?: string) => void,
  ) {
    this.status = conference.status;
  }

  async start(root: HTMLElement): Promise<void> {
    replace(root, this.layout());
    this.renderStatus();
    this.renderDelegations();
    document.addEventListener('keydown', this.onKey);
    await Promise.all([this.loadQueue(), this.loadCampaigns()]);
    this.feed = new ConferenceFeed({
      conferenceId: this.conference.id,
      token: this.token,
      resumeAfter: null,
      onEvent: (event) => this.onEvent(event),
      onState: (state, retry) => this.showConnection(state, retry),
      onRefused: (code, message) => {
        this.stop();
        this.onSignOut(
          code === 'UNAUTHENTICATED' ? describeError(new ApiError(code, message)) : message,
        );
      },
    });
    this.stopRenewing = keepSessionFresh('control', this.token, (token) => {
      this.token = token;
      this.feed?.renew(token);
    });
    void this.feed.run();
  }

  private stop(): void {
    document.removeEventListener('keydown', this.onKey);
    this.stopRenewing?.();
    this.feed?.stop();
  }

  private layout(): HTMLElement {
    const { conference } = this;
    const year = new Date(conference.startsAt).getFullYear();
    const yearSelect = h(
      'select',
      { id: 'filter-year', onchange: () => void this.loadQueue() },
      ...[year, year - 1, year - 2].map((y) =>
        h('option', { value: String(y), selected: y === year }, `Năm ${y}`),
      ),
      h('option', { value: '' }, 'Tất cả các năm'),
    );
    return h(
      'div',
      { class: 'control' },
      h(
        'header',
        { class: 'control-header' },
        h(
          'div',
          { class: 'heading' },
          h('p', { class: 'host' }, conference.hostUnit.name),
          h('h1', {}, conference.title),
          h(
            'p',
            { class: 'meta' },
            [
              conference.venue,
              `${formatTime(conference.startsAt)} ngày ${formatDate(conference.startsAt)}`,
            ]
              .filter(Boolean)
              .join(' · '),
          ),
        ),
        h(
          'div',
          { class: 'actions' },
          h('span', { class: 'badge', id: 'conference-status' }),
          h(
            'button',
            {
              id: 'start-conference',
              class: 'primary',
              onclick: () => void this.startConference(),
            },
            'Bắt đầu hội nghị',
          ),
          h(
            'button',
            { id: 'end-conference', class: 'danger', onclick: () => void this.endConference() },
            'Kết thúc hội nghị',
          ),
          h(
            'a',
            {
              href: `/screen/${encodeURIComponent(conference.id)}`,
              target: '_blank',
              rel: 'noopener',
            },
            'Mở màn hình hội trường',
          ),
          h(
            'span',
            { class: 'account' },
            `${this.username} · `,
            h(
              'button',
              {
                class: 'link',
                id: 'sign-out',
                onclick: () => {
                  this.stop();
                  storeToken('control', null);
                  this.onSignOut();
                },
              },
              'Đăng xuất',
            ),
          ),
        ),
      ),
      h('p', { class: 'status-line', id: 'status-line', role: 'status', 'aria-live': 'polite' }),
      h(
        'main',
        { class: 'control-main' },
        h(
          'section',
          { class: 'queue panel' },
          h('h2', {}, 'Khen thưởng chờ công bố ', h('span', { id: 'queue-count' })),
          h(
            'div',
            { class: 'filters' },
            h(
              'label',
              {},
              'Đơn vị ',
              h('select', { id: 'filter-unit', onchange: () => this.renderQueue() }),
            ),
            h(
              'label',
              {},
              'Hình thức ',
              h('select', { id: 'filter-type', onchange: () => this.renderQueue() }),
            ),
            h('label', {}, 'Năm ', yearSelect),
          ),
          h('button', {
            id: 'announce-next',
            class: 'primary big',
            onclick: () => void this.announceNext(),
          }),
          h(
            'table',
            { class: 'awards' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, '#'),
                h('th', {}, 'Cá nhân / tập thể'),
                h('th', {}, 'Đơn vị'),
                h('th', {}, 'Hình thức'),
                h('th', {}, 'Quyết định'),
                h('th', { class: 'money' }, 'Tiền thưởng'),
                h('th', {}, ''),
              ),
            ),
            h('tbody', { id: 'queue-rows' }),
          ),
        ),
        h(
          'aside',
          { class: 'side' },
          h(
            'section',
            { class: 'panel' },
            h('h2', {}, 'Phát động phong trào'),
            h('ul', { id: 'campaigns', class: 'items' }),
          ),
          h(
            'section',
            { class: 'panel' },
            h('h2', {}, 'Đoàn đại biểu'),
            h('ul', { id: 'delegations', class: 'items' }),
          ),
          h(
            'section',
            { class: 'panel feed' },
            h(
              'h2',
              {},
              'Diễn biến ',
              h('span', { class: 'connection', id: 'connection', 'data-state': 'loading' }),
            ),
            h('ol', { id: 'feed', class: 'feed-list' }),
          ),
        ),
      ),
    );
  }

  // ------------------------------------------------------------ data

  private async loadQueue(): Promise<void> {
    const year = byId<HTMLSelectElement>('filter-year').value;
    const filter = {
      status: 'APPROVED',
      unitId: this.conference.hostUnit.id,
      ...(year ? { year: Number(year) } : {}),
    };
    const awards: QueuedAward[] = [];
    try {
      let after: string | null = null;
      while (awards.length < QUEUE_LIMIT) {
        const data: {
          awards: {
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: { node: QueuedAward }[];
          };
        } = await graphql(
          `query ControlQueue($filter: AwardFilter, $after: String) {
            awards(filter: $filter, first: 100, after: $after) {
              pageInfo { hasNextPage endCursor }
              edges { node { ${AWARD_FIELDS} } }
            }
          }`,
          { filter, after },
          this.token,
        );
        awards.push(...data.awards.edges.map((edge) => edge.node));
        if (!data.awards.pageInfo.hasNextPage) break;
        after = data.awards.pageInfo.endCursor;
      }
    } catch (error) {
      this.report(error);
      return;
    }
    this.queue = awards.sort(queueOrder);
    this.fillFilters();
    this.renderQueue();
  }

  private async loadCampaigns(): Promise<void> {
    try {
      const data = await graphql<{ campaigns: { edges: { node: CampaignView }[] } }>(
        `
          {
            campaigns(filter: { status: DRAFT }, first: 50) {
              edges {
                node {
                  id
                  name
                  theme
                  startsOn
                  endsOn
                  organizer {
                    name
                  }
                }
              }
            }
          }
        `,
        {},
        this.token,
      );
      this.campaigns = data.campaigns.edges.map((edge) => edge.node);
    } catch (error) {
      this.report(error);
    }
    this.renderCampaigns();
  }

  // ------------------------------------------------------------ rendering

  private fillFilters(): void {
    const fill = (select: HTMLSelectElement, all: string, options: [string, string][]) => {
      const current = select.value;
      replace(
        select,
        h('option', { value: '' }, all),
        ...options.map(([value, label]) =>
          h('option', { value, selected: value === current }, label),
        ),
      );
    };
    const units = new Map(this.queue.map((award) => [unitOf(award).id, unitOf(award).name]));
    const types = new Map(this.queue.map((award) => [award.type.code, award.type.name]));
    const byName = (a: [string, string], b: [string, string]) => compareVietnamese(a[1], b[1]);
    fill(byId('filter-unit'), 'Tất cả đơn vị', [...units].sort(byName));
    fill(byId('filter-type'), 'Tất cả hình thức', [...types].sort(byName));
  }

  /** The queue as filtered by unit and type. */
  private visibleQueue(): QueuedAward[] {
    const unit = byId<HTMLSelectElement>('filter-unit').value;
    const type = byId<HTMLSelectElement>('filter-type').value;
    return this.queue.filter(
      (award) => (!unit || unitOf(award).id === unit) && (!type || award.type.code === type),
    );
  }

  private renderQueue(): void {
    const visible = this.visibleQueue();
    const live = this.status === 'LIVE';
    byId('queue-count').textContent = `(${formatCount(visible.length)})`;
    const rows = visible.map((award, index) => {
      const decision = award.decisionNumber
        ? `${award.decisionNumber}${award.decidedOn ? `, ${formatLocalDate(award.decidedOn)}` : ''}`
        : '';
      return h(
        'tr',
        { 'data-award-id': award.id },
        h('td', {}, String(index + 1)),
        h(
          'td',
          {},
          h('strong', {}, recipientName(award.recipient)),
          award.recipient.__typename === 'Person' && award.recipient.position
            ? h('span', { class: 'sub' }, award.recipient.position)
            : h('span', { class: 'sub' }, 'Tập thể'),
        ),
        h('td', {}, unitOf(award).name),
        h('td', {}, `${award.type.name} ${award.year}`),
        h('td', {}, decision),
        h('td', { class: 'money' }, formatMoney(award.bonusAmount)),
        h(
          'td',
          {},
          h(
            'button',
            {
              class: 'announce',
              disabled: !live || this.busy.has(award.id),
              onclick: () => void this.announce(award),
            },
            'Công bố',
          ),
        ),
      );
    });
    replace(byId('queue-rows'), ...rows);
    const next = visible[0];
    const button = byId<HTMLButtonElement>('announce-next');
    button.disabled = !live || !next || this.busy.size > 0;
    button.textContent = next
      ? `Công bố tiếp theo: ${recipientName(next.recipient)} — ${next.type.name} (phím N)`
      : 'Không còn khen thưởng chờ công bố';
    if (!live && next) button.title = 'Bắt đầu hội nghị trước khi công bố';
  }

  private renderCampaigns(): void {
    const live = this.status === 'LIVE';
    const items = this.campaigns.map((campaign) =>
      h(
        'li',
        { 'data-campaign-id': campaign.id },
        h('strong', {}, campaign.name),
        campaign.theme ? h('span', { class: 'sub' }, `“${campaign.theme}”`) : null,
        h('span', { class: 'sub' }, campaign.organizer.name),
        h(
          'button',
          {
            class: 'launch',
            disabled: !live || this.busy.has(campaign.id),
            onclick: () => void this.launch(campaign),
          },
          'Phát động tại hội nghị',
        ),
      ),
    );
    replace(
      byId('campaigns'),
      ...(items.length
        ? items
        : [h('li', { class: 'empty' }, 'Không có phong trào nào chờ phát động.')]),
    );
  }

  private renderDelegations(): void {
    const open = this.status !== 'ENDED';
    const items = this.conference.delegations.map((delegation) =>
      h(
        'li',
        { 'data-delegation-id': delegation.id },
        h('strong', {}, delegation.congress),
        h('span', { class: 'sub' }, delegation.members.map((member) => member.fullName).join(', ')),
        delegation.status === 'APPROVED'
          ? h('span', { class: 'done' }, 'Đã thông qua')
          : h(
              'button',
              {
                class: 'approve',
                disabled: !open || this.busy.has(delegation.id),
                onclick: () => void this.approve(delegation),
              },
              'Thông qua',
            ),
      ),
    );
    replace(
      byId('delegations'),
      ...(items.length ? items : [h('li', { class: 'empty' }, 'Hội nghị chưa có đoàn đại biểu.')]),
    );
  }

  private renderStatus(): void {
    const badge = byId('conference-status');
    badge.textContent = CONFERENCE_STATUS_LABELS[this.status] ?? this.status;
    badge.dataset.status = this.status;
    byId<HTMLButtonElement>('start-conference').hidden = this.status !== 'SCHEDULED';
    const end = byId<HTMLButtonElement>('end-conference');
    end.hidden = this.status !== 'LIVE';
    end.textContent = 'Kết thúc hội nghị';
    this.endArmedUntil = 0;
  }

  private refresh(): void {
    this.renderStatus();
    this.renderQueue();
    this.renderCampaigns();
    this.renderDelegations();
  }

  private showConnection(state: FeedState, retryInSeconds?: number): void {
    const indicator = byId('connection');
    indicator.dataset.state = state;
    const text: Record<FeedState, string> = {
      loading: '· đang tải',
      live: '· trực tuyến',
      waiting: '· chờ khai mạc',
      reconnecting: `· mất kết nối, thử lại sau ${retryInSeconds ?? 1} giây`,
      ended: '· đã kết thúc',
    };
    indicator.textContent = text[state];
  }

  // ------------------------------------------------------------ events

  private onEvent(event: ConferenceEventView): void {
    let line: string;
    switch (event.__typename) {
      case 'ConferenceStarted':
        this.status = 'LIVE';
        line = 'Khai mạc hội nghị';
        break;
      case 'AwardAnnounced':
        this.queue = this.queue.filter((award) => award.id !== event.award.id);
        line = `Công bố ${event.award.type.name}: ${recipientName(event.award.recipient)} (${recipientDetail(event.award.recipient)})`;
        break;
      case 'CampaignLaunched':
        this.campaigns = this.campaigns.filter((campaign) => campaign.id !== event.campaign.id);
        line = `Phát động ${event.campaign.name}`;
        break;
      case 'CampaignRegistered':
        line = `${event.registration.unit.name} đăng ký thi đua (${formatCount(event.registrationCount)} đơn vị)`;
        break;
      case 'DelegationApproved':
        for (const delegation of this.conference.delegations) {
          if (delegation.id === event.delegation.id) delegation.status = 'APPROVED';
        }
        line = `Thông qua đoàn đại biểu dự ${event.delegation.congress}`;
        break;
      case 'ConferenceEnded':
        this.status = 'ENDED';
        line = 'Bế mạc hội nghị';
        break;
      default: {
        const unexpected: never = event;
        line = String((unexpected as { __typename: string }).__typename);
      }
    }
    const feed = byId('feed');
    feed.insertBefore(
      h(
        'li',
        { 'data-cursor': event.cursor },
        h('time', {}, formatTime(event.occurredAt)),
        ' ',
        line,
      ),
      feed.firstChild,
    );
    this.refresh();
  }

  // ------------------------------------------------------------ actions

  private readonly onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
    if (event.key === 'n' || event.key === 'N' || event.key === 'PageDown') {
      event.preventDefault();
      void this.announceNext();
    }
  };

  private async announceNext(): Promise<void> {
    const next = this.visibleQueue()[0];
    if (next && this.status === 'LIVE' && this.busy.size === 0) await this.announce(next);
  }

  private async announce(award: QueuedAward): Promise<void> {
    await this.act(award.id, `Đã công bố: ${recipientName(award.recipient)}`, async () => {
      await graphql(
        `
          mutation Announce($conferenceId: ID!, $awardId: ID!) {
            announceAward(conferenceId: $conferenceId, awardId: $awardId) {
              cursor
            }
          }
        `,
        { conferenceId: this.conference.id, awardId: award.id },
        this.token,
      );
      this.queue = this.queue.filter((queued) => queued.id !== award.id);
    });
  }

  private async launch(campaign: CampaignView): Promise<void> {
    await this.act(campaign.id, `Đã phát động: ${campaign.name}`, async () => {
      await graphql(
        `
          mutation Launch($id: ID!, $conferenceId: ID) {
            launchCampaign(id: $id, conferenceId: $conferenceId) {
              id
              status
            }
          }
        `,
        { id: campaign.id, conferenceId: this.conference.id },
        this.token,
      );
      this.campaigns = this.campaigns.filter((c) => c.id !== campaign.id);
    });
  }

  private async approve(delegation: DelegationView): Promise<void> {
    await this.act(
      delegation.id,
      `Đã thông qua đoàn đại biểu dự ${delegation.congress}`,
      async () => {
        await graphql(
          `
            mutation Approve($id: ID!) {
              approveDelegation(id: $id) {
                id
                status
              }
            }
          `,
          { id: delegation.id },
          this.token,
        );
        delegation.status = 'APPROVED';
      },
    );
  }

  private async startConference(): Promise<void> {
    await this.act('start', 'Hội nghị đã bắt đầu', async () => {
      const data = await graphql<{ startConference: { status: ConferenceView['status'] } }>(
        `
          mutation Start($id: ID!) {
            startConference(id: $id) {
              status
            }
          }
        `,
        { id: this.conference.id },
        this.token,
      );
      this.status = data.startConference.status;
    });
  }

  /** Ends the conference on a second click within five seconds (no dialog on a projector). */
  private async endConference(): Promise<void> {
    const button = byId<HTMLButtonElement>('end-conference');
    if (Date.now() > this.endArmedUntil) {
      this.endArmedUntil = Date.now() + 5_000;
      button.textContent = 'Bấm lần nữa để kết thúc';
      setTimeout(() => {
        if (Date.now() >= this.endArmedUntil) {
          button.textContent = 'Kết thúc hội nghị';
          this.endArmedUntil = 0;
        }
      }, 5_100);
      return;
    }
    await this.act('end', 'Hội nghị đã kết thúc', async () => {
      const data = await graphql<{ endConference: { status: ConferenceView['status'] } }>(
        `
          mutation End($id: ID!) {
            endConference(id: $id) {
              status
            }
          }
        `,
        { id: this.conference.id },
        this.token,
      );
      this.status = data.endConference.status;
    });
  }

  /** Runs one action with its button disabled, then reports success or the server's message. */
  private async act(key: string, done: string, action: () => Promise<void>): Promise<void> {
    if (this.busy.has(key)) return;
    this.busy.add(key);
    this.refresh();
    try {
      await action();
      this.say(done, 'ok');
    } catch (error) {
      this.report(error);
    } finally {
      this.busy.delete(key);
      this.refresh();
    }
  }

  private report(error: unknown): void {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      this.stop();
      storeToken('control', null);
      this.onSignOut(describeError(error));
      return;
    }
    this.say(describeError(error), 'error');
  }

  private say(text: string, kind: 'ok' | 'error'): void {
    const line = byId('status-line');
    line.dataset.kind = kind;
    line.textContent = text;
  }
}

function message(root: HTMLElement, heading: string, text: string): void {
  replace(root, h('div', { class: 'message' }, h('h1', {}, heading), h('p', {}, text)));
}

async function main(notice?: string): Promise<void> {
  const root = byId('app');
  const conferenceId = conferenceIdFromPath();
  let session;
  try {
    session = await restoreSession('control', ROLES);
  } catch (error) {
    message(root, 'Không mở được trang điều hành', describeError(error));
    return;
  }
  if (!session) {
    session = await signIn(root, {
      heading: 'Điều hành hội nghị',
      hint: 'Đăng nhập bằng tài khoản thư ký hội đồng thi đua, khen thưởng (SECRETARY).',
      roles: ROLES,
      refusal: (account) =>
        `Tài khoản ${account.username} là ${roleLabel(account.role)}: không được điều hành hội nghị. Trang này chỉ dành cho thư ký hội đồng (SECRETARY).`,
      notice,
    });
    storeToken('control', session.token);
  }
  let conference: ConferenceView | null;
  try {
    const data = await graphql<{ conference: ConferenceView | null }>(
      `
        query ControlConference($id: ID!) {
          conference(id: $id) {
            id
            title
            venue
            startsAt
            status
            hostUnit {
              id
              name
            }
            delegations {
              id
              congress
              status
              members {
                fullName
              }
            }
          }
        }
      `,
      { id: conferenceId },
      session.token,
    );
    conference = data.conference;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      storeToken('control', null);
      return main(describeError(error));
    }
    message(root, 'Không mở được trang điều hành', describeError(error));
    return;
  }
  if (!conference) {
    message(root, 'Không tìm thấy hội nghị', `Không có hội nghị nào có mã ${conferenceId}.`);
    return;
  }
  document.title = `${conference.title} — Điều hành`;
  await new ControlPage(conference, session.token, session.account.username, (again) => {
    void main(again);
  }).start(root);
}

void main();
