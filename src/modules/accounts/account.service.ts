import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import type { TokenService } from '../../auth/tokens';
import { parseOptionalId } from '../../common/ids';
import { entityRows } from '../../common/rows';
import type { ServiceDeps } from '../../common/services';
import { query, sql } from '../../common/sql';
import { requiredText } from '../../common/validate';
import {
  AppError,
  BadInputError,
  ConflictError,
  ErrorCode,
  isUniqueViolation,
  NotFoundError,
} from '../../errors';
import { msg } from '../../i18n/i18n';
import type { Logger } from '../../logger';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Account, Role } from './account.entity';
import type { CreateAccountInput } from './account.inputs';

/** Failed sign-ins allowed per username within the window before RATE_LIMITED (in memory, per process). */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Usernames with recent failures kept in memory; beyond it the oldest are dropped. */
const MAX_TRACKED = 10_000;

/** Accounts: sign-in, creation, and the first-start admin account. */
export class AccountService {
  private readonly dataSource: DataSource;
  private readonly tokens: TokenService;
  private readonly logger: Logger;
  private readonly failures = new Map<string, { count: number; since: number }>();
  /** A real hash to check against for unknown usernames, so timing does not reveal which exist. */
  private decoyHash?: Promise<string>;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.tokens = deps.tokens;
    this.logger = deps.logger;
  }

  /**
   * Checks a username and password and returns a signed token.
   * UNAUTHENTICATED on a wrong pair (without saying which part was wrong);
   * RATE_LIMITED after repeated failures for one username.
   */
  async login(username: string, password: string): Promise<{ token: string; account: Account }> {
    const key = username.trim().toLowerCase();
    const now = Date.now();
    let entry = this.failures.get(key);
    if (entry && now - entry.since >= FAILURE_WINDOW_MS) entry = undefined;
    if (entry && entry.count >= MAX_FAILURES) {
      throw new AppError(ErrorCode.RATE_LIMITED, msg('signIn.tooManyFailures'));
    }
    // Counted before checking, so that many attempts sent at once cannot all
    // pass the limit while their hashes are being computed; a success clears it.
    this.failures.delete(key);
    this.failures.set(key, { count: (entry?.count ?? 0) + 1, since: entry?.since ?? now });
    this.forgetOldFailures();
    const [account] = await entityRows(this.dataSource, Account).select(
      this.dataSource,
      sql`lower(t.username) = ${key}`,
    );
    this.decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(password, account?.passwordHash ?? (await this.decoyHash));
    if (!account || !ok)
      throw new AppError(ErrorCode.UNAUTHENTICATED, msg('signIn.wrongCredentials'));
    this.failures.delete(key);
    return { token: this.tokens.sign(actorOf(account)), account };
  }

  /**
   * Keeps the failure map bounded, so that sign-ins with made-up usernames
   * cannot grow memory: expired entries go first, then the oldest (a Map
   * iterates in insertion order, and a failing key is re-inserted).
   */
  private forgetOldFailures(): void {
    if (this.failures.size <= MAX_TRACKED) return;
    const now = Date.now();
    for (const [key, entry] of this.failures) {
      if (now - entry.since >= FAILURE_WINDOW_MS) this.failures.delete(key);
    }
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED) break;
      this.failures.delete(key);
    }
  }

  /**
   * Creates an account (ADMIN only, checked by the resolver). A UNIT_MANAGER
   * needs a unit, a MEMBER a person. CONFLICT when the username is taken.
   */
  async create(input: CreateAccountInput): Promise<Account> {
    const username = requiredText(input.username, 'username', 60);
    if (!/^[a-zA-Z0-9._-]{3,60}$/.test(username)) {
      throw new BadInputError(msg('account.usernameFormat'), { field: 'username' });
    }
    if (input.password.length < 8 || input.password.length > 200) {
      throw new BadInputError(msg('account.passwordLength', { field: 'password' }), {
        field: 'password',
      });
    }
    const unitId = parseOptionalId(input.unitId, 'unitId') ?? null;
    const personId = parseOptionalId(input.personId, 'personId') ?? null;
    if (input.role === Role.UNIT_MANAGER && !unitId) {
      throw new BadInputError(msg('account.needsUnit'), {
        field: 'unitId',
      });
    }
    if (input.role === Role.MEMBER && !personId) {
      throw new BadInputError(msg('account.needsPerson'), {
        field: 'personId',
      });
    }
    if (unitId && !(await this.dataSource.getRepository(Unit).existsBy({ id: unitId }))) {
      throw new NotFoundError('Unit', unitId);
    }
    if (personId && !(await this.dataSource.getRepository(Person).existsBy({ id: personId }))) {
      throw new NotFoundError('Person', personId);
    }
    // Refused before the (deliberately slow) hashing; the unique index still decides races.
    const [taken] = await query(
      this.dataSource,
      sql`SELECT 1 FROM account WHERE lower(username) = lower(${username})`,
    );
    if (taken) throw new ConflictError(msg('account.usernameTaken', { username }));
    const account = this.dataSource.getRepository(Account).create({
      username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      unitId,
      personId,
    });
    try {
      await this.dataSource.getRepository(Account).insert(account);
    } catch (error) {
      if (isUniqueViolation(error, 'account_username_key')) {
        throw new ConflictError(msg('account.usernameTaken', { username }));
      }
      throw error;
    }
    return account;
  }

  /**
   * On an empty account table, creates `admin` with `password`, or with a
   * random password that is returned so start-up can print it once.
   */
  async ensureAdmin(
    password: string | undefined,
  ): Promise<{ created: boolean; generatedPassword?: string }> {
    const repository = this.dataSource.getRepository(Account);
    if ((await repository.count()) > 0) return { created: false };
    const generated = password ? undefined : randomBytes(12).toString('base64url');
    try {
      await repository.insert({
        username: 'admin',
        passwordHash: await hashPassword(password ?? (generated as string)),
        role: Role.ADMIN,
      });
    } catch (error) {
      // Several API processes starting together on an empty database: one of them creates it.
      if (isUniqueViolation(error, 'account_username_key')) return { created: false };
      throw error;
    }
    this.logger.info('created the admin account');
    return { created: true, generatedPassword: generated };
  }
}

/** The actor an account signs in as. */
export function actorOf(account: Account): Actor {
  return {
    accountId: account.id,
    username: account.username,
    role: account.role,
    unitId: account.unitId,
    personId: account.personId,
  };
}
