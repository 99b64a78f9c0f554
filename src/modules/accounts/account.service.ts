import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { SignInLimiter } from '../../auth/sign-in-limits';
import type { TokenService, VerifiedToken } from '../../auth/tokens';
import { paginate, type Connection, type PageArgs, type PageOrder } from '../../common/connection';
import { parseId, parseOptionalId } from '../../common/ids';
import { searchPattern } from '../../common/search';
import { entityRows } from '../../common/rows';
import type { ServiceDeps } from '../../common/services';
import { query, queryOne, sql } from '../../common/sql';
import { requiredText } from '../../common/validate';
import type { Config } from '../../config';
import {
  AppError,
  BadInputError,
  ConflictError,
  ErrorCode,
  isUniqueViolation,
  NotFoundError,
  RuleViolationError,
} from '../../errors';
import { msg } from '../../i18n/i18n';
import type { Logger } from '../../logger';
import { auditSubject } from '../audit/audit-scope';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Account, Role } from './account.entity';
import type {
  AccountFilter,
  AuthPayload,
  CreateAccountInput,
  UpdateAccountAccessInput,
} from './account.inputs';

/** Accounts are listed by username, then id. */
const ACCOUNT_ORDER: PageOrder<Account> = { keys: ['username', 'id'], direction: 'ASC' };

const USERNAME = /^[a-zA-Z0-9._-]{3,60}$/;

/**
 * Accounts: sign-in and its limits, tokens and their refresh, and their
 * administration (ADMIN): creation, listing, password resets, disabling,
 * role and scope. Every change that affects what a token stands for bumps the
 * account's version (a database trigger), which revokes its tokens.
 */
