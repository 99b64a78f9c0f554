import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { Account, Role } from '../../src/modules/accounts/account.entity';

/** The scrypt cost of test accounts: 2^10, a millisecond instead of the real 2^15's ~150 ms. */
const TEST_SCRYPT_COST = 10;

/**
 * Inserts an account that can sign in with `password` (default 'correct horse').
 * Its hash is cheap to check, so sign-in tests can fail many times quickly;
 * `login` verifies it with the same code as any other hash.
 */
export async function buildAccount(
  dataSource: DataSource,
  fields: {
    username: string;
    password?: string;
    role?: Role;
    unitId?: string | null;
    personId?: string | null;
  },
): Promise<Account> {
  const repository = dataSource.getRepository(Account);
  const account = repository.create({
    username: fields.username,
    passwordHash: await hashPassword(fields.password ?? 'correct horse', TEST_SCRYPT_COST),
    role: fields.role ?? Role.VIEWER,
    unitId: fields.unitId ?? null,
    personId: fields.personId ?? null,
  });
  await repository.insert(account);
  return account;
}
