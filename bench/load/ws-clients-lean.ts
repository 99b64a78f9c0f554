/**
 * A lean graphql-ws subscriber for the fan-out benchmark: the same protocol
 * on the wire as the `graphql-ws` client over `ws` (an RFC 6455 handshake
 * asking for the `graphql-transport-ws` subprotocol, masked client frames,
 * connection_init with the token, one `subscribe`, answers to pings), but
 * read with a few lines of code per frame instead of ws's Receiver stream,
 * its events and graphql-ws's message validation: the subscribers stand for
 * conference screens on other machines, and on this one their own CPU takes
 * the server's cores.
 *
 * Every frame is still checked: the server's frames are unmasked, final
 * text frames of valid UTF-8 (fragments are joined); every text message is
 * parsed as JSON and must be a graphql-ws message for this subscription —
 * `next` with id "1" and a result without errors, `complete`, `ping`, `pong`
 * or `error` — or the socket counts as failed (`firstError`). What the
 * caller checks of each `next` (its key, order, duplicates, losses) is as for
 * the graphql-ws client.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import net from 'node:net';

/** What a lean subscriber reports to its owner. */
export interface LeanHandlers {
  /** The server acknowledged the connection and the subscription was sent. */
  connected(): void;
  /** A `next` message's result (`payload`), when it came. */
  next(result: { data?: unknown; errors?: unknown[] }): void;
  /** The server completed the subscription. */
  complete(): void;
  /** A protocol or subscription error: the first one is reported. */
  error(message: string): void;
  /** The socket closed (by either side). */
  closed(code: number | undefined, reason: string): void;
}

