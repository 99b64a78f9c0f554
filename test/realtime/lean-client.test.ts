import type { AddressInfo } from 'node:net';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { openLean, type LeanHandlers } from '../../bench/load/ws-clients-lean';

/**
 * The fan-out benchmark's lean graphql-ws subscriber (bench/load/ws-clients-lean.ts)
 * against graphql-ws's own server over ws: it speaks the protocol (the
 * server accepts it, pings are answered, every `next` arrives in order, the
 * completion too), and a server that breaks the protocol is reported.
 */

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      count: {
        type: GraphQLString,
        args: { to: { type: GraphQLString } },
        subscribe: async function* (_root, args: { to: string }) {
          for (let i = 1; i <= Number(args.to); i++) yield { count: `n${i}` };
        },
      },
    },
  }),
});

async function listen(server: WebSocketServer): Promise<string> {
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** Opens a lean subscriber and records what it reports. */
function subscriber(url: string, query: string) {
  const seen = {
    connected: false,
    next: [] as unknown[],
    completed: false,
    errors: [] as string[],
    closed: false,
  };
  const handlers: LeanHandlers = {
    connected: () => (seen.connected = true),
    next: (result) => seen.next.push(result),
    complete: () => (seen.completed = true),
    error: (message) => seen.errors.push(message),
    closed: () => (seen.closed = true),
  };
  const close = openLean(
    { url, connectionParams: { authorization: 'Bearer x' }, query, variables: {} },
    handlers,
  );
  return { seen, close };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe('the lean graphql-ws subscriber of the fan-out benchmark', () => {
  it('is served by graphql-ws: answers pings, receives every next in order and the completion', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/graphql' });
    const url = await listen(server);
    let params: unknown;
    let pongs = 0;
    const sockets: WebSocket[] = [];
    server.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('pong', () => pongs++);
    });
    const disposable = useServer(
      {
        schema,
        onConnect: (ctx) => {
          params = ctx.connectionParams;
          return true;
        },
      },
      server,
    );
    try {
      // A payload over 125 bytes takes the 16-bit length form.
      const { seen, close } = subscriber(
        url,
        `subscription { count(to: "40") } # ${'padding '.repeat(20)}`,
      );
      await until(() => seen.completed);
      expect(seen.errors).toEqual([]);
      expect(params).toEqual({ authorization: 'Bearer x' });
      expect(seen.next).toEqual(
        Array.from({ length: 40 }, (_, i) => ({ data: { count: `n${i + 1}` } })),
      );
      sockets[0]!.ping();
      await until(() => pongs === 1);
      close();
      await until(() => seen.closed);
    } finally {
      await disposable.dispose();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    ['a next for another id', '{"id":"2","type":"next","payload":{"data":{}}}', 'next for id 2'],
    ['a message that is not JSON', '{"id":"1","type":"next"', 'not JSON'],
    ['an unknown message type', '{"type":"surprise"}', 'unexpected message surprise'],
  ])('reports %s', async (_what, message, error) => {
    const server = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      path: '/graphql',
      handleProtocols: () => 'graphql-transport-ws',
    });
    const url = await listen(server);
    server.on('connection', (socket) => {
      socket.once('message', () => {
        socket.send('{"type":"connection_ack"}');
        socket.once('message', () => socket.send(message));
      });
    });
    try {
      const { seen } = subscriber(url, 'subscription { count(to: "1") }');
      await until(() => seen.errors.length > 0);
      expect(seen.connected).toBe(true);
      expect(seen.errors[0]).toContain(error);
      expect(seen.next).toEqual([]);
    } finally {
      for (const socket of server.clients) socket.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
