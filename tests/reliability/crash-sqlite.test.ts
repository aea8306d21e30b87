/**
 * SIGKILL mid fan-out on SQLite, then restart: exactly one post per channel. One channel's post
 * reaches Slack but its answer never comes back (the dangerous case): the restart must find it by
 * its metadata and adopt it, not post it again.
 */
import path from 'node:path';
import { slackChannels } from './due-config';
import { fanOutFixture, restartUntilAllSent } from './fan-out-fixture';
import { startServer, waitFor } from './server';
import { slackEnv } from './slack-posts';
import { ledger } from './sqlite-rows';

const CHANNELS = slackChannels(40);

describe('SIGKILL mid fan-out on SQLite, then restart', () => {
  const fx = fanOutFixture('wolbot-crash-', CHANNELS);

  test('every channel ends with exactly one post; the hung one is adopted, not re-sent', async () => {
    const file = path.join(fx.dir, 'w.db');
    const env = { DATABASE_URL: `sqlite:${file}`, WOLBOT_CONFIG: 'wolbot.yaml', WOLBOT_LEASE_MS: '3000', ...slackEnv(fx.fake, { SLACK_MAX_POSTS_PER_SECOND: '4' }) };
    fx.fake.fail('chat.postMessage', { kind: 'hang', commit: true }, { match: (a) => a.channel === 'C0003' });
    const hung = fx.fake.nextHang();
    const first = await startServer(fx.dir, env);
    fx.procs.push(first);
    await hung;
    await waitFor(() => fx.fake.posts().length >= 8, 'some posts before the kill', 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = ledger(file);
    expect(fx.fake.posts().length).toBeLessThan(40);
    expect(atKill.filter((r) => ['claimed', 'sending'].includes(r.state)).length).toBeGreaterThan(0);
    expect(atKill.find((r) => r.channel_id === 'C0003')!.state).toBe('sending');

    // After the dead owner's lease (3 s), the restart's first tick reclaims and looks before sending.
    await new Promise((r) => setTimeout(r, 3500));
    const second = await restartUntilAllSent(fx, env, file, CHANNELS);
    expect(second.log()).toMatch(/adopted the post made by the previous attempt/);
  }, 120_000);
});
