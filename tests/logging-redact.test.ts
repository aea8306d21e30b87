/**
 * Secrets in logged objects are hidden by key: wolbot's own keys, and each platform's as its
 * descriptor lists them (secretFields) — the logger itself names no platform.
 */
import { openContext } from '../src/open-context';
import { PLATFORMS } from '../src/platforms';
import { logSink, tempWorkspace } from './helpers/workspace';

test('the logger redacts wolbot keys and every platform secret field, at any depth up to two levels', async () => {
  const ws = tempWorkspace();
  const logs = logSink();
  const ctx = await openContext({ env: { DATABASE_URL: ws.dbUrl, LOG_LEVEL: 'info' }, cwd: ws.dir, logStream: logs.stream });
  try {
    const fields = PLATFORMS.flatMap((p) => p.secretFields ?? []);
    expect(fields).toEqual(expect.arrayContaining(['botToken', 'appPassword']));
    const nested = Object.fromEntries(fields.map((k, i) => [k, `plain-${i}`]));
    ctx.logger.info({ token: 'plain-token', settings: nested, deeper: { settings: nested } }, 'settings read');
    const line = logs.text().split('\n').find((l) => l.includes('settings read'))!;
    expect(line).not.toMatch(/plain-/);
    expect(JSON.parse(line)).toMatchObject({ token: '[REDACTED]', settings: { botToken: '[REDACTED]', appPassword: '[REDACTED]' } });
  } finally {
    await ctx.store.close();
    ws.cleanup();
  }
});
