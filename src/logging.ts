import pino from 'pino';
import type { Logger } from './core/ports/logger';

/** Keys whose values never reach a log line, wherever they appear (pino redact paths); each platform adds its own. */
const REDACT_KEYS = ['token', 'password', 'secret', 'secretKey', 'authorization', 'Authorization', 'cookie'];
const redactPaths = (keys: readonly string[]) => [...keys, ...keys.map((k) => `*.${k}`), ...keys.map((k) => `*.*.${k}`), 'headers.authorization', 'req.headers.authorization', 'err.config.headers.Authorization'];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * pino with secrets redacted twice over: by key (redact paths) and by value — every configured
 * secret is replaced in the finished line, so one that slips into an error message is still hidden.
 */
export function createLogger(opts: { level: string; secrets: (string | undefined)[]; redactKeys?: readonly string[]; stream?: NodeJS.WritableStream }): Logger {
  const secrets = opts.secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const pattern = secrets.length ? new RegExp(secrets.map(escapeRegExp).join('|'), 'g') : null;
  const logger = pino(
    {
      level: opts.level,
      base: { app: 'wolbot' },
      redact: { paths: redactPaths([...REDACT_KEYS, ...(opts.redactKeys ?? [])]), censor: '[REDACTED]' },
      ...(pattern ? { hooks: { streamWrite: (s: string) => s.replace(pattern, '[REDACTED]') } } : {}),
    },
    (opts.stream ?? pino.destination({ fd: 2, sync: true })) as pino.DestinationStream,
  );
  return logger as unknown as Logger;
}
