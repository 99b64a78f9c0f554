import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Creates the structured logger: JSON lines, or with `format` 'pretty' one
 * coloured line per entry for a person at a terminal. Secrets are redacted
 * wherever they appear in a log object. Writes to stdout unless given a
 * `destination` (JSON only).
 */
export function createLogger(
  level: string,
  format: 'json' | 'pretty' = 'json',
  destination?: DestinationStream,
): Logger {
  const options = {
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        '*.*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        '*.headers.authorization',
        '*.headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty') {
    // Loaded only when asked for: most runs log JSON, and start-up time counts.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PinoPretty } = require('pino-pretty') as typeof import('pino-pretty');
    return pino(
      options,
      PinoPretty({ sync: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname' }),
    );
  }
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
