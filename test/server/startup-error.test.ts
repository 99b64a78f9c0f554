import { explainStartupFailure, StartupError, unexpectedStack } from '../../src/startup-error';

describe('explaining a failed start', () => {
  it.each([
    ['undefined', undefined, 'unexpected error: undefined'],
    ['null', null, 'unexpected error: null'],
    ['a string', 'boom', 'unexpected error: boom'],
    ['an error without a message', new Error(''), 'unexpected error: Error'],
  ])('never throws, whatever it is given: %s', (_name, error, expected) => {
    expect(explainStartupFailure(error)).toBe(expected);
    expect(() => unexpectedStack(error)).not.toThrow();
  });

  it('never throws for an object whose every property access throws', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    expect(() => explainStartupFailure(hostile)).not.toThrow();
    expect(unexpectedStack(hostile)).toBe('');
  });

  it('gives a StartupError its own one-line message, without a stack', () => {
    const error = new StartupError('Port 4000 is taken: set PORT.');
    expect(explainStartupFailure(error)).toBe('Port 4000 is taken: set PORT.');
    expect(unexpectedStack(error)).toBe('');
  });

  it('explains what an operator can fix, naming the variable and never the password', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use :::4000'), {
      code: 'EADDRINUSE',
      port: 4000,
    });
    expect(explainStartupFailure(inUse)).toBe(
      'Port 4000 is already in use (is the server already running?): stop the other process or set PORT to a free port.',
    );
    const refused = Object.assign(new Error('password authentication failed for user "api"'), {
      code: '28P01',
    });
    const explained = explainStartupFailure(refused, {
      databaseUrl: 'postgres://api:s3cret@db.example:5432/thidua',
    });
    expect(explained).toBe(
      'the PostgreSQL at api@db.example:5432/thidua refused the sign-in (password authentication failed for user "api"): correct the user and password in DATABASE_URL.',
    );
    expect(explained).not.toContain('s3cret');
    const full = Object.assign(new Error('could not extend file: No space left on device'), {
      code: '53100',
    });
    expect(explainStartupFailure(full)).toMatch(/^The disk is full .*free some space/);
    expect(unexpectedStack(full)).toBe('');
  });

  it('keeps the stack of an unexpected error for the log', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'stack')");
    expect(explainStartupFailure(bug)).toBe(
      "unexpected error: Cannot read properties of undefined (reading 'stack')",
    );
    expect(unexpectedStack(bug)).toContain('startup-error.test.ts');
  });
});
