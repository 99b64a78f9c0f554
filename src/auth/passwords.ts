import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt parameters: N=2^15, r=8, p=1 (32 MiB per hash), OWASP's recommendation for scrypt.
const COST = 15;
const PARAMS: ScryptOptions = { N: 1 << COST, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, params, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Hashes a password with scrypt: `scrypt$N$r$p$salt$hash` (base64url). The
 * parameters travel with the hash, so verifying needs nothing else. `cost` is
 * log2(N), 15 by default; tests pass a lower one (10 at least) to stay fast.
 */
export async function hashPassword(password: string, cost = COST): Promise<string> {
  if (!Number.isInteger(cost) || cost < 10 || cost > COST) {
    throw new Error(`scrypt cost must be an integer from 10 to ${COST}`);
  }
  const params = { ...PARAMS, N: 1 << cost };
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Checks a password against a hash made by hashPassword, in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
