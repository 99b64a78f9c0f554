/**
 * `npm run watch:conference [-- <conferenceId>]`: a conference screen in the
 * terminal. Signs in as the demo VIEWER, prints what already happened, then
 * subscribes to `conferenceEvents` over graphql-ws and prints each event as it
 * arrives. When the connection drops (server restart 1001, too slow 1013,
 * network) it reconnects with backoff and resumes from the last cursor it
 * printed, so nothing is missed or printed twice. Exits when the conference
 * ends, or on Ctrl-C. Without an id it watches the LIVE conference, else the
 * newest one.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { clock, GRAPHQL_URL, login, request, run, type Edges } from './conference-client';

const EVENT = `
  __typename cursor occurredAt
  ... on AwardAnnounced { award {
    type { name }
    recipient { __typename ... on Person { fullName position unit { name } } ... on Unit { name } }
  } }
  ... on CampaignLaunched { campaign { name theme } }
  ... on CampaignRegistered { registrationCount registration { unit { name } pledge } }
  ... on DelegationApproved { delegation { congress members { fullName } } }`;

/** An event as EVENT selects it. */
interface EventView {
  __typename: string;
  cursor: string;
  occurredAt: string;
  award?: {
    type: { name: string };
    recipient:
      | { __typename: 'Person'; fullName: string; position: string | null; unit: { name: string } }
      | { __typename: 'Unit'; name: string };
  };
  campaign?: { name: string; theme: string | null };
  registrationCount?: number;
  registration?: { unit: { name: string }; pledge: string | null };
  delegation?: { congress: string; members: { fullName: string }[] };
}

interface ConferenceView {
  id: string;
  title: string;
  status: string;
}

/** Why a subscription stopped. */
type Outcome = { ended: true } | { ended: false; fatal: boolean; code?: number; message: string };

const say = (line: string) => process.stdout.write(`${line}\n`);

/** One event as a line of text. */
function show(event: EventView): string {
  const at = clock(event.occurredAt);
  switch (event.__typename) {
    case 'ConferenceStarted':
      return `${at}  ▶ Khai mạc hội nghị (started)`;
    case 'AwardAnnounced': {
      const { type, recipient } = event.award!;
      const who =
        recipient.__typename === 'Person'
          ? `${recipient.fullName}${recipient.position ? `, ${recipient.position}` : ''} — ${recipient.unit.name}`
          : `Tập thể ${recipient.name}`;
      return `${at}  ★ ${type.name}: ${who}`;
    }
    case 'CampaignLaunched': {
      const { name, theme } = event.campaign!;
      return `${at}  ⚑ Phát động ${name}${theme ? `\n            "${theme}"` : ''}`;
    }
    case 'CampaignRegistered': {
      const { unit, pledge } = event.registration!;
      const count = event.registrationCount;
      return `${at}  ✎ ${unit.name} đăng ký thi đua (${count} đơn vị)${pledge ? `: ${pledge}` : ''}`;
    }
    case 'DelegationApproved': {
      const { congress, members } = event.delegation!;
      const names = members.map((m) => m.fullName).join(', ');
      return `${at}  ✔ Thông qua đoàn đại biểu dự ${congress}: ${names}`;
    }
    case 'ConferenceEnded':
      return `${at}  ■ Bế mạc hội nghị (ended)`;
    default:
      return `${at}  ${event.__typename}`;
  }
}

async function pickConference(token: string): Promise<ConferenceView> {
  const fields = `id title status`;
  const id = process.argv[2];
  if (id) {
    const { conference } = await request<{ conference: ConferenceView | null }>(
      `query($id: ID!) { conference(id: $id) { ${fields} } }`,
      { id },
      token,
    );
    if (!conference) throw new Error(`No conference ${id}`);
    return conference;
  }
  for (const status of ['LIVE', null]) {
    const { conferences } = await request<{ conferences: Edges<ConferenceView> }>(
      `query($status: ConferenceStatus) { conferences(status: $status, first: 1) { edges { node { ${fields} } } } }`,
      { status },
      token,
    );
    if (conferences.edges[0]) return conferences.edges[0].node;
  }
  throw new Error('There is no conference yet');
}

/** Resolves after `ms`, or at once on Ctrl-C. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      process.off('SIGINT', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    process.once('SIGINT', done);
  });
}

async function main(): Promise<void> {
  let token = await login('viewer');
  const conference = await pickConference(token);
  say(`${conference.title} — ${conference.status} (${conference.id})`);
  say('─'.repeat(72));

  // What already happened, page by page.
  let after: string | null = null;
  for (;;) {
    const data: { conference: { events: EventView[] } } = await request(
      `query($id: ID!, $after: String) { conference(id: $id) { events(after: $after, first: 100) { ${EVENT} } } }`,
      { id: conference.id, after },
      token,
    );
    for (const event of data.conference.events) {
      say(show(event));
      after = event.cursor;
      if (event.__typename === 'ConferenceEnded') return;
    }
    if (data.conference.events.length < 100) break;
  }

  const wsUrl = GRAPHQL_URL.replace(/^http/, 'ws');
  let client: Client | undefined;
  let stopping = false;
  const stop = () => {
    stopping = true;
    void client?.dispose();
  };
  process.on('SIGINT', stop);

  // Live; after a drop, reconnect with backoff from the last cursor printed.
  let relogged = false;
  for (let attempt = 0; !stopping; attempt++) {
    const outcome = await new Promise<Outcome>((resolve) => {
      client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: true,
        keepAlive: 10_000,
        on: {
          connected: () => {
            if (attempt > 0 || relogged) say('… reconnected; resuming after the last event seen');
            attempt = 0;
            relogged = false;
          },
        },
      });
      client.subscribe<{ conferenceEvents: EventView }>(
        {
          query: `subscription($id: ID!, $after: String) { conferenceEvents(conferenceId: $id, after: $after) { ${EVENT} } }`,
          variables: { id: conference.id, after },
        },
        {
          next: (result) => {
            if (result.errors || !result.data) {
              const message = (result.errors ?? []).map((e) => e.message).join('; ');
              resolve({ ended: false, fatal: true, message });
              return;
            }
            say(show(result.data.conferenceEvents));
            after = result.data.conferenceEvents.cursor;
          },
          error: (error: unknown) => {
            // GraphQL errors are final; a closed or failed socket is retried.
            if (Array.isArray(error)) {
              const message = error.map((e: Error) => e.message).join('; ');
              resolve({ ended: false, fatal: true, message });
              return;
            }
            const closed = error as { code?: unknown; reason?: string; message?: string };
            resolve({
              ended: false,
              fatal: false,
              code: typeof closed?.code === 'number' ? closed.code : undefined,
              message: closed?.reason || closed?.message || 'connection lost',
            });
          },
          complete: () => resolve({ ended: true }),
        },
      );
    });
    await client?.dispose();
    if (outcome.ended || stopping) break;
    if (outcome.fatal) throw new Error(outcome.message);
    // 4403: the token expired, or the server restarted with another secret:
    // sign in again and retry at once.
    if (outcome.code === 4403 && !relogged) {
      const fresh = await login('viewer').catch(() => null);
      if (fresh) {
        token = fresh;
        relogged = true;
        attempt = -1;
        continue;
      }
    }
    const delay = Math.min(10_000, 500 * 2 ** attempt);
    say(
      `… connection lost (${outcome.code ?? outcome.message}); reconnecting in ${(delay / 1000).toFixed(1)} s from the last event seen`,
    );
    await pause(delay);
  }
  process.off('SIGINT', stop);
}

run(main);
