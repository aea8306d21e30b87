import pino from 'pino';
import type { Logger } from './core/ports/logger';

/** Keys whose values never reach a log line, wherever they appear (pino redact paths); each platform adds its own. */
const REDACT_KEYS = ['token', 'password', 'secret', 'secretKey', 'authorization', 'Authorization', 'cookie'];
const redactPaths = (keys: readonly string[]) => [...keys, ...keys.map((k) => `*.${k}`), ...keys.map((k) => `*.*.${k}`), 'headers.authorization', 'req.headers.authorization', 'err.config.headers.Authorization'];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * stderr: readable lines (pino-pretty, in pino's own worker thread) when a person watches a
 * terminal; one JSON object a line otherwise, for log collectors (`| npx pino-pretty` reads them).
 */
function destination(): pino.DestinationStream {
  if (process.stderr.isTTY) return pino.transport({ target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss', ignore: 'pid,hostname,app' } });
  return pino.destination({ fd: 2, sync: true });
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
    (opts.stream ?? destination()) as pino.DestinationStream,
  );
  return logger as unknown as Logger;
}
