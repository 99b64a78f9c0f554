import type { AddressInfo } from 'node:net';
import { parseMessage } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { frameSocketOf, nextFrames, supportsDirectFrames } from '../../src/realtime/frames';
import { toPayloadBytes } from '../../src/realtime/shared-execution';

/**
 * The `next` frames written past ws's sender (src/realtime/frames.ts): valid
 * frames at every header size, and — over real sockets with ws on both ends —
 * never inside one of ws's own frames, in order with ws's sends, counted in
 * bufferedAmount, and not written when ws would not write at once.
 */

/** ws's frame parser (exported by ws, not by its type definitions). */
const { Receiver } = WebSocket as unknown as {
  Receiver: new (options: { isServer: boolean }) => import('node:stream').Writable;
};

/** The messages ws's own receiver (as a client) reads from `bytes`. */
function receive(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    const messages: string[] = [];
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(false);
      messages.push(data.toString('utf8'));
    });
    receiver.on('error', reject);
    receiver.write(bytes, () => resolve(messages));
  });
}

describe('next frames', () => {
  it.each([10, 80, 125, 126, 1_000, 65_535, 65_536, 200_000])(
    'are one final text frame that ws reads as the graphql-ws message (payload of %i characters)',
    async (size) => {
      const result = { data: { awardAnnounced: { note: 'Nguyễn Thị Ánh "}"'.padEnd(size, 'x') } } };
      const payload = toPayloadBytes(result);
      const frames = nextFrames('sub "1"');
      const frame = frames.frame(payload);
      const message = frames.message(payload);
      expect(frame.subarray(frame.length - message.length)).toEqual(message);
      const messages = await receive(frame);
      expect(messages).toHaveLength(1);
      expect(parseMessage(messages[0]!)).toEqual({ id: 'sub "1"', type: 'next', payload: result });
      // Two frames back to back are two messages.
      expect(await receive(Buffer.concat([frame, frame]))).toHaveLength(2);
    },
  );

  it.each([
    [125, 2],
    [126, 4],
    [65_535, 4],
    [65_536, 10],
  ])(
    'a message of exactly %i bytes gets a %i-byte header that ws reads',
    async (length, header) => {
      const frames = nextFrames('1');
      const resultOf = (note: string) => ({ data: { awardAnnounced: { note } } });
      const base = frames.message(toPayloadBytes(resultOf(''))).length;
      const result = resultOf('x'.repeat(length - base));
      const payload = toPayloadBytes(result);
      expect(frames.message(payload).length).toBe(length);
      const frame = frames.frame(payload);
      expect(frame.length - length).toBe(header);
      const messages = await receive(frame);
      expect(messages).toHaveLength(1);
      expect(parseMessage(messages[0]!)).toEqual({ id: '1', type: 'next', payload: result });
    },
  );
});

describe('frames written past ws', () => {
  let server: WebSocketServer;
  let url: string;

  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const socket of server.clients) socket.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A client connected to the test server, and the server's side of it. */
  async function connect(options?: WebSocket.ClientOptions) {
    const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const client = new WebSocket(url, options);
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    return { client, peer: await accepted };
  }

  it('uses the socket under ws (the ws of package-lock.json has the internals it relies on)', async () => {
    const { client, peer } = await connect();
    expect(supportsDirectFrames(peer)).toBe(true);
    expect(frameSocketOf(peer)).not.toBeNull();
    peer.close();
    // Closing: ws has sent (or will send) its close frame, nothing more may follow.
    expect(frameSocketOf(peer)).toBeNull();
    client.terminate();
  });

  it('never lands inside ws’s own frames and keeps its place among ws’s sends', async () => {
    const { client, peer } = await connect();
    const received: string[] = [];
    let pings = 0;
    client.on('message', (data) => received.push(data.toString()));
    client.on('ping', () => pings++);
    const frames = nextFrames('1');
    const expected: string[] = [];
    const flushed: Promise<void>[] = [];
    for (let i = 0; i < 2_000; i++) {
      const payload = toPayloadBytes({ data: { n: i, fill: 'y'.repeat(i % 300) } });
      const raw = frameSocketOf(peer);
      expect(raw).not.toBeNull();
      flushed.push(
        new Promise<void>((resolve, reject) =>
          raw!.write(frames.frame(payload), (error) => (error ? reject(error) : resolve())),
        ),
      );
      expected.push(frames.message(payload).toString());
      if (i % 7 === 0) peer.ping(Buffer.from(`ping ${i}`));
      if (i % 5 === 0) {
        peer.send(`ws ${i}`);
        expected.push(`ws ${i}`);
      }
    }
    await Promise.all(flushed);
    await until(() => received.length === expected.length);
    expect(received).toEqual(expected);
    expect(pings).toBe(Math.ceil(2_000 / 7));
    client.terminate();
  });

  it('counts in bufferedAmount while a reader is not reading, and flushes once it reads', async () => {
    const { client, peer } = await connect();
    let count = 0;
    client.on('message', () => count++);
    // The client stops reading its TCP socket.
    (client as unknown as { _socket: import('node:net').Socket })._socket.pause();
    const frames = nextFrames('1');
    const payload = toPayloadBytes({ data: { fill: 'z'.repeat(4_000) } });
    let flushes = 0;
    let written = 0;
    while (peer.bufferedAmount === 0 || written < 10) {
      frameSocketOf(peer)!.write(frames.frame(payload), () => flushes++);
      written++;
      expect(written).toBeLessThan(100_000);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(peer.bufferedAmount).toBeGreaterThan(0);
    expect(flushes).toBeLessThan(written);
    (client as unknown as { _socket: import('node:net').Socket })._socket.resume();
    await until(() => count === written && flushes === written);
    expect(peer.bufferedAmount).toBe(0);
    client.terminate();
  });

  it('leaves the frame to ws when ws would not write it at once (permessage-deflate)', async () => {
    const deflating = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: true });
    await new Promise<void>((resolve) => deflating.once('listening', resolve));
    const accepted = new Promise<WebSocket>((resolve) => deflating.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(deflating.address() as AddressInfo).port}`, {
      perMessageDeflate: true,
    });
    await new Promise((resolve) => client.once('open', resolve));
    const peer = await accepted;
    expect(peer.extensions).toContain('permessage-deflate');
    expect(frameSocketOf(peer)).toBeNull();
    client.terminate();
    peer.terminate();
    await new Promise((resolve) => deflating.close(resolve));
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
