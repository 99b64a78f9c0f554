import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Whether to believe what the proxy at `address` (the `hop`th from the client) forwards. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * Compiles TRUST_PROXY the way Express reads its `trust proxy` setting:
 * unset or `false` trusts nobody (the socket's peer is the client), `true`
 * every proxy, a number that many hops, anything else a comma-separated list
 * of addresses, CIDRs and the names `loopback`, `linklocal`, `uniquelocal`.
 * Throws on a malformed list, so a bad setting stops the server at start.
 */
export function compileTrustProxy(setting: string | undefined): TrustProxy {
  const value = setting?.trim();
  if (!value || value === 'false') return () => false;
  if (value === 'true') return () => true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(value.split(',').map((part) => part.trim()));
}

/**
 * The client's address for limits and the audit log: the socket's peer, or
 * what trusted proxies forwarded in X-Forwarded-For. IPv4 addresses come
 * without the `::ffff:` prefix of a dual-stack socket.
 */
export function clientAddress(request: IncomingMessage, trust: TrustProxy): string | null {
  if (!request.socket?.remoteAddress) return null;
  return normalizeAddress(proxyaddr(request, trust));
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; other addresses as they are. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