export interface LeanOptions {
  url: string;
  connectionParams: Record<string, unknown>;
  query: string;
  variables: Record<string, unknown>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const SUBSCRIPTION_ID = '1';
const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** One read buffer for every socket of the process (reads are handled synchronously, one at a time). */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

/** A client frame: FIN, the opcode, the mask bit and a random mask over the payload (RFC 6455 5.3). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const extra = length > 65535 ? 8 : length > 125 ? 2 : 0;
  const frame = Buffer.allocUnsafe(2 + extra + 4 + length);
  frame[0] = 0x80 | opcode;
  if (extra === 0) frame[1] = 0x80 | length;
  else if (extra === 2) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  const at = 2 + extra;
  mask.copy(frame, at);
  for (let i = 0; i < length; i++) frame[at + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}

/**
 * Opens one subscriber. Returns a function that closes it (a close frame
 * with 1000, then the socket ends).
 */
export function openLean(options: LeanOptions, handlers: LeanHandlers): () => void {
  const url = new URL(options.url);
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
  let upgraded = false;
  let head = '';
  /** Bytes of an incomplete frame, kept from one read to the next. */
  let pending: Buffer | null = null;
  /** The parts of a fragmented text message so far. */
  let fragments: Buffer[] | null = null;
  let closed = false;
  let closeCode: number | undefined;
  let closeReason = '';
  let failed = false;

  const fail = (message: string) => {
    if (!failed) {
      failed = true;
      handlers.error(message);
    }
    socket.destroy();
  };
  const send = (opcode: number, payload: Buffer) => {
    if (!socket.destroyed && socket.writable) socket.write(clientFrame(opcode, payload));
  };
  const sendJson = (message: unknown) =>
    send(OPCODE.text, Buffer.from(JSON.stringify(message), 'utf8'));

  const onMessage = (bytes: Buffer) => {
    if (!isUtf8(bytes)) return fail('a text frame that is not UTF-8');
    let message: { id?: unknown; type?: unknown; payload?: any };
    try {
      message = JSON.parse(bytes.toString('utf8'));
    } catch {
      return fail('a message that is not JSON');
    }
    switch (message.type) {
      case 'next':
        if (message.id !== SUBSCRIPTION_ID) return fail(`next for id ${String(message.id)}`);
        if (typeof message.payload !== 'object' || message.payload === null)
          return fail('next without a result');
        return handlers.next(message.payload);
      case 'connection_ack':
        sendJson({
          id: SUBSCRIPTION_ID,
          type: 'subscribe',
          payload: { query: options.query, variables: options.variables },
        });
        return handlers.connected();
      case 'complete':
        if (message.id !== SUBSCRIPTION_ID) return fail(`complete for id ${String(message.id)}`);
        return handlers.complete();
      case 'error':
        return handlers.error(
          `subscription error: ${JSON.stringify(message.payload).slice(0, 300)}`,
        );
      case 'ping':
        return sendJson({ type: 'pong' });
      case 'pong':
        return;
      default:
        return fail(`unexpected message ${String(message.type)}`);
    }
  };

  /** Handles the frames in `data` (the read buffer's bytes or kept ones); keeps an incomplete tail. */
  const onFrames = (data: Buffer) => {
    let at = 0;
    while (!closed && !failed && data.length - at >= 2) {
      const first = data[at]!;
      const second = data[at + 1]!;
      if (second & 0x80) return fail('a masked frame from the server');
      if (first & 0x70) return fail('a frame with reserved bits set');
      let length = second & 0x7f;
      let start = at + 2;
      if (length === 126) {
        if (data.length - at < 4) break;
        length = data.readUInt16BE(at + 2);
        start = at + 4;
      } else if (length === 127) {
        if (data.length - at < 10) break;
        length = Number(data.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      if (data.length - start < length) break;
      const payload = data.subarray(start, start + length);
      at = start + length;
      const opcode = first & 0x0f;
      const fin = (first & 0x80) !== 0;
      if (opcode === OPCODE.text || opcode === OPCODE.continuation) {
        if (opcode === OPCODE.text && fragments) return fail('a text frame inside a message');
        if (opcode === OPCODE.continuation && !fragments) return fail('a stray continuation');
        if (fin && !fragments) onMessage(payload);
        else {
          // The read buffer is reused: keep a copy.
          (fragments ??= []).push(Buffer.from(payload));
          if (fin) {
            const whole = Buffer.concat(fragments);
            fragments = null;
            onMessage(whole);
          }
        }
      } else if (opcode === OPCODE.ping) {
        send(OPCODE.pong, Buffer.from(payload));
      } else if (opcode === OPCODE.close) {
        closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : undefined;
        closeReason = payload.subarray(2).toString('utf8');
        send(OPCODE.close, payload.length >= 2 ? Buffer.from(payload.subarray(0, 2)) : payload);
        closed = true;
        socket.end();
      } else if (opcode !== OPCODE.pong) {
        return fail(`unexpected opcode ${opcode}`);
      }
    }
    // The read buffer is reused: keep a copy of an incomplete frame.
    pending = at < data.length && !closed ? Buffer.from(data.subarray(at)) : null;
  };

  const onRead = (length: number, buffer: Buffer): boolean => {
    let data = buffer.subarray(0, length);
    if (!upgraded) {
      head += data.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return true;
      const lines = head.slice(0, end).split('\r\n');
      const headers = new Map(
        lines.slice(1).map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      if (!/^HTTP\/1\.1 101 /.test(lines[0] ?? '')) {
        fail(`upgrade refused: ${lines[0]}`);
        return false;
      }
      if (headers.get('sec-websocket-accept') !== accept) {
        fail('wrong Sec-WebSocket-Accept');
        return false;
      }
      if (headers.get('sec-websocket-protocol') !== 'graphql-transport-ws') {
        fail('the server did not choose graphql-transport-ws');
        return false;
      }
      upgraded = true;
      data = Buffer.from(head.slice(end + 4), 'latin1');
      head = '';
      sendJson({ type: 'connection_init', payload: options.connectionParams });
      if (!data.length) return true;
    }
    if (pending) {
      data = Buffer.concat([pending, data]);
      pending = null;
    }
    onFrames(data);
    return true;
  };

  const socket = net.connect({
    host: url.hostname,
    port: Number(url.port || 80),
    // Reads go straight to onRead from one shared buffer, without a
    // Readable stream or a Buffer per read.
    onread: { buffer: readBuffer, callback: onRead },
  });
  socket.setNoDelay(true);
  socket.on('connect', () => {
    socket.write(
      `GET ${url.pathname}${url.search} HTTP/1.1\r\n` +
        `Host: ${url.host}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
        'Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
  });
  socket.on('error', (error) => {
    if (!failed) {
      failed = true;
      handlers.error(`socket: ${error.message}`);
    }
  });
  socket.on('close', () => handlers.closed(closeCode, closeReason));

  return () => {
    if (socket.destroyed) return;
    if (upgraded && !closed) {
      const body = Buffer.allocUnsafe(2);
      body.writeUInt16BE(1000, 0);
      send(OPCODE.close, body);
      closed = true;
    }
    socket.end();
    setTimeout(() => socket.destroy(), 2000).unref();
  };
}
