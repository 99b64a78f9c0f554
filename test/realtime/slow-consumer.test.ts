import type { Socket } from 'node:net';
import { Role } from '../../src/modules/accounts/account.entity';
import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import { RealtimeService } from '../../src/realtime/realtime.service';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAward,
  buildAwardType,
  buildConference,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { clientFor } from '../helpers/graphql';
import { disposeAllWs, rawSocket, subscribe, wsClient } from '../helpers/ws';

let app: TestApp;
let viewer: string;

beforeAll(async () => {
  app = await startTestApp();
  viewer = app.tokenFor({ role: Role.VIEWER });
  // Small bounds, so that a few events past a full socket overflow it, and
  // a socket that takes nothing for half a second is cut off.
  const realtime = app.app.server.services.get(RealtimeService);
  realtime.queueLimits = { maxQueued: 5, graceMs: 0, hardCap: 80 };
  realtime.stallGraceMs = 500;
});

afterAll(async () => {
  await disposeAllWs();
  await app?.stop();
});

describe('a subscriber that stops reading', () => {
  it('is cut off with 1013 while another keeps receiving, and resumes from its cursor', async () => {
    const hub = app.app.server.services.get(RealtimeService).hub;
    const host = await buildUnit(app.dataSource);
    const person = await buildPerson(app.dataSource, { unit: host });
    const type = await buildAwardType(app.dataSource);
    const conference = await buildConference(app.dataSource, {
      host,
      status: ConferenceStatus.LIVE,
    });
    // Long citations: each event carries every award announced so far, so a
    // socket that is not read fills its TCP buffers after a few events.
    const awards = [];
    for (let i = 0; i < 40; i++) {
      awards.push(await buildAward(app.dataSource, { type, person, citation: 'x'.repeat(16_000) }));
    }

    const fast = subscribe(
      wsClient(app.wsUrl, viewer),
      `subscription($id: ID!) { conferenceEvents(conferenceId: $id) { cursor ... on AwardAnnounced { award { id } } } }`,
      { id: conference.id },
      'conferenceEvents',
    );
    const slow = await rawSocket(app.wsUrl, { authorization: viewer });
    await slow.next((m) => m.type === 'connection_ack');
    slow.send({
      id: 'slow',
      type: 'subscribe',
      payload: {
        query: `subscription($id: ID!) { conferenceEvents(conferenceId: $id) {
          cursor conference { announcedAwards { id citation } } } }`,
        variables: { id: conference.id },
      },
    });
    while (hub.size < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    // Stop reading: the kernel buffers fill, then the server's sends stall.
    const tcp = (slow.socket as unknown as { _socket: Socket })._socket;
    tcp.pause();

    const secretary = clientFor(app.url, app.tokenFor({ role: Role.SECRETARY }));
    for (const award of awards) {
      await secretary.data(
        `mutation($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`,
        { c: conference.id, a: award.id },
      );
    }
    // The reader kept receiving everything, in order.
    const got = await fast.waitFor(awards.length);
    expect(got.map((e) => e.award.id)).toEqual(awards.map((a) => a.id));
    // The stalled subscription let go of the hub (its memory bounded)...
    expect(hub.size).toBe(1);
    // ...its socket, which took nothing for the grace period, was closed...
    const sockets = app.app.server.websocket.server.clients;
    while ([...sockets].every((socket) => socket.readyState === socket.OPEN)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // ...and once it reads again it finds the close frame after what it was sent.
    tcp.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(1013);
    const received = slow.messages.filter((m) => m.type === 'next');
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(awards.length);

    // It resumes from its last cursor and ends with exactly the full sequence.
    const last = received.at(-1).payload.data.conferenceEvents.cursor;
    const resumed = subscribe(
      wsClient(app.wsUrl, viewer),
      `subscription($id: ID!, $after: String) { conferenceEvents(conferenceId: $id, after: $after) {
        cursor ... on AwardAnnounced { award { id } } } }`,
      { id: conference.id, after: last },
      'conferenceEvents',
    );
    const rest = await resumed.waitFor(awards.length - received.length);
    expect([
      ...received.map((m) => m.payload.data.conferenceEvents.cursor),
      ...rest.map((e) => e.cursor),
    ]).toEqual(got.map((e) => e.cursor));
  });
});