export class AccountService {
  private readonly dataSource: DataSource;
  private readonly tokens: TokenService;
  private readonly config: Config;
  private readonly logger: Logger;
  private readonly limiter: SignInLimiter;
  /** A real hash to check against for unknown usernames, so timing does not reveal which exist. */
  private decoyHash?: Promise<string>;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.tokens = deps.tokens;
    this.config = deps.config;
    this.logger = deps.logger;
    this.limiter = new SignInLimiter(deps.dataSource, deps.logger);
  }

  /**
   * Checks a username and password from `address` and returns a token.
   * UNAUTHENTICATED on a wrong pair (without saying which part was wrong) or
   * a disabled account (said only to whoever knows its password);
   * RATE_LIMITED past the sign-in limits (SignInLimiter).
   */
  async login(username: string, password: string, address: string | null): Promise<AuthPayload> {
    auditSubject({ username: username.trim() });
    const account = await this.findByUsername(username);
    const attempt = await this.limiter.begin({
      username,
      address,
      accountId: account?.id ?? null,
    });
    let ok: boolean;
    try {
      this.decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
      ok = await verifyPassword(password, account?.passwordHash ?? (await this.decoyHash));
    } catch (error) {
      await attempt.abandoned();
      throw error;
    }
    // A wrong password keeps the failure the limiter holds.
    if (account) auditSubject({ accountId: account.id });
    if (!account || !ok) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, msg('signIn.wrongCredentials'));
    }
    auditSubject({ accountId: account.id, username: account.username, role: account.role });
    if (account.disabledAt) {
      await attempt.abandoned();
      throw new AppError(ErrorCode.UNAUTHENTICATED, msg('signIn.accountDisabled'));
    }
    try {
      const signedIn = await this.dataSource.transaction(async (manager) => {
        await attempt.succeeded(manager);
        await query(
          manager,
          sql`INSERT INTO account_known_address (account_id, address)
              VALUES (${account.id}, ${address ?? 'unknown'})
              ON CONFLICT (account_id, address) DO UPDATE SET last_sign_in_at = now()`,
        );
        const row = await queryOne<{ last_sign_in_at: Date }>(
          manager,
          sql`UPDATE account SET last_sign_in_at = now() WHERE id = ${account.id}
              RETURNING last_sign_in_at`,
        );
        account.lastSignInAt = row?.last_sign_in_at ?? new Date();
        return account;
      });
      return this.issue(signedIn, Date.now());
    } catch (error) {
      await attempt.abandoned();
      throw error;
    }
  }

  /**
   * A new token for the session `session` belongs to (the caller's own,
   * already checked to stand), with a fresh expiry. UNAUTHENTICATED once the
   * session is older than JWT_SESSION_MAX_SECONDS: sign in again.
   */
  async refresh(session: VerifiedToken): Promise<AuthPayload> {
    const maxAgeMs = this.config.JWT_SESSION_MAX_SECONDS * 1000;
    if (Date.now() - session.authenticatedAt > maxAgeMs) {
      throw new AppError(
        ErrorCode.UNAUTHENTICATED,
        msg('session.tooOld', { hours: Math.round(this.config.JWT_SESSION_MAX_SECONDS / 3600) }),
      );
    }
    const account = await this.get(session.actor.accountId);
    // The version moved between the check and now: the token was just revoked.
    if (account.version !== session.version || account.disabledAt) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, msg('auth.signInFirst'));
    }
    return this.issue(account, session.authenticatedAt);
  }

  /**
   * Changes the caller's own password, given the current one (checked
   * against the same limits as sign-in, so a stolen token cannot guess it).
   * Every other token of the account stops working; the new one is returned.
   */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    address: string | null,
  ): Promise<AuthPayload> {
    checkPassword(newPassword, 'newPassword');
    const account = await this.get(actor.accountId);
    const attempt = await this.limiter.begin({
      username: account.username,
      address,
      accountId: account.id,
    });
    let ok: boolean;
    try {
      ok = await verifyPassword(currentPassword, account.passwordHash);
    } catch (error) {
      await attempt.abandoned();
      throw error;
    }
    if (!ok) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, msg('account.wrongCurrentPassword'));
    }
    const hash = await hashPassword(newPassword);
    const changed = await this.dataSource.transaction(async (manager) => {
      await attempt.succeeded(manager);
      return this.setPassword(manager, account.id, hash);
    });
    return this.issue(changed, Date.now());
  }

  /** ADMIN sets another password for an account; its tokens stop working. */
  async resetPassword(id: string, newPassword: string): Promise<Account> {
    const accountId = parseId(id);
    checkPassword(newPassword, 'newPassword');
    const hash = await hashPassword(newPassword);
    return this.dataSource.transaction((manager) => this.setPassword(manager, accountId, hash));
  }

  /**
   * ADMIN disables (`disabled: true`) or enables an account. A disabled
   * account cannot sign in and its tokens stop working at once. RULE_VIOLATION
   * for disabling one's own account or the last enabled ADMIN.
   */
  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<Account> {
    const accountId = parseId(id);
    if (disabled && accountId === actor.accountId) {
      throw new RuleViolationError(msg('account.cannotDisableSelf'));
    }
    return this.dataSource.transaction(async (manager) => {
      const account = await this.lockForChange(manager, accountId);
      if (disabled && account.role === Role.ADMIN) await this.keepAnAdmin(manager, accountId);
      const [row] = await query(
        manager,
        sql`UPDATE account SET disabled_at = ${sql.raw(disabled ? 'coalesce(disabled_at, now())' : 'NULL')}
            WHERE id = ${accountId} RETURNING *`,
      );
      return entityRows(manager, Account).hydrate(row!);
    });
  }

  /**
   * ADMIN changes an account's role and the unit or person it needs (a
   * UNIT_MANAGER a unit, a MEMBER a person; other roles keep none). Its
   * tokens stop working. RULE_VIOLATION when it would leave no enabled ADMIN.
   */
  async updateAccess(id: string, input: UpdateAccountAccessInput): Promise<Account> {
    const accountId = parseId(id);
    const { unitId, personId } = await this.checkAccess(input);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.lockForChange(manager, accountId);
      if (account.role === Role.ADMIN && input.role !== Role.ADMIN && !account.disabledAt) {
        await this.keepAnAdmin(manager, accountId);
      }
      const [row] = await query(
        manager,
        sql`UPDATE account SET role = ${input.role}, unit_id = ${unitId}, person_id = ${personId}
            WHERE id = ${accountId} RETURNING *`,
      );
      return entityRows(manager, Account).hydrate(row!);
    });
  }

  /** Accounts matching the filter, by username (ADMIN). */
  list(filter: AccountFilter | null | undefined, page: PageArgs): Promise<Connection<Account>> {
    const pattern = searchPattern(filter?.search);
    const unitId = parseOptionalId(filter?.unitId, 'filter.unitId');
    const where = sql.and(
      pattern && sql`lower(t.username) LIKE lower(${pattern})`,
      filter?.role && sql`t.role = ${filter.role}`,
      unitId && sql`t.unit_id = ${unitId}`,
      filter?.disabled === true && sql`t.disabled_at IS NOT NULL`,
      filter?.disabled === false && sql`t.disabled_at IS NULL`,
    );
    return paginate(this.dataSource.manager, Account, page, { order: ACCOUNT_ORDER, where });
  }

  /**
   * Creates an account (ADMIN only, checked by the resolver). A UNIT_MANAGER
   * needs a unit, a MEMBER a person. CONFLICT when the username is taken.
   */
  async create(input: CreateAccountInput): Promise<Account> {
    const username = requiredText(input.username, 'username', 60);
    if (!USERNAME.test(username)) {
      throw new BadInputError(msg('account.usernameFormat'), { field: 'username' });
    }
    checkPassword(input.password, 'password');
    const { unitId, personId } = await this.checkAccess(input);
    // Refused before the (deliberately slow) hashing; the unique index still decides races.
    if (await this.findByUsername(username)) {
      throw new ConflictError(msg('account.usernameTaken', { username }));
    }
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const account = manager.getRepository(Account).create({
          username,
          passwordHash,
          role: input.role,
          unitId,
          personId,
        });
        await manager.getRepository(Account).insert(account);
        return account;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'account_username_key')) {
        throw new ConflictError(msg('account.usernameTaken', { username }));
      }
      throw error;
    }
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

  /** A token for `account` continuing the session begun at `authenticatedAt`. */
  private issue(account: Account, authenticatedAt: number): AuthPayload {
    const { token, expiresAt } = this.tokens.issue(actorOf(account), {
      version: account.version,
      authenticatedAt,
    });
    return { token, account, expiresAt: new Date(expiresAt) };
  }

  private async findByUsername(username: string): Promise<Account | null> {
    const [account] = await entityRows(this.dataSource, Account).select(
      this.dataSource,
      sql`lower(t.username) = lower(${username.trim()})`,
    );
    return account ?? null;
  }

  private async get(accountId: string): Promise<Account> {
    const [account] = await entityRows(this.dataSource, Account).selectIn(this.dataSource, 'id', [
      accountId,
    ]);
    if (!account) throw new NotFoundError('Account', accountId);
    return account;
  }

  private async lockForChange(manager: EntityManager, accountId: string): Promise<Account> {
    const row = await queryOne(
      manager,
      sql`SELECT * FROM account WHERE id = ${accountId} FOR UPDATE`,
    );
    if (!row) throw new NotFoundError('Account', accountId);
    return entityRows(manager, Account).hydrate(row);
  }

  /**
   * Refuses (RULE_VIOLATION) when `leaving` is the last enabled ADMIN. The
   * enabled admins are locked, so two admins disabling each other at once
   * cannot both succeed.
   */
  private async keepAnAdmin(manager: EntityManager, leaving: string): Promise<void> {
    const admins = await query<{ id: string }>(
      manager,
      sql`SELECT id FROM account WHERE role = 'ADMIN' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
    );
    if (!admins.some((admin) => admin.id !== leaving)) {
      throw new RuleViolationError(msg('account.lastAdmin'));
    }
  }

  private async setPassword(
    manager: EntityManager,
    accountId: string,
    hash: string,
  ): Promise<Account> {
    const row = await queryOne(
      manager,
      sql`UPDATE account SET password_hash = ${hash}, password_changed_at = now()
          WHERE id = ${accountId} RETURNING *`,
    );
    if (!row) throw new NotFoundError('Account', accountId);
    return entityRows(manager, Account).hydrate(row);
  }

  /** Checks the unit or person a role needs, and that they exist. */
  private async checkAccess(input: {
    role: Role;
    unitId?: string | null;
    personId?: string | null;
  }): Promise<{ unitId: string | null; personId: string | null }> {
    const unitId =
      input.role === Role.UNIT_MANAGER ? (parseOptionalId(input.unitId, 'unitId') ?? null) : null;
    const personId =
      input.role === Role.MEMBER ? (parseOptionalId(input.personId, 'personId') ?? null) : null;
    if (input.role === Role.UNIT_MANAGER && !unitId) {
      throw new BadInputError(msg('account.needsUnit'), { field: 'unitId' });
    }
    if (input.role === Role.MEMBER && !personId) {
      throw new BadInputError(msg('account.needsPerson'), { field: 'personId' });
    }
    if (unitId && !(await this.dataSource.getRepository(Unit).existsBy({ id: unitId }))) {
      throw new NotFoundError('Unit', unitId);
    }
    if (personId && !(await this.dataSource.getRepository(Person).existsBy({ id: personId }))) {
      throw new NotFoundError('Person', personId);
    }
    return { unitId, personId };
  }
}

/** Refuses a password shorter than 8 or longer than 200 characters. */
function checkPassword(password: string, field: string): void {
  if (password.length < 8 || password.length > 200) {
    throw new BadInputError(msg('account.passwordLength', { field }), { field });
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
