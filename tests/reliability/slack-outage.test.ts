/**
 * Slack unreachable at start: the bot starts and serves anyway, keeps trying (not twice and then
 * never), says `connected to Slack` once Slack is back, and catches up the replies written meanwhile.
 * The fake refuses connections (its port closed) until the test tells it to accept them again.
 */
import path from 'node:path';
import { slackChannels } from './due-config';
import { fanOutFixture } from './fan-out-fixture';
import { startServer, waitFor } from './server';
import { slackEnv } from './slack-posts';
import { ledger } from './sqlite-rows';
import { runCli } from '../helpers/cli';

const CHANNELS = slackChannels(1);
const count = (log: string, re: RegExp) => log.split('\n').filter((l) => re.test(l)).length;

describe('Slack unreachable at start', () => {
  const fx = fanOutFixture('wolbot-slack-outage-', CHANNELS);

  test('keeps trying, logs connected once Slack is back, and a reply written while down is in the export', async () => {
    const file = path.join(fx.dir, 'w.db');
    const env = { DATABASE_URL: `sqlite:${file}`, WOLBOT_CONFIG: 'wolbot.yaml', ...slackEnv(fx.fake) };
    // Day 1 is posted while Slack is up.
    const first = await startServer(fx.dir, env);
    fx.procs.push(first);
    await waitFor(() => ledger(file).some((r) => r.state === 'sent'), 'day 1 posted');
    first.child.kill('SIGTERM');
    await first.exited;
    const thread = fx.fake.prompts()[0]!;

    await fx.fake.refuse();
    const second = await startServer(fx.dir, env);
    fx.procs.push(second);
    const health = await (await fetch(`${second.url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, connections: { slack: 'retrying' } });
    // Someone replies while the bot cannot reach Slack (Slack gives up redelivering such events).
    fx.fake.addMessage({ channel: thread.channel, user: 'U0ANA', text: 'written while the bot was away', thread_ts: thread.ts, type: 'message' });
    // More than the two tries the old code made before falling silent.
    await waitFor(() => count(second.log(), /cannot reach Slack \(auth\.test\); retrying/) >= 3, 'three failed tries', 30_000);
    expect(second.log()).not.toMatch(/connected to Slack/);

    await fx.fake.accept();
    await waitFor(() => /connected to Slack/.test(second.log()) && /caught up Slack thread replies/.test(second.log()), 'connected and caught up', 60_000);
    expect(await (await fetch(`${second.url}/healthz`)).json()).toMatchObject({ connections: { slack: 'connected' } });

    const out = await runCli(['export', '--format', 'json'], { cwd: fx.dir, env });
    expect(out.code).toBe(0);
    const replies = JSON.parse(out.stdout).posts.flatMap((p: { replies: { text: string }[] }) => p.replies.map((r) => r.text));
    expect(replies).toContain('written while the bot was away');
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 120_000);
});
