import type { DataSource } from 'typeorm';
import { isUuid } from '../common/ids';
import type { ServiceDeps } from '../common/services';
import { queryOne, sql } from '../common/sql';
import type { Logger } from '../logger';
import type { TokenService, VerifiedToken } from './tokens';

/**
 * The channel on which PostgreSQL announces that an account changed: a
 * trigger on `account` (migration AccountSessions) sends its id whenever a row
 * is inserted or deleted or its version moves (password, role, unit, person,
 * username, disabled), whoever made the change, SQL by hand included.
 */
export const ACCOUNT_CHANNEL = 'account_changes';

/** What a token is checked against: the account's version, and whether it is disabled. */
interface AccountStanding {
  version: number;
  disabled: boolean;
}

/** Accounts whose standing one process remembers; beyond it the oldest are forgotten. */
const CACHE_SIZE = 10_000;

/**
 * Decides whether a token's account still stands: it exists, is not
 * disabled, and has the version the token was issued for. Checked on every
 * HTTP request and every WebSocket delivery, so it answers from a
 * per-process cache, which the account trigger's NOTIFY (received on the
 * process's LISTEN connection, see RealtimeService) empties for that
 * account as soon as the change commits. While that connection is down the
 * cache is not used at all: every check reads the account row.
 */
export class SessionGuard {
  private readonly dataSource: DataSource;
  private readonly tokens: TokenService;
  private readonly logger: Logger;
  private readonly cache = new Map<string, AccountStanding | null>();
  private readonly loading = new Map<string, Promise<AccountStanding | null>>();
  private readonly listeners = new Set<(accountId: string | null) => void>();
  /** Moves on every invalidation, so a read that raced with one is not cached. */
  private epoch = 0;
  /** True while NOTIFYs are being received, so that the cache can be trusted. */
  private notified = false;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.tokens = deps.tokens;
    this.logger = deps.logger;
  }

  /**
   * The token in an `Authorization` header (or a WebSocket's
   * `authorization` parameter) when it is valid and its account stands;
   * null otherwise (missing, forged, expired, or revoked).
   */
  async authenticate(header: string | undefined | null): Promise<VerifiedToken | null> {
    const token = this.tokens.verify(header);
    if (!token) return null;
    return (await this.stands(token)) ? token : null;
  }

  /** True when the token has not expired and its account exists, is enabled and has its version. */
  async stands(token: VerifiedToken): Promise<boolean> {
    if (token.expiresAt <= Date.now()) return false;
    const standing = await this.standing(token.actor.accountId);
    return matches(standing, token);
  }

  /**
   * stands() from the cache alone, without waiting: undefined when the
   * account is not cached (or the cache cannot be trusted right now).
   */
  peek(token: VerifiedToken): boolean | undefined {
    if (token.expiresAt <= Date.now()) return false;
    if (!this.notified || !this.cache.has(token.actor.accountId)) return undefined;
    return matches(this.cache.get(token.actor.accountId) ?? null, token);
  }

  /** Calls `listener` with the id of each account that changed (null: possibly any). */
  onChange(listener: (accountId: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An account changed (its NOTIFY arrived): forget it and tell the listeners. */
  changed(accountId: string): void {
    this.epoch += 1;
    this.cache.delete(accountId);
    this.tell(accountId);
  }

  /**
   * Whether the account NOTIFYs are being received. On every change both
   * ways the cache is emptied: what changed while nobody listened is unknown.
   */
  listening(connected: boolean): void {
    this.epoch += 1;
    this.cache.clear();
    this.notified = connected;
    this.tell(null);
  }

  private tell(accountId: string | null): void {
    for (const listener of this.listeners) {
      try {
        listener(accountId);
      } catch (error) {
        this.logger.error({ err: error }, 'account change listener failed');
      }
    }
  }

  private standing(accountId: string): Promise<AccountStanding | null> {
    if (this.notified && this.cache.has(accountId)) {
      return Promise.resolve(this.cache.get(accountId) ?? null);
    }
    let pending = this.loading.get(accountId);
    if (!pending) {
      const epoch = this.epoch;
      pending = this.read(accountId).then(
        (standing) => {
          this.loading.delete(accountId);
          if (this.notified && this.epoch === epoch) this.remember(accountId, standing);
          return standing;
        },
        (error) => {
          this.loading.delete(accountId);
          throw error;
        },
      );
      this.loading.set(accountId, pending);
    }
    return pending;
  }

  private async read(accountId: string): Promise<AccountStanding | null> {
    if (!isUuid(accountId)) return null;
    const row = await queryOne<AccountStanding>(
      this.dataSource,
      sql`SELECT version, disabled_at IS NOT NULL AS disabled FROM account WHERE id = ${accountId}`,
    );
    return row ?? null;
  }

  private remember(accountId: string, standing: AccountStanding | null): void {
    if (this.cache.size >= CACHE_SIZE) {
      this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.set(accountId, standing);
  }
}

function matches(standing: AccountStanding | null, token: VerifiedToken): boolean {
  return standing !== null && !standing.disabled && standing.version === token.version;
}
