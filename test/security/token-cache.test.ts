import jwt from 'jsonwebtoken';
import type { Actor } from '../../src/auth/actor';
import { TokenService } from '../../src/auth/tokens';
import { Role } from '../../src/modules/accounts/account.entity';

// TokenService.verify remembers the tokens it accepted (by their text), so that a
// client's token is not checked with HMAC on every request: what it answers must not change.

const SECRET = 'a-secret-for-the-token-cache-tests';
const actor: Actor = {
  accountId: '6f1c1f3e-8d0e-4a51-9d3c-2f7f1b0c9a11',
  username: 'cached',
  role: Role.VIEWER,
  unitId: null,
  personId: null,
};

afterEach(() => {
  jest.useRealTimers();
});

describe('a verified token remembered by the token service', () => {
  it('is refused from the second its expiry is reached, as an unremembered one is', () => {
    jest.useFakeTimers({ now: new Date('2026-12-02T08:00:00.400Z') });
    const tokens = new TokenService(SECRET, 60);
    const token = tokens.sign(actor);
    expect(tokens.verify(`Bearer ${token}`)?.actor).toEqual(actor);
    jest.setSystemTime(new Date('2026-12-02T08:00:59.999Z'));
    expect(tokens.verify(`Bearer ${token}`)?.actor).toEqual(actor);
    jest.setSystemTime(new Date('2026-12-02T08:01:00.000Z'));
    expect(tokens.verify(`Bearer ${token}`)).toBeNull();
    expect(new TokenService(SECRET, 60).verify(token)).toBeNull();
    // Still refused later, and not accepted again by another spelling of the header.
    jest.setSystemTime(new Date('2026-12-02T08:02:00.000Z'));
    expect(tokens.verify(`bearer ${token}`)).toBeNull();
  });

  it('does not make a token with the same claims under another secret acceptable', () => {
    const tokens = new TokenService(SECRET, 60);
    const token = tokens.sign(actor);
    expect(tokens.verify(token)).not.toBeNull();
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = jwt.sign(claims, 'another-secret', { algorithm: 'HS256' });
    expect(forged).not.toBe(token);
    expect(tokens.verify(forged)).toBeNull();
    // A token's text with its signature changed is another text: checked, and refused.
    expect(tokens.verify(`${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`)).toBeNull();
  });

  it('gives every caller its own copy, so no request changes what the next one reads', () => {
    const tokens = new TokenService(SECRET, 60);
    const token = tokens.sign({ ...actor, role: Role.UNIT_MANAGER, unitId: 'u-1' });
    const first = tokens.verify(token)!;
    first.actor.role = Role.ADMIN;
    first.actor.unitId = null;
    first.expiresAt = Number.MAX_SAFE_INTEGER;
    const second = tokens.verify(token)!;
    expect(second.actor).toEqual({ ...actor, role: Role.UNIT_MANAGER, unitId: 'u-1' });
    expect(second.expiresAt).toBeLessThan(Date.now() + 61_000);
    expect(second).toEqual(new TokenService(SECRET, 60).verify(token));
  });
});
