/**
 * Live leases: a send slower than the lease is not taken over while its owner is alive, because
 * the owner renews the lease while it works. Two servers share one SQLite file with a 1 s lease and
 * a Slack that answers each post after 2.5 s (the post lands only when answered): a second server
 * that took a claim over would find nothing yet and post again.
 */
import path from 'node:path';
import { slackChannels } from './due-config';
import { fanOutFixture } from './fan-out-fixture';
import { startServer, waitFor } from './server';
import { postsPerChannel, slackEnv } from './slack-posts';
import { ledger } from './sqlite-rows';

const CHANNELS = slackChannels(6);

describe('live leases', () => {
  const fx = fanOutFixture('wolbot-lease-', CHANNELS);

  test('two servers, posts slower than the lease: each channel posted once, nothing taken over', async () => {
    const file = path.join(fx.dir, 'w.db');
    const env = { DATABASE_URL: `sqlite:${file}`, WOLBOT_CONFIG: 'wolbot.yaml', WOLBOT_LEASE_MS: '1000', ...slackEnv(fx.fake) };
    fx.fake.latencyMs = 2500;
    const a = await startServer(fx.dir, env);
    fx.procs.push(a);
    const b = await startServer(fx.dir, env);
    fx.procs.push(b);
    await waitFor(() => ledger(file).filter((r) => r.state === 'sent').length === CHANNELS.length, 'all sent', 60_000);
    for (const p of [a, b]) p.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);

    const counts = postsPerChannel(fx.fake, 1);
    expect(CHANNELS.filter((c) => counts.get(c.slice('slack:'.length)) !== 1)).toEqual([]);
    // One prompt a channel (and one kick-off a channel before it), nothing sent twice.
    expect(fx.fake.callsOf('chat.postMessage').filter((c) => c.args.metadata)).toHaveLength(CHANNELS.length);
    expect(fx.fake.callsOf('chat.postMessage')).toHaveLength(2 * CHANNELS.length);
    for (const p of [a, b]) expect(p.log()).not.toMatch(/taken over meanwhile|adopted the post/);
  }, 90_000);
});
