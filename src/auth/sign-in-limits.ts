import type { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '../errors';
import { msg } from '../i18n/i18n';
import type { Logger } from '../logger';
import { query, queryOne, sql } from '../common/sql';

/**
 * Failed sign-ins allowed within a window, per key. Counted in PostgreSQL
 * (`sign_in_limit`), so every API process shares them. Tests lower them.
 */
export const SIGN_IN_LIMITS = {
  /** One username from one address: a password guesser at one place. */
  usernameAndAddress: { failures: 10, windowSeconds: 15 * 60 },
  /** One address, any usernames: one client trying many accounts (or random names). */
  address: { failures: 100, windowSeconds: 15 * 60 },
  /**
   * One username, any address: guessing from many places. Past it, only the
   * addresses the account signed in from before are let through.
   */
  username: { failures: 50, windowSeconds: 15 * 60 },
  /** How long an address counts as one the owner uses, after a successful sign-in from it. */
  knownAddressDays: 90,
};

/** The keys failures are counted on. */
type LimitKind = 'usernameAndAddress' | 'address' | 'username';

/** A sign-in attempt that passed the limits: one failure is held for it on each key until it ends. */
export interface SignInAttempt {
  /** The password was right: the username+address count starts again (inside the sign-in's transaction). */
  succeeded(manager: EntityManager): Promise<void>;
  /** The check itself failed (the database, not the password): the held failures are given back. */
  abandoned(): Promise<void>;
}

/** What is known about a sign-in before its password is checked. */
export interface SignInRequest {
  /** As typed; compared lower-cased and trimmed. */
  username: string;
  /** The client's address (null: unknown, counted as one address). */
  address: string | null;
  /** The account with that username, when there is one. */
  accountId: string | null;
}

/**
 * Limits on failed sign-ins that an attacker cannot turn against the owner:
 * counted per username AND address (so guessing `admin` from one place does
 * not lock out the real admin elsewhere), per address (a flood of random
 * usernames from one client is cut off before it burns the server's CPU on
 * password hashes), and per username across addresses, past which only the
 * addresses the account already signed in from are let through — so the
 * owner still gets in from their usual address while the account is under a
 * distributed attack. A failure is held before the password is checked (so
 * a burst of concurrent attempts cannot all slip through), and given back
 * when the check could not be made (the database failed), so an outage never
 * locks anyone out.
 */
export class SignInLimiter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /**
   * Checks the limits and holds one failure on each key. Throws
   * RATE_LIMITED when a limit is reached; errors of the database propagate
   * (nothing is counted then).
   */
  async begin(request: SignInRequest): Promise<SignInAttempt> {
    const username = request.username.trim().toLowerCase();
    const address = request.address ?? 'unknown';
    const keys: Record<LimitKind, string> = {
      usernameAndAddress: `pair:${username}|${address}`,
      address: `address:${address}`,
      username: `username:${username}`,
    };
    const state = (await queryOne<{ counts: Record<string, number>; known: boolean }>(
      this.dataSource,
      sql`SELECT coalesce((SELECT json_object_agg(key, failures) FROM sign_in_limit
                            WHERE key = ANY(${Object.values(keys)})
                              AND window_start > now() - make_interval(secs => window_seconds)),
                          '{}') AS counts,
                 EXISTS (SELECT 1 FROM account_known_address
                          WHERE account_id = ${request.accountId}::uuid AND address = ${address}
                            AND last_sign_in_at > now() - make_interval(days => ${SIGN_IN_LIMITS.knownAddressDays}::int)) AS known`,
    ))!;
    this.refuseOver(keys, state.counts, state.known);

    // Hold the failure now; the returned counts decide races between concurrent attempts.
    const windows = Object.keys(keys).map(
      (kind) => SIGN_IN_LIMITS[kind as LimitKind].windowSeconds,
    );
    const rows = await query<{ key: string; failures: number }>(
      this.dataSource,
      sql`INSERT INTO sign_in_limit AS l (key, failures, window_start, window_seconds)
          SELECT key, 1, now(), seconds
            FROM unnest(${Object.values(keys)}::text[], ${windows}::int[]) AS k(key, seconds)
          ON CONFLICT (key) DO UPDATE SET
            failures = CASE WHEN l.window_start > now() - make_interval(secs => l.window_seconds)
                            THEN l.failures + 1 ELSE 1 END,
            window_start = CASE WHEN l.window_start > now() - make_interval(secs => l.window_seconds)
                                THEN l.window_start ELSE now() END,
            window_seconds = excluded.window_seconds
          RETURNING key, failures`,
    );
    // Counted including this attempt, so the limit itself is still allowed through.
    this.refuseOver(
      keys,
      Object.fromEntries(rows.map((row) => [row.key, row.failures - 1])),
      state.known,
    );
    if (Math.random() < 0.01) void this.forgetExpired();

    return {
      succeeded: async (manager) => {
        // Not a failure after all: the pair starts again, the others get their hold back.
        await query(manager, sql`DELETE FROM sign_in_limit WHERE key = ${keys.usernameAndAddress}`);
        await query(
          manager,
          sql`UPDATE sign_in_limit SET failures = greatest(failures - 1, 0)
               WHERE key = ANY(${[keys.address, keys.username]})`,
        );
      },
      abandoned: async () => {
        await query(
          this.dataSource,
          sql`UPDATE sign_in_limit SET failures = greatest(failures - 1, 0)
               WHERE key = ANY(${Object.values(keys)})`,
        ).catch((error) =>
          this.logger.warn({ err: error }, 'could not give back a held sign-in failure'),
        );
      },
    };
  }

  private refuseOver(
    keys: Record<LimitKind, string>,
    counts: Record<string, number>,
    known: boolean,
  ): void {
    const over = (kind: LimitKind) => (counts[keys[kind]] ?? 0) >= SIGN_IN_LIMITS[kind].failures;
    if (over('usernameAndAddress')) {
      throw new AppError(ErrorCode.RATE_LIMITED, msg('signIn.tooManyFailures'));
    }
    // The owner at an address they signed in from before passes these two.
    if (!known && over('address')) {
      throw new AppError(ErrorCode.RATE_LIMITED, msg('signIn.tooManyFromAddress'));
    }
    if (!known && over('username')) {
      throw new AppError(ErrorCode.RATE_LIMITED, msg('signIn.accountUnderAttack'));
    }
  }

  /** Drops counts whose window has passed (now and then, so random usernames do not pile up). */
  private async forgetExpired(): Promise<void> {
    await query(
      this.dataSource,
      sql`DELETE FROM sign_in_limit WHERE window_start < now() - make_interval(secs => window_seconds)`,
    ).catch((error) => this.logger.warn({ err: error }, 'could not clean sign_in_limit'));
  }
}
