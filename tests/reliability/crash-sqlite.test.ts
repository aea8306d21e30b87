/**
 * SIGKILL mid fan-out on SQLite, then restart at once: exactly one post per channel. The restarted
 * server takes the dead process's claims over at start (same host, pid gone) instead of waiting out
 * their lease. One channel's post reaches Slack but its answer never comes back (the dangerous
 * case): the restart must find it by its metadata and adopt it, not post it again.
 */
import path from 'node:path';
import { slackChannels } from './due-config';
import { fanOutFixture, restartUntilAllSent } from './fan-out-fixture';
import { startServer, waitFor } from './server';
import { slackEnv } from './slack-posts';
import { ledger } from './sqlite-rows';

describe('SIGKILL mid fan-out on SQLite, then restart', () => {
  describe('a hung post', () => {
    const CHANNELS = slackChannels(40);
    const fx = fanOutFixture('wolbot-crash-', CHANNELS);

    test('every channel ends with exactly one post; the hung one is adopted, not re-sent', async () => {
      const file = path.join(fx.dir, 'w.db');
      const env = { DATABASE_URL: `sqlite:${file}`, WOLBOT_CONFIG: 'wolbot.yaml', WOLBOT_LEASE_MS: '3000', ...slackEnv(fx.fake, { SLACK_MAX_POSTS_PER_SECOND: '4' }) };
      fx.fake.fail('chat.postMessage', { kind: 'hang', commit: true }, { match: (a) => a.channel === 'C0003' && !!a.metadata });
      const hung = fx.fake.nextHang();
      const first = await startServer(fx.dir, env);
      fx.procs.push(first);
      await hung;
      await waitFor(() => fx.fake.prompts().length >= 8, 'some posts before the kill', 30_000);
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = ledger(file);
      expect(fx.fake.prompts().length).toBeLessThan(40);
      expect(atKill.filter((r) => ['claimed', 'sending'].includes(r.state)).length).toBeGreaterThan(0);
      expect(atKill.find((r) => r.channel_id === 'C0003')!.state).toBe('sending');

      // Restarted at once: the dead owner's claims are taken over at start, looking before sending.
      const second = await restartUntilAllSent(fx, env, file, CHANNELS);
      expect(second.log()).toMatch(/taking over the claims of a process that is gone/);
      expect(second.log()).toMatch(/adopted the post made by the previous attempt/);
    }, 120_000);
  });

  describe('default settings', () => {
    const CHANNELS = slackChannels(60);
    const fx = fanOutFixture('wolbot-crash-defaults-', CHANNELS);

    test('killed after 15 of 60 posts (Slack answering in 150 ms), restarted at once: all 60 posted once within 60 s', async () => {
      const file = path.join(fx.dir, 'w.db');
      // No WOLBOT_LEASE_MS, no pacing override: what an operator runs.
      const env = { DATABASE_URL: `sqlite:${file}`, WOLBOT_CONFIG: 'wolbot.yaml', ...slackEnv(fx.fake) };
      fx.fake.latencyMs = 150;
      const first = await startServer(fx.dir, env);
      fx.procs.push(first);
      await waitFor(() => fx.fake.prompts().length >= 15, '15 posts before the kill', 30_000);
      first.child.kill('SIGKILL');
      await first.exited;
      const inFlight = ledger(file).filter((r) => ['claimed', 'sending'].includes(r.state));
      expect(fx.fake.prompts().length).toBeLessThan(60);
      expect(inFlight.length).toBeGreaterThan(0);

      // restartUntilAllSent waits at most 60 s for every channel, then checks one post each.
      const second = await restartUntilAllSent(fx, env, file, CHANNELS);
      expect(second.log()).toMatch(/taking over the claims of a process that is gone/);
    }, 120_000);
  });
});
