/**
 * Three server processes on one PostgreSQL database, 40 Slack channels due at the same minute:
 * exactly 40 posts; and with one replica SIGKILLed mid fan-out of 60, still one each once a survivor
 * takes the dead replica's claims over once its lease runs out without a heartbeat — within
 * lease + 30 s (short lease via WOLBOT_LEASE_MS).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { FakeSlack } from '../fakes/slack-api';
import { dueNowConfig, slackChannels } from './due-config';
import { databases, describePg } from '../helpers/pg';
import { killQuietly, startServer, waitFor, type ServerProc } from './server';
import { postsPerChannel, slackEnv } from './slack-posts';

const CHANNELS = slackChannels(40);
const WIDE = slackChannels(60);

async function deliveryStates(url: string): Promise<{ id: string; state: string; owner: string | null }[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(`select id, state, owner from deliveries where day = 1 and round = 0`)).rows;
  } finally {
    await c.end();
  }
}

async function stopGracefully(p: ServerProc): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  await p.exited;
}

describePg('replicas on PostgreSQL', () => {
  const dbs = databases();
  let dir = '';
  let fake: FakeSlack;
  let procs: ServerProc[] = [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-replicas-'));
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), dueNowConfig(CHANNELS));
    fake = await new FakeSlack().start();
    procs = [];
  });
  afterEach(async () => {
    await Promise.all(procs.map(killQuietly));
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => dbs.dropAll());

  test('3 replicas, 40 channels due at once: exactly 40 posts, one per channel', async () => {
    const { url } = await dbs.fresh();
    const env = { DATABASE_URL: url, WOLBOT_CONFIG: 'wolbot.yaml', ...slackEnv(fake) };
    procs = await Promise.all([0, 1, 2].map(() => startServer(dir, env)));
    await waitFor(async () => (await deliveryStates(url)).filter((d) => d.state === 'sent').length === 40, '40 sent deliveries', 60_000);
    await Promise.all(procs.map(stopGracefully));

    const counts = postsPerChannel(fake, 1);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(40);
    expect(CHANNELS.filter((c) => counts.get(c.slice('slack:'.length)) !== 1)).toEqual([]);
    // Every replica started together and migrated the same database once; none logged an error.
    for (const p of procs) expect(p.log()).not.toMatch(/"level":(50|60)/);
  }, 120_000);

  test('60 channels, Slack answering in 150 ms, one replica SIGKILLed after 15 posts: the survivors take its claims over within lease + 30 s, one post each', async () => {
    const { url } = await dbs.fresh();
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), dueNowConfig(WIDE));
    fake.latencyMs = 150;
    // Paced (4 posts/s per replica) so the fan-out lasts seconds; a short lease so the test is quick.
    const LEASE_MS = 8000;
    const env = { DATABASE_URL: url, WOLBOT_CONFIG: 'wolbot.yaml', WOLBOT_LEASE_MS: String(LEASE_MS), ...slackEnv(fake, { SLACK_MAX_POSTS_PER_SECOND: '4' }) };
    procs = await Promise.all([0, 1, 2].map(() => startServer(dir, env)));
    // The victim is whichever replica holds the most unfinished claims once posting is under way.
    let victim: ServerProc | undefined;
    let held: string[] = [];
    await waitFor(async () => {
      const rows = await deliveryStates(url);
      const holding = procs.map((p) => rows.filter((r) => r.owner?.includes(`:${p.child.pid}:`) && ['claimed', 'sending'].includes(r.state)).map((r) => r.id));
      const best = holding.reduce((bi, h, i) => (h.length > holding[bi]!.length ? i : bi), 0);
      victim = procs[best];
      held = holding[best]!;
      return held.length > 0 && fake.prompts().length >= 15;
    }, 'a replica to hold claims mid fan-out', 30_000);
    const victimTag = `:${victim!.child.pid}:`;
    victim!.child.kill('SIGKILL');
    await victim!.exited;
    expect(held.length).toBeGreaterThan(0);
    expect(fake.prompts().length).toBeLessThan(60); // killed mid-way, not after
    // What the dead replica left unfinished (it may have finished a claim or two before the signal landed).
    const orphaned = (await deliveryStates(url)).filter((r) => r.owner?.includes(victimTag) && ['claimed', 'sending'].includes(r.state)).map((r) => r.id);
    expect(orphaned.length).toBeGreaterThan(0);

    // The survivors' sweep (every third of the lease) reclaims the expired leases: recovering → look up → send once.
    await waitFor(async () => (await deliveryStates(url)).filter((d) => d.state === 'sent').length === 60, 'all 60 sent within lease + 30 s of the kill', LEASE_MS + 30_000);
    await Promise.all(procs.filter((p) => p !== victim).map(stopGracefully));

    const counts = postsPerChannel(fake, 1);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(60);
    expect(WIDE.filter((c) => counts.get(c.slice('slack:'.length)) !== 1)).toEqual([]);
    const rows = await deliveryStates(url);
    for (const id of orphaned) expect(rows.find((r) => r.id === id)).toMatchObject({ state: 'sent', owner: expect.not.stringContaining(victimTag) });
  }, 240_000);
});
