/**
 * The floor of a WebSocket fan-out on this machine: a bare `ws` server sends
 * one 400-byte text frame to each of N sockets held by a child process, and
 * reports the server's CPU per send. The subscription machinery's own cost is
 * what the fan-out benchmark measures above this.
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
      for (const round of [1, 2]) {
        const cpu = process.cpuUsage();
        for (let i = 0; i < 10; i++) {
          await Promise.all(
            clients.map((socket) => new Promise((resolve) => socket.send(payload, resolve))),
          );
        }
        const used = process.cpuUsage(cpu);
        const sends = 10 * clients.length;
        process.stdout.write(
          `round ${round}: ${((used.user + used.system) / sends).toFixed(1)} µs CPU per send ` +
            `(${(used.system / sends).toFixed(1)} µs in the kernel), ${clients.length} sockets\n`,
        );
      }
      child.kill();
      server.close();
    });
  });
}
