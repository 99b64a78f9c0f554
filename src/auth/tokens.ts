import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Role } from '../modules/accounts/account.entity';
import type { Actor } from './actor';

const ISSUER = 'thidua-api';

/** What a valid token says, before the account behind it is checked (see SessionGuard). */
export interface VerifiedToken {
  actor: Actor;
  /** The account's version when the token was issued; any change to the account bumps it. */
  version: number;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
  /** When the session began with a password (ms since the epoch); refreshes keep it. */
  authenticatedAt: number;
}

/** How a token is issued: the account's version, and the sign-in it continues. */
export interface TokenOptions {
  /** The account's version (1 for a new account). */
  version?: number;
  /** The password sign-in this token continues (ms since the epoch); now when not given. */
  authenticatedAt?: number;
}

/** The `Authorization` scheme, in any case (RFC 9110: schemes are case-insensitive). */
const BEARER = /^bearer\s+/i;

/**
 * Tokens remembered as verified; beyond it the oldest are forgotten (a
 * client sends the same token with every request until it renews it).
 */
const VERIFIED_CACHE_SIZE = 10_000;

/** Signs and verifies the JWTs of this service (HS256, with expiry). */
export class TokenService {
  /**
   * What verify() found in each token it accepted, by the token's text: the
   * text is what the signature covers, so a token accepted once stays
   * accepted until it expires (checked on every use). Refused tokens are not
   * kept. Spares the HMAC and the claim checks on every request (5% of a
   * search's server CPU, bench/RESULTS.md).
   */
  private readonly verified = new Map<string, VerifiedToken>();

  /**
   * The secret as a KeyObject, made once: given a string, jsonwebtoken first
   * tries (and fails) to parse it as a PEM public key on every call, which
   * costs about 1 ms of CPU per token (measured by bench/, 70x the HMAC).
   */
  private readonly secret: KeyObject;

  constructor(
    secret: string,
    /** Lifetime of each token; a client refreshes it with `refreshToken` before it ends. */
    readonly ttlSeconds: number,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /**
   * A token for `actor`: role, unit and person, the account's version, and
   * `auth_time`, when the session began with a password (OIDC's claim name).
   */
  sign(actor: Actor, options: TokenOptions = {}): string {
    return this.issue(actor, options).token;
  }

  /** sign(), with the moment the token expires (ms since the epoch). */
  issue(actor: Actor, options: TokenOptions = {}): { token: string; expiresAt: number } {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.ttlSeconds;
    const token = jwt.sign(
      {
        role: actor.role,
        unitId: actor.unitId,
        personId: actor.personId,
        username: actor.username,
        ver: options.version ?? 1,
        auth_time: Math.floor((options.authenticatedAt ?? Date.now()) / 1000),
        iat: now,
        exp,
      },
      this.secret,
      { algorithm: 'HS256', subject: actor.accountId, issuer: ISSUER },
    );
    return { token, expiresAt: exp * 1000 };
  }

  /**
   * What a token (or an `Authorization` header: `Bearer <token>`, in any
   * case) says, or null when it is missing, malformed, forged, expired or
   * has no expiry. Whether its account still stands is SessionGuard's job.
   */
  verify(token: string | undefined | null): VerifiedToken | null {
    if (!token) return null;
    const raw = token.trim().replace(BEARER, '');
    const known = this.verified.get(raw);
    if (known) {
      // jsonwebtoken's own test: expired from the second of `exp` on.
      if (known.expiresAt > Date.now()) return { ...known, actor: { ...known.actor } };
      this.verified.delete(raw);
      return null;
    }
    const verified = this.check(raw);
    if (verified) {
      if (this.verified.size >= VERIFIED_CACHE_SIZE) {
        this.verified.delete(this.verified.keys().next().value as string);
      }
      this.verified.set(raw, { ...verified, actor: { ...verified.actor } });
    }
    return verified;
  }

  /** verify() of a bare token, without the cache. */
  private check(raw: string): VerifiedToken | null {
    try {
      const claims = jwt.verify(raw, this.secret, { algorithms: ['HS256'], issuer: ISSUER });
      if (typeof claims === 'string' || !claims.sub) return null;
      // A token that never expires is never issued here: refuse it.
      if (typeof claims.exp !== 'number') return null;
      const role = claims.role as Role;
      if (!Object.values(Role).includes(role)) return null;
      const version = claims.ver;
      if (typeof version !== 'number' || !Number.isInteger(version)) return null;
      const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : claims.iat;
      return {
        actor: {
          accountId: claims.sub,
          role,
          username: String(claims.username ?? ''),
          unitId: (claims.unitId as string | null) ?? null,
          personId: (claims.personId as string | null) ?? null,
        },
        version,
        expiresAt: claims.exp * 1000,
        authenticatedAt: (authTime ?? 0) * 1000,
      };
    } catch {
      return null;
    }
  }
}
