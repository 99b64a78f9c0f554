import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

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
    return pino(
      options,
      PinoPretty({ sync: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname' }),
    );
  }
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
