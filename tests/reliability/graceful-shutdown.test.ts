/**
 * SIGTERM mid fan-out: the server stops taking new work, drains what is in flight (bounded), gives
 * back every claim it did not finish, and exits 0; a restart then posts what is left, once each.
 */
import path from 'node:path';
import { slackChannels } from './due-config';
import { fanOutFixture, restartUntilAllSent } from './fan-out-fixture';
import { startServer, waitFor } from './server';
import { slackEnv } from './slack-posts';
import { ledger } from './sqlite-rows';

const CHANNELS = slackChannels(40);

describe('graceful shutdown mid fan-out', () => {
  const fx = fanOutFixture('wolbot-sigterm-', CHANNELS);

  test('SIGTERM: exit 0, no claim left `claimed`, restart finishes with one post per channel', async () => {
    const file = path.join(fx.dir, 'w.db');
    // 2 posts/s: the fan-out of 40 would take 20 s, longer than the 10 s drain.
    const env = { DATABASE_URL: `sqlite:${file}`, WOLBOT_CONFIG: 'wolbot.yaml', ...slackEnv(fx.fake, { SLACK_MAX_POSTS_PER_SECOND: '2' }) };
    const first = await startServer(fx.dir, env);
    fx.procs.push(first);
    await waitFor(() => fx.fake.prompts().length >= 3, 'the fan-out to start', 30_000);
    const postsAtSigterm = fx.fake.prompts().length;
    first.child.kill('SIGTERM');
    const { code } = await first.exited;
    expect(code).toBe(0);
    // No new work after SIGTERM: at most the sends already in flight (fan-out of 8) complete.
    expect(fx.fake.prompts().length - postsAtSigterm).toBeLessThanOrEqual(8);
    expect(first.log()).toMatch(/"msg":"stopped"/);

    const rows = ledger(file);
    const now = Date.now();
    expect(rows.filter((r) => r.state === 'sent').length).toBeLessThan(40);
    // Nothing is left held by the dead process: claims went back (retry) or ended their lease now (sending → recovering later).
    expect(rows.filter((r) => r.state === 'claimed' || r.state === 'recovering')).toEqual([]);
    for (const r of rows.filter((x) => x.state === 'sending')) expect(Date.parse(r.lease_until!)).toBeLessThanOrEqual(now);
    expect(rows.every((r) => ['sent', 'retry', 'sending'].includes(r.state))).toBe(true);

    await restartUntilAllSent(fx, { ...env, SLACK_MAX_POSTS_PER_SECOND: '20' }, file, CHANNELS);
  }, 120_000);
});
