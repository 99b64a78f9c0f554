import { languageFrom, msg, render } from '../../src/i18n/i18n';
import { messages } from '../../src/i18n/messages';
import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { disposeAllWs, wsClient } from '../helpers/ws';

const MISSING = '00000000-0000-4000-8000-000000000000';
const START = `mutation ($id: ID!) { startConference(id: $id) { id } }`;

describe('the message catalogue', () => {
  it.each(Object.entries(messages))(
    '%s has both languages with the same placeholders',
    (_key, t) => {
      const names = (text: string) =>
        [...text.matchAll(/\{(\w+)(?:, \w+)?\}/g)].map((m) => m[1]).sort();
      expect(t.vi.trim()).not.toBe('');
      expect(t.en.trim()).not.toBe('');
      expect(names(t.vi)).toEqual(names(t.en));
    },
  );
});

describe('languageFrom', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['*', 'vi'],
    ['fr-FR,fr;q=0.9', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['en;q=0.5,vi;q=0.8', 'vi'],
    ['vi;q=0,en', 'en'],
    ['fr,en;q=0.3', 'en'],
  ])('reads %p as %s', (header, language) => {
    expect(languageFrom(header)).toBe(language);
  });
});

describe('render', () => {
  it('names entities and states through the labels', () => {
    const message = msg('lifecycle.illegalTransition', {
      what: 'Award',
      from: 'NOMINATED',
      to: 'ANNOUNCED',
    });
    expect(render(message, 'en')).toBe('Award cannot go from NOMINATED to ANNOUNCED');
    expect(render(message, 'vi')).toBe(
      'Khen thưởng không thể chuyển từ trạng thái "đã đề nghị" sang "đã công bố"',
    );
  });

  it('leaves an unknown code as it is', () => {
    expect(render(msg('entity.notFound', { what: 'Gadget', id: 'x' }), 'vi')).toBe(
      'Gadget x không tồn tại',
    );
  });
});

describe('messages over the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await disposeAllWs();
    await t.stop();
  });

  async function post(headers: Record<string, string>) {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.tokenFor({ role: Role.SECRETARY })}`,
        ...headers,
      },
      body: JSON.stringify({ query: START, variables: { id: MISSING } }),
    });
    return (await res.json()) as { errors: { message: string; extensions: any }[] };
  }

  it('answers in Vietnamese by default and carries the key and parameters', async () => {
    const { errors } = await post({});
    expect(errors[0]).toMatchObject({
      message: `Hội nghị ${MISSING} không tồn tại`,
      extensions: {
        code: 'NOT_FOUND',
        messageKey: 'entity.notFound',
        messageParams: { what: 'Conference', id: MISSING },
      },
    });
  });

  it('answers in English when Accept-Language asks for it', async () => {
    const { errors } = await post({ 'accept-language': 'en-US,en;q=0.9' });
    expect(errors[0].message).toBe(`Conference ${MISSING} does not exist`);
    expect(errors[0].extensions.messageKey).toBe('entity.notFound');
  });

  async function vietnameseErrors(body: Record<string, unknown>) {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.tokenFor({ role: Role.SECRETARY })}`,
      },
      body: JSON.stringify(body),
    });
    const { errors } = (await res.json()) as { errors: { message: string }[] };
    return errors.map((e) => e.message);
  }

  it.each([
    [{ query: '{ nothingHere }' }, 'Kiểu "Query" không có trường "nothingHere".'],
    [{ query: '{ units { ' }, 'Lỗi cú pháp GraphQL: cần Name, gặp cuối truy vấn.'],
    [{ query: '{ units }' }, /^Trường "units" \(kiểu "UnitConnection!"\) cần chọn các trường con/],
    [{ query: START }, 'Chưa cung cấp biến bắt buộc "$id" (kiểu "ID!").'],
    [{ query: '{ unit(idd: "x") { id } }' }, /^Trường "Query\.unit" không có tham số "idd"\./],
    [
      { query: 'query ($n: Int) { units(first: $n) { totalCount } }', variables: { n: 'many' } },
      'Biến "$n" có giá trị không hợp lệ "many": cần một số nguyên, nhận được "many".',
    ],
    [
      { query: 'query ($x: Int) { units { totalCount } }' },
      'Biến "$x" được khai báo nhưng không được dùng.',
    ],
  ])("gives graphql-js's own errors in Vietnamese: %j", async (body, expected) => {
    const [message] = await vietnameseErrors(body);
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('introduces a graphql-js error it has no translation for in Vietnamese', async () => {
    const [message] = await vietnameseErrors({ query: '{ units { totalCount } } { me { id } }' });
    expect(message).toMatch(/^(Truy vấn GraphQL không hợp lệ: |Thao tác không tên)/);
  });

  it('answers over WebSocket in the language of the connection parameters', async () => {
    const token = t.tokenFor({ role: Role.SECRETARY });
    const ask = async (language: string) => {
      const ws = wsClient(t.wsUrl, token, language);
      const result = await new Promise<{ errors?: { message: string }[] }>((resolve, reject) => {
        let last: { errors?: { message: string }[] } = {};
        ws.client.subscribe(
          { query: START, variables: { id: MISSING } },
          {
            next: (value) => (last = value as never),
            error: reject,
            complete: () => resolve(last),
          },
        );
      });
      await ws.close();
      return result.errors?.[0]?.message;
    };
    expect(await ask('vi')).toBe(`Hội nghị ${MISSING} không tồn tại`);
    expect(await ask('en')).toBe(`Conference ${MISSING} does not exist`);
  });
});
