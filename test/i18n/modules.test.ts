import { Role } from '../../src/modules/accounts/account.entity';
import { AchievementStatus } from '../../src/modules/achievements/achievement.entity';
import { CampaignStatus } from '../../src/modules/campaigns/campaign.entity';
import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAchievement,
  buildAward,
  buildCampaign,
  buildConference,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { disposeAllWs, wsClient } from '../helpers/ws';

/** What a client sees of an error. */
interface ClientError {
  message: string;
  extensions: { code: string; messageKey?: string; messageParams?: Record<string, unknown> };
}

/**
 * Representative refusals of every module, read as a Vietnamese user reads
 * them (the default, and what `Accept-Language: vi` asks for) and, for some,
 * in English with the same key and parameters.
 */
describe('messages of each module in Vietnamese', () => {
  let t: TestApp;
  let province: Unit;
  let division: Unit;
  let other: Unit;
  let person: Person;
  const secretary = () => t.tokenFor({ role: Role.SECRETARY });
  const manager = () => t.tokenFor({ role: Role.UNIT_MANAGER, unitId: division.id });

  beforeAll(async () => {
    t = await startTestApp();
    province = await buildUnit(t.dataSource, { code: 'VI-LS' });
    division = await buildUnit(t.dataSource, { parent: province });
    other = await buildUnit(t.dataSource, { parent: province });
    person = await buildPerson(t.dataSource, { unit: division });
  });
  afterAll(async () => {
    await disposeAllWs();
    await t.stop();
  });

  /** The first error of an operation over HTTP, in the language `acceptLanguage` asks for (none: Vietnamese). */
  async function firstError(
    token: string | null,
    query: string,
    variables: Record<string, unknown> = {},
    acceptLanguage?: string,
  ): Promise<ClientError> {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: ClientError[] };
    expect(body.errors).toBeDefined();
    return body.errors![0];
  }

  describe('access', () => {
    it('names the roles an operation needs and the caller’s', async () => {
      const query = `mutation { createUnit(input: { code: "VI-X", name: "X", kind: DIVISION }) { id } }`;
      const viewer = t.tokenFor({ role: Role.VIEWER });
      const vi = await firstError(viewer, query);
      expect(vi).toMatchObject({
        message:
          'Thao tác này dành cho vai trò Thường trực Hội đồng Thi đua - Khen thưởng hoặc Quản lý đơn vị; tài khoản của bạn có vai trò Người xem',
        extensions: {
          code: 'FORBIDDEN',
          messageKey: 'auth.roleNeeded',
          messageParams: { needed: 'SECRETARY,UNIT_MANAGER', role: 'VIEWER' },
        },
      });
      const en = await firstError(viewer, query, {}, 'en');
      expect(en.message).toBe('This needs the role SECRETARY or UNIT_MANAGER; you are VIEWER');
    });

    it('tells a unit manager a unit is outside its scope', async () => {
      const error = await firstError(
        manager(),
        `mutation ($parentId: ID!) { createUnit(input: { code: "VI-OUT", name: "Ngoài", kind: DIVISION, parentId: $parentId }) { id } }`,
        { parentId: other.id },
        'vi-VN,vi;q=0.9,en;q=0.5',
      );
      expect(error).toMatchObject({
        message:
          'Đơn vị này nằm ngoài phạm vi bạn quản lý (đơn vị của bạn và các đơn vị trực thuộc)',
        extensions: { code: 'FORBIDDEN' },
      });
    });

    it('asks for a token without one', async () => {
      const error = await firstError(null, `{ units { totalCount } }`);
      expect(error.message).toMatch(/^Vui lòng đăng nhập/);
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('units', () => {
    const create = `mutation ($code: String!) { createUnit(input: { code: $code, name: "Phòng mới", kind: DIVISION }) { id } }`;

    it('refuses a code that is taken', async () => {
      expect(await firstError(secretary(), create, { code: 'VI-LS' })).toMatchObject({
        message: 'Mã đơn vị VI-LS đã được dùng cho một đơn vị khác',
        extensions: {
          code: 'CONFLICT',
          messageKey: 'unit.codeTaken',
          messageParams: { code: 'VI-LS' },
        },
      });
    });

    it('explains what a code may hold, and says which field is blank', async () => {
      expect((await firstError(secretary(), create, { code: 'VI LS' })).message).toBe(
        'Mã đơn vị chỉ được gồm chữ cái, chữ số, dấu chấm, gạch ngang và gạch dưới',
      );
      expect((await firstError(secretary(), create, { code: '   ' })).message).toBe(
        'code không được để trống',
      );
    });

    it('refuses to move a unit under its own subunit', async () => {
      const error = await firstError(
        secretary(),
        `mutation ($id: ID!, $parentId: ID!) { updateUnit(id: $id, input: { parentId: $parentId }) { id } }`,
        { id: province.id, parentId: division.id },
      );
      expect(error.message).toBe(
        'Không thể chuyển một đơn vị vào chính nó hoặc vào một đơn vị trực thuộc của nó',
      );
    });

    it('names a missing unit', async () => {
      const missing = '00000000-0000-4000-8000-0000000000aa';
      const query = `query ($id: ID!) { dashboard(filter: { unitId: $id }) { units } }`;
      expect((await firstError(secretary(), query, { id: missing })).message).toBe(
        `Đơn vị ${missing} không tồn tại`,
      );
    });
  });

  describe('people', () => {
    it('refuses to blank a name', async () => {
      const error = await firstError(
        manager(),
        `mutation ($id: ID!) { updatePerson(id: $id, input: { fullName: null }) { id } }`,
        { id: person.id },
      );
      expect(error).toMatchObject({
        message: 'fullName không được để trống',
        extensions: { code: 'BAD_USER_INPUT', field: 'fullName' },
      });
    });

    it('refuses an avatar that is not a web address', async () => {
      const error = await firstError(
        manager(),
        `mutation ($id: ID!) { updatePerson(id: $id, input: { avatarUrl: "ftp://x" }) { id } }`,
        { id: person.id },
      );
      expect(error.message).toBe(
        'avatarUrl phải là địa chỉ web bắt đầu bằng http:// hoặc https://',
      );
    });
  });

  describe('campaigns', () => {
    it('names the campaign and both states of a refused transition', async () => {
      const campaign = await buildCampaign(t.dataSource, { status: CampaignStatus.DRAFT });
      const query = `mutation ($id: ID!) { closeCampaign(id: $id) { id } }`;
      expect(await firstError(secretary(), query, { id: campaign.id })).toMatchObject({
        message: `Phong trào thi đua ${campaign.code} không thể chuyển từ trạng thái "dự thảo" sang "đã kết thúc"`,
        extensions: { code: 'RULE_VIOLATION', from: 'DRAFT', to: 'CLOSED' },
      });
      expect((await firstError(secretary(), query, { id: campaign.id }, 'en')).message).toBe(
        `Campaign ${campaign.code} cannot go from DRAFT to CLOSED`,
      );
    });

    it('refuses a pledge to a campaign that is not launched', async () => {
      const campaign = await buildCampaign(t.dataSource, { status: CampaignStatus.DRAFT });
      const error = await firstError(
        secretary(),
        `mutation ($c: ID!, $u: ID!) { registerForCampaign(campaignId: $c, unitId: $u) { id } }`,
        { c: campaign.id, u: division.id },
      );
      expect(error.message).toBe(
        `Phong trào ${campaign.code} đang ở trạng thái "dự thảo": các đơn vị chỉ đăng ký thi đua khi phong trào đã được phát động`,
      );
    });

    it('shows dates as dd/MM/yyyy and keeps them ISO in the parameters', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        status: CampaignStatus.DRAFT,
        startsOn: '2025-03-01',
        endsOn: '2025-12-31',
      });
      const error = await firstError(
        secretary(),
        `mutation ($id: ID!) { updateCampaign(id: $id, input: { endsOn: "2025-02-01" }) { id } }`,
        { id: campaign.id },
      );
      expect(error).toMatchObject({
        message: 'Ngày kết thúc (01/02/2025) không được trước ngày bắt đầu (01/03/2025)',
        extensions: {
          messageKey: 'campaign.endsBeforeStart',
          messageParams: { endsOn: '2025-02-01', startsOn: '2025-03-01' },
        },
      });
    });
  });

  describe('achievements', () => {
    it('asks for exactly one holder', async () => {
      const error = await firstError(
        manager(),
        `mutation ($p: ID!, $u: ID!) { recordAchievement(input: { personId: $p, unitId: $u, kind: RESULT, title: "T", achievedOn: "2025-01-01" }) { id } }`,
        { p: person.id, u: division.id },
      );
      expect(error.message).toBe(
        'Thành tích phải thuộc về đúng một cá nhân (personId) hoặc một tập thể (unitId)',
      );
    });

    it('refuses to make a model of an achievement that is not verified', async () => {
      const achievement = await buildAchievement(t.dataSource, {
        person,
        status: AchievementStatus.PROPOSED,
      });
      const error = await firstError(
        secretary(),
        `mutation ($id: ID!) { markAdvancedModel(id: $id) { id } }`,
        { id: achievement.id },
      );
      expect(error.message).toBe(
        'Thành tích đang ở trạng thái "đề xuất": chỉ thành tích đã được xác nhận mới được công nhận là điển hình tiên tiến',
      );
    });
  });

  describe('conferences', () => {
    it('refuses an announcement at a conference that is not live', async () => {
      const conference = await buildConference(t.dataSource);
      const award = await buildAward(t.dataSource, { person });
      const error = await firstError(
        secretary(),
        `mutation ($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`,
        { c: conference.id, a: award.id },
      );
      expect(error).toMatchObject({
        message: `Chỉ thực hiện được khi hội nghị đang diễn ra; hội nghị "${conference.title}" đang ở trạng thái "đã lên lịch"`,
        extensions: { code: 'RULE_VIOLATION', messageKey: 'conference.notLive' },
      });
    });

    it('refuses a delegation that lists someone twice', async () => {
      const conference = await buildConference(t.dataSource);
      const error = await firstError(
        secretary(),
        `mutation ($c: ID!, $m: [ID!]!) { createDelegation(input: { conferenceId: $c, congress: "Đại hội", memberIds: $m }) { id } }`,
        { c: conference.id, m: [person.id, person.id] },
      );
      expect(error.message).toBe(`Cá nhân ${person.id} có tên hai lần trong danh sách`);
    });
  });

  describe('dashboard', () => {
    it('refuses years in the wrong order', async () => {
      const error = await firstError(
        secretary(),
        `{ dashboard(filter: { fromYear: 2025, toYear: 2020 }) { awards } }`,
      );
      expect(error.message).toBe(
        'Năm bắt đầu (filter.fromYear) không được sau năm kết thúc (filter.toYear)',
      );
    });
  });

  describe('accounts', () => {
    it('refuses a wrong password without saying which part was wrong', async () => {
      const error = await firstError(
        null,
        `mutation { login(username: "nobody-here", password: "wrong-password") { token } }`,
      );
      expect(error).toMatchObject({
        message: 'Sai tên đăng nhập hoặc mật khẩu',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });

    it('refuses a username that is taken', async () => {
      const error = await firstError(
        t.tokenFor({ role: Role.ADMIN }),
        `mutation { createAccount(input: { username: "admin", password: "long-enough-1", role: VIEWER }) { id } }`,
      );
      expect(error.message).toBe('Tên đăng nhập admin đã có người dùng');
    });
  });

  describe('ids, pages and limits', () => {
    it('refuses an id that is not one, quoting what was sent', async () => {
      const error = await firstError(secretary(), `{ node(id: "khong-phai-ma") { id } }`);
      expect(error).toMatchObject({
        message: 'id không phải là mã định danh hợp lệ: "khong-phai-ma"',
        extensions: {
          code: 'BAD_USER_INPUT',
          messageParams: { field: 'id', value: 'khong-phai-ma' },
        },
      });
    });

    it('refuses a page too large and a cursor of another list', async () => {
      expect((await firstError(secretary(), `{ units(first: 101) { totalCount } }`)).message).toBe(
        'Số mục mỗi trang (first) tối đa là 100',
      );
      expect(
        (await firstError(secretary(), `{ units(after: "bm90LWEtY3Vyc29y") { totalCount } }`))
          .message,
      ).toBe('Vị trí tiếp tục (after) không phải là con trỏ hợp lệ của danh sách này');
    });

    it('says how deep an operation is and how deep it may be', async () => {
      const deep = `{ units { edges { node { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } }`;
      const vi = await firstError(secretary(), deep);
      expect(vi).toMatchObject({
        message: 'Truy vấn lồng nhau 13 cấp, vượt giới hạn 12 cấp',
        extensions: {
          code: 'QUERY_TOO_COMPLEX',
          messageKey: 'limits.depth',
          messageParams: { limit: 12, found: 13 },
        },
      });
      expect((await firstError(secretary(), deep, {}, 'en')).message).toBe(
        'Query depth limit of 12 exceeded, found 13',
      );
    });

    it('gives the estimated cost with Vietnamese digit grouping', async () => {
      const costly = `{ units(first: 100) { edges { node { members(first: 100) { edges { node { achievements(first: 100) { totalCount } } } } } } } }`;
      const error = await firstError(secretary(), costly);
      expect(error.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        messageKey: 'limits.cost',
      });
      const cost = error.extensions.messageParams!.cost as number;
      expect(error.message).toBe(
        `Chi phí ước tính của truy vấn là ${cost.toLocaleString('vi-VN')}, vượt giới hạn 25.000; hãy yêu cầu các trang nhỏ hơn (giảm first)`,
      );
    });
  });

  describe('over WebSocket', () => {
    /** The errors a subscription gets on a socket that asked for `language`. */
    async function subscriptionErrors(
      language: string,
      query: string,
      variables: Record<string, unknown>,
    ): Promise<ClientError[]> {
      const ws = wsClient(t.wsUrl, t.tokenFor({ role: Role.VIEWER }), language);
      try {
        return await new Promise<ClientError[]>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no error arrived')), 10_000);
          ws.client.subscribe(
            { query, variables },
            {
              next: (result) => {
                if (result.errors?.length) {
                  clearTimeout(timer);
                  resolve(result.errors as unknown as ClientError[]);
                }
              },
              error: (errors) => {
                clearTimeout(timer);
                resolve(errors as ClientError[]);
              },
              complete: () => undefined,
            },
          );
        });
      } finally {
        await ws.close();
      }
    }

    it('refuses a cursor that is not an event cursor, in the socket’s language', async () => {
      const conference = await buildConference(t.dataSource, { status: ConferenceStatus.LIVE });
      const query = `subscription ($c: ID!, $after: String) { conferenceEvents(conferenceId: $c, after: $after) { cursor } }`;
      const variables = { c: conference.id, after: 'not-a-cursor' };
      const [vi] = await subscriptionErrors('vi', query, variables);
      expect(vi).toMatchObject({
        message: 'after không phải là con trỏ sự kiện hợp lệ',
        extensions: { code: 'BAD_USER_INPUT', messageKey: 'realtime.badCursor' },
      });
      const [en] = await subscriptionErrors('en', query, variables);
      expect(en.message).toBe('after is not an event cursor');
    });

    it('names a missing conference and the limits, in Vietnamese', async () => {
      const missing = '00000000-0000-4000-8000-0000000000bb';
      const [notFound] = await subscriptionErrors(
        'vi',
        `subscription ($c: ID!) { conferenceEvents(conferenceId: $c) { cursor } }`,
        { c: missing },
      );
      expect(notFound.message).toBe(`Hội nghị ${missing} không tồn tại`);
      const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: units { totalCount }`).join(' ');
      const [tooMany] = await subscriptionErrors('vi', `{ ${aliases} }`, {});
      expect(tooMany).toMatchObject({
        message: 'Truy vấn dùng 21 bí danh (alias), vượt giới hạn 20',
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      });
    });
  });

  describe('pages', () => {
    it('answers a bad conference address in the browser’s language', async () => {
      const base = t.url.replace(/\/graphql$/, '');
      const vi = await fetch(`${base}/screen/khong-phai-ma`);
      expect(vi.status).toBe(404);
      const viHtml = await vi.text();
      expect(viHtml).toContain('<html lang="vi">');
      expect(viHtml).toContain('<h1>Không tìm thấy hội nghị</h1>');
      const en = await fetch(`${base}/control/not-an-id`, {
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(en.status).toBe(404);
      const enHtml = await en.text();
      expect(enHtml).toContain('<html lang="en">');
      expect(enHtml).toContain('<title>Conference not found</title>');
      expect(enHtml).toContain('<a href="/">Back to the home page</a>');
    });
  });
});
