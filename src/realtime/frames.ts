import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { PayloadBytes } from './shared-execution';

/**
 * The `next` messages of one subscription as whole WebSocket frames: ready
 * to be written to the socket with one write, past ws's sender (see
 * frameSocketOf for when that is allowed).
 */
export interface NextFrames {
  /** The `next` message with this payload as a final, unmasked text frame (RFC 6455 5.2). */
  frame(payload: PayloadBytes): Buffer;
  /** The same message without the frame header, for ws.send (the fallback). */
  message(payload: PayloadBytes): Buffer;
}

const CLOSE_BRACE = 0x7d;
/** FIN and the text opcode. */
const FIN_TEXT = 0x81;

/**
 * The frames of subscription `id`'s `next` messages: the envelope is
 * JSON.stringify's own, encoded once per subscription; a message is that
 * head, the event's payload bytes as they are and a closing brace, so one
 * serialization and encoding of an event serves every subscriber with the
 * same operation, and each subscriber's frame is one allocation and two
 * copies.
 */
export function nextFrames(id: string): NextFrames {
  const envelope = JSON.stringify({ id, type: 'next' });
  // `{"id":…,"type":"next"}` without its closing brace, then the payload member.
  const head = Buffer.from(`${envelope.slice(0, -1)},"payload":`);
  const build = (payload: PayloadBytes, headerLength: number): Buffer => {
    const length = head.length + payload.length + 1;
    const header = headerLength < 0 ? frameHeaderLength(length) : headerLength;
    const bytes = Buffer.allocUnsafe(header + length);
    if (header) writeFrameHeader(bytes, length, header);
    bytes.set(head, header);
    bytes.set(payload, header + head.length);
    bytes[header + length - 1] = CLOSE_BRACE;
    return bytes;
  };
  return {
    frame: (payload) => build(payload, -1),
    message: (payload) => build(payload, 0),
  };
}

/** The header length of an unmasked frame of `length` payload bytes: 2, 4 or 10. */
function frameHeaderLength(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

function writeFrameHeader(bytes: Buffer, length: number, header: number): void {
  bytes[0] = FIN_TEXT;
  if (header === 2) {
    bytes[1] = length;
  } else if (header === 4) {
    bytes[1] = 126;
    bytes.writeUInt16BE(length, 2);
  } else {
    bytes[1] = 127;
    bytes.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    bytes.writeUInt32BE(length >>> 0, 6);
  }
}

/**
 * What of ws's WebSocket (ws 8) this relies on: its TCP socket, its
 * negotiated extensions and its sender's state and queue. Not public API;
 * checked by `supportsDirectFrames` and pinned by a test.
 */
interface WsInternals {
  _socket?: Socket | null;
  _extensions?: Record<string, unknown>;
  _sender?: { _state?: unknown; _queue?: unknown[]; _firstFragment?: unknown } | null;
}

/** ws's Sender state in which it writes each frame at once (neither deflating nor reading a Blob). */
const SENDER_IDLE = 0;

/** Whether ws's internals are as frameSocketOf expects (they are for the ws of package-lock.json). */
export function supportsDirectFrames(socket: WebSocket): boolean {
  const ws = socket as unknown as WsInternals;
  return (
    !!ws._socket &&
    typeof ws._socket.write === 'function' &&
    typeof ws._extensions === 'object' &&
    !!ws._sender &&
    ws._sender._state === SENDER_IDLE &&
    Array.isArray(ws._sender._queue)
  );
}

/**
 * The TCP socket under an open `ws` WebSocket when a whole frame may be
 * written to it directly, else null (use ws.send). That is when ws itself
 * would write it at once: the WebSocket is open (no close frame sent), no
 * extension is negotiated (no permessage-deflate: the frame is not
 * compressed) and ws's sender is idle with nothing queued and not in the
 * middle of a fragmented message. ws writes each of
 * its own frames (ping, pong, close, sends) synchronously and in one go in
 * that state, and the socket's writable stream keeps writes in order, so a
 * frame written here never lands inside one of ws's and keeps its place in
 * the order of sends; its bytes count in ws's bufferedAmount (the socket's
 * writable length) as ws's own do.
 */
export function frameSocketOf(socket: WebSocket): Socket | null {
  if (socket.readyState !== socket.OPEN) return null;
  const ws = socket as unknown as WsInternals;
  const raw = ws._socket;
  const sender = ws._sender;
  if (!raw || !sender || sender._state !== SENDER_IDLE || sender._queue?.length) return null;
  // In the middle of a message sent in fragments (ws.send with fin: false; graphql-ws never does).
  if (sender._firstFragment === false) return null;
  if (!ws._extensions || hasKeys(ws._extensions)) return null;
  return raw.writable ? raw : null;
}

function hasKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}
