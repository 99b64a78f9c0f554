import type { DataSource } from 'typeorm';
import { hashPassword } from '../../../src/auth/passwords';
import { Account, Role } from '../../../src/modules/accounts/account.entity';
import { buildPerson } from './people';
import { insertRow, unique } from './rows';
import { buildUnit } from './units';

/** The scrypt cost of test accounts: 2^10, a millisecond instead of the real 2^15's ~150 ms. */
const TEST_SCRYPT_COST = 10;

/**
 * Inserts a VIEWER account that signs in with `password` (default 'correct
 * horse'), unless told otherwise. A UNIT_MANAGER gets a new unit and a MEMBER
 * a new person when none is given. The hash is cheap to check, so sign-in
 * tests can fail many times quickly; `login` verifies it with the same code as
 * any other hash.
 */
export async function buildAccount(
  dataSource: DataSource,
  overrides: Partial<Pick<Account, 'username' | 'role' | 'unitId' | 'personId'>> & {
    password?: string;
  } = {},
): Promise<Account> {
  const { password = 'correct horse', role = Role.VIEWER, ...fields } = overrides;
  const unitId =
    fields.unitId ?? (role === Role.UNIT_MANAGER ? (await buildUnit(dataSource)).id : null);
  const personId =
    fields.personId ?? (role === Role.MEMBER ? (await buildPerson(dataSource)).id : null);
  return insertRow(dataSource, Account, {
    username: `user-${unique()}`,
    ...fields,
    role,
    unitId,
    personId,
    passwordHash: await hashPassword(password, TEST_SCRYPT_COST),
  });
}
