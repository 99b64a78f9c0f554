import { Role } from '../../src/modules/accounts/account.entity';
import { SIGN_IN_LIMITS } from '../../src/auth/sign-in-limits';
import { buildAccount } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';

// Issue 11, item 4: anyone could lock `admin` out with 10 wrong passwords;
// failures were counted while the database was down; the limit was per
// process; a flood of random usernames slowed everyone's sign-in.

let t: TestApp;
let other: TestApp;

beforeAll(async () => {
  // Behind a proxy on loopback: X-Forwarded-For names the client, so one
  // test can sign in from several addresses (no traffic leaves loopback).
  t = await startTestApp({ TRUST_PROXY: 'loopback' });
  // A second API process on the same database.
  other = await startTestApp({ TRUST_PROXY: 'loopback', DATABASE_URL: t.config.DATABASE_URL! });
});

/** Limits a test lowered, put back after it. */
const afterLimits: (() => void)[] = [];
afterEach(() => afterLimits.splice(0).forEach((restore) => restore()));

afterAll(async () => {
  await other?.stop();
  await t?.stop();
});

/** Signs in from `address`; returns the error code, or 'OK'. */
async function signIn(username: string, password: string, address: string, url = t.url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': 'en',
      'x-forwarded-for': address,
    },
    body: JSON.stringify({
      query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
      variables: { u: username, p: password },
    }),
  });
  const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
  return body.errors?.[0]?.extensions.code ?? 'OK';
}

describe('sign-in limits', () => {
  it('locks a guesser out at its own address, never the owner at theirs', async () => {
    await buildAccount(t.dataSource, { username: 'boss', role: Role.ADMIN });
    for (let i = 0; i < 10; i++) {
      expect(await signIn('boss', `guess ${i}`, '198.51.100.66')).toBe('UNAUTHENTICATED');
    }
    expect(await signIn('boss', 'guess 11', '198.51.100.66')).toBe('RATE_LIMITED');
    // Even the right password is refused there, but not from the owner's desk.
    expect(await signIn('boss', 'correct horse', '198.51.100.66')).toBe('RATE_LIMITED');
    expect(await signIn('boss', 'correct horse', '198.51.100.10')).toBe('OK');
  });

  it('lets the owner in from a usual address while the account is guessed at from everywhere', async () => {
    await buildAccount(t.dataSource, { username: 'clerk', role: Role.SECRETARY });
    // The owner's usual address: signed in from there before.
    expect(await signIn('clerk', 'correct horse', '192.0.2.10')).toBe('OK');
    // A distributed guesser: a few tries from each of many addresses.
    const perAddress = 5;
    const addresses = SIGN_IN_LIMITS.username.failures / perAddress;
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < perAddress; i++) {
        expect(await signIn('clerk', `guess ${a}.${i}`, `203.0.113.${a + 1}`)).toBe(
          'UNAUTHENTICATED',
        );
      }
    }
    // A new address is refused now, whatever the password...
    expect(await signIn('clerk', 'correct horse', '203.0.113.200')).toBe('RATE_LIMITED');
    // ...but the owner at the usual address gets in (on either process).
    expect(await signIn('clerk', 'correct horse', '192.0.2.10')).toBe('OK');
    expect(await signIn('clerk', 'correct horse', '192.0.2.10', other.url)).toBe('OK');
  });

  it('cuts off a flood of random usernames from one address without checking their passwords, while others sign in', async () => {
    await buildAccount(t.dataSource, { username: 'bystander' });
    // Every refused unknown username still costs a real (decoy) scrypt hash,
    // ~0.2-0.4 s of CPU here: a lower limit keeps the test short.
    const limit = SIGN_IN_LIMITS.address.failures;
    SIGN_IN_LIMITS.address.failures = 20;
    afterLimits.push(() => (SIGN_IN_LIMITS.address.failures = limit));
    const flood = '198.51.100.99';
    const loops = 30;
    const perLoop = 2;
    const codes: string[] = [];
    let bystander: string | undefined;
    await Promise.all([
      ...Array.from({ length: loops }, async (_, loop) => {
        for (let i = 0; i < perLoop; i++) {
          codes.push(await signIn(`random-${loop}-${i}`, 'whatever', flood));
        }
      }),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        bystander = await signIn('bystander', 'correct horse', '198.51.100.5');
      })(),
    ]);
    expect(bystander).toBe('OK');
    // Exactly the limit got a password check; the rest were refused outright.
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(
      SIGN_IN_LIMITS.address.failures,
    );
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(
      loops * perLoop - SIGN_IN_LIMITS.address.failures,
    );
    // The other process refuses that address too: the counts live in PostgreSQL.
    expect(await signIn('bystander', 'correct horse', flood, other.url)).toBe('RATE_LIMITED');
  });

  it('counts no failure when the check itself failed (the database was down)', async () => {
    await buildAccount(t.dataSource, { username: 'patient' });
    await t.dataSource.query(`ALTER TABLE account RENAME TO account_away`);
    try {
      for (let i = 0; i < 12; i++) {
        expect(await signIn('patient', 'correct horse', '192.0.2.77')).toBe(
          'INTERNAL_SERVER_ERROR',
        );
      }
    } finally {
      await t.dataSource.query(`ALTER TABLE account_away RENAME TO account`);
    }
    expect(await signIn('patient', 'correct horse', '192.0.2.77')).toBe('OK');
    const [row] = await t.dataSource.query(
      `SELECT coalesce(sum(failures), 0)::int AS failures FROM sign_in_limit WHERE key LIKE '%patient%'`,
    );
    expect(row.failures).toBe(0);
  });
});
