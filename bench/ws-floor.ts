/**
 * The floor of a WebSocket fan-out on this machine: a bare `ws` server sends
 * one 400-byte text frame to each of N sockets held by a child process, and
 * reports the server's CPU per send — with `ws.send`, and as one pre-built
 * frame written to each TCP socket (what src/realtime/frames.ts does). The
 * subscription machinery's own cost is what the fan-out benchmark measures
 * above this.
 *
 *   node dist/bench/ws-floor.js [sockets=5000]
 */
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

if (process.argv[2] === 'client') {
  const [, , , url, count] = process.argv;
  let open = 0;
  for (let i = 0; i < Number(count); i++) {
    const socket = new WebSocket(url!);
    socket.on('open', () => {
      if (++open === Number(count)) process.send?.('open');
    });
    socket.on('message', () => undefined);
  }
  process.on('disconnect', () => process.exit(0));
} else {
  const sockets = Number(process.argv[2] ?? 5000);
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' }, () => {
    const { port } = server.address() as AddressInfo;
    const child = fork(__filename, ['client', `ws://127.0.0.1:${port}`, String(sockets)]);
    child.on('message', async () => {
      const payload = JSON.stringify({
        id: '0b6f6c1e-2f0d-4b7e-9d7e-2b1d6f1b9a11',
        type: 'next',
        payload: { data: { text: 'x'.repeat(330) } },
      });
      const clients = [...server.clients];
      const frame = Buffer.concat([Buffer.from([0x81, 126, 0, 0]), Buffer.from(payload)]);
      frame.writeUInt16BE(frame.length - 4, 2);
      const ways = {
        'ws.send': (socket: WebSocket, done: () => void) => socket.send(payload, done),
        'one socket write': (socket: WebSocket, done: () => void) =>
          (socket as unknown as { _socket: import('node:net').Socket })._socket.write(frame, done),
      };
      for (const round of [1, 2]) {
        for (const [way, send] of Object.entries(ways)) {
          const cpu = process.cpuUsage();
          for (let i = 0; i < 10; i++) {
            await Promise.all(
              clients.map((socket) => new Promise<void>((resolve) => send(socket, resolve))),
            );
          }
          const used = process.cpuUsage(cpu);
          const sends = 10 * clients.length;
          process.stdout.write(
            `round ${round}, ${way}: ${((used.user + used.system) / sends).toFixed(1)} µs CPU per send ` +
              `(${(used.system / sends).toFixed(1)} µs in the kernel), ${clients.length} sockets\n`,
          );
        }
      }
      child.kill();
      server.close();
    });
  });
}
