/** The Slack adapter's start-up connection against the fake Web API: refused, unreachable, back. */
import type { Logger } from '../src/core/ports/logger';
import { retryDelayMs } from '../adapters/slack/connection';
import { startHarness } from './helpers/slack-adapter-harness';

function recordingLogger(): Logger & { lines: { level: string; msg: string }[] } {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (a: object | string, b?: string) => void lines.push({ level, msg: typeof a === 'string' ? a : b ?? '' });
  const l = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => l };
  return l;
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

describe('Slack connection at start', () => {
  test('a refused token is told once, clearly, retried slowly, and shows as refused until it works', async () => {
    const logger = recordingLogger();
    const h = await startHarness({ logger, authRetryMaxMs: 30, settings: { botToken: 'xoxb-revoked', maxPostsPerSecond: 20, mode: 'http' } });
    try {
      expect(h.adapter.connection!()).toBe('refused');
      await until(() => h.fake.callsOf('auth.test').length >= 4, 'four tries');
      const told = logger.lines.filter((l) => /Slack refused SLACK_BOT_TOKEN \(invalid_auth\).*retrying slowly/.test(l.msg));
      expect(told).toHaveLength(1);
      expect(told[0]!.level).toBe('error');
      h.fake.tokens.add('xoxb-revoked');
      await until(() => h.adapter.connection!() === 'connected', 'connected');
      expect(logger.lines.filter((l) => l.msg === 'connected to Slack')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  test('a 5xx at start is retried until Slack answers', async () => {
    const logger = recordingLogger();
    const h = await startHarness({ logger, authRetryMaxMs: 30, beforeStart: (f) => f.fail('auth.test', { kind: 'status', status: 503 }, { times: 5 }) });
    try {
      expect(h.adapter.connection!()).toBe('retrying');
      await until(() => h.adapter.connection!() === 'connected', 'connected after 5 failures');
      expect(h.fake.callsOf('auth.test')).toHaveLength(6);
      expect(logger.lines.filter((l) => /cannot reach Slack \(auth\.test\); retrying/.test(l.msg))).toHaveLength(5);
    } finally {
      await h.stop();
    }
  });

  test('the retry curve: about 1 s, doubling, jittered, never above 5 min', () => {
    const max = 5 * 60_000;
    expect(retryDelayMs(1, 1000, max, () => 1)).toBe(1000);
    expect(retryDelayMs(1, 1000, max, () => 0)).toBe(500);
    expect(retryDelayMs(4, 1000, max, () => 1)).toBe(8000);
    expect(retryDelayMs(40, 1000, max, () => 1)).toBe(max);
    expect(retryDelayMs(40, 1000, max, () => 0)).toBe(max / 2);
  });
});
