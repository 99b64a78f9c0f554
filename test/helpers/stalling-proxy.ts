import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy on loopback that can stop forwarding, as a hung server looks to its clients. */
export interface StallingProxy {
  port: number;
  /** Stops forwarding in both directions (bytes are held, connections accepted but not joined). */
  stall(): void;
  /** Forwards again, held bytes first. */
  resume(): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 to `host:port`. */
export async function startStallingProxy(host: string, port: number): Promise<StallingProxy> {
  let stalled = false;
  const pending: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const join = () => {
      const upstream = connect(port, host);
      sockets.add(upstream);
      const forward = (from: Socket, to: Socket) =>
        from.on('data', (chunk) => {
          if (stalled) pending.push(() => to.write(chunk));
          else to.write(chunk);
        });
      forward(client, upstream);
      forward(upstream, client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    };
    if (stalled) {
      client.pause();
      pending.push(() => {
        client.resume();
        join();
      });
    } else {
      join();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const run of pending.splice(0)) run();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
