/**
 * Slack fan-out the way users post: the scheduler's tick (in this process, the real start-up path,
 * cron off so the bench decides when) and `wolbot post` (the CLI as a child). The fake Slack allows
 * `limit` posts a second across the workspace and answers 429 + Retry-After beyond it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startWolbot } from '../src/app';
import type { Clock } from '../src/core/ports/clock';
import { BenchSlack, type FakeSlackOptions } from './fake-slack';
import { channelIds, round, runCli, slackEnv, tempDir, writeConfig } from './util';

export interface FanOutResult {
  channels: number;
  limit: number;
  via: 'tick' | 'cli';
  posted: number;
  /** Channels without exactly one day-1 post. */
  notExactlyOnce: number;
  requests: number;
  refused: number;
  refusedShare: number;
  /** From the first request to the last accepted post. */
  seconds: number;
  postsPerSecond: number;
  shareOfLimit: number;
}

function summarise(fake: BenchSlack, ids: string[], limit: number, via: 'tick' | 'cli'): FanOutResult {
  const perChannel = new Map<string, number>();
  for (const p of fake.posts) if (p.day === 1) perChannel.set(p.channel, (perChannel.get(p.channel) ?? 0) + 1);
  const notExactlyOnce = ids.filter((id) => perChannel.get(id) !== 1).length;
  const first = fake.requests[0]?.at ?? 0;
  const last = fake.posts.length ? fake.posts[fake.posts.length - 1].at : first;
  const seconds = (last - first) / 1000;
  // n posts paced at r a second span (n - 1) / r seconds.
  const rate = seconds > 0 ? (fake.posts.length - 1) / seconds : NaN;
  return {
    channels: ids.length,
    limit,
    via,
    posted: fake.posts.length,
    notExactlyOnce,
    requests: fake.requests.length,
    refused: fake.refused,
    refusedShare: round(fake.refused / Math.max(1, fake.requests.length), 4),
    seconds: round(seconds),
    postsPerSecond: round(rate),
    shareOfLimit: round(rate / limit, 3),
  };
}

/** Day 1 into `n` Slack channels through one scheduler tick. */
export async function fanOutTick(n: number, limit: number, fakeOpts: FakeSlackOptions = { limit }, extraEnv: Record<string, string> = {}, clock?: Clock) {
  const dir = tempDir('fanout');
  const fake = await new BenchSlack(fakeOpts).start();
  const ids = channelIds('CF', n);
  writeConfig(dir, ids.map((id) => `slack:${id}`), clock?.now());
  const log = fs.createWriteStream(path.join(dir, 'log.ndjson'));
  const app = await startWolbot({
    env: slackEnv(dir, fake.url, { SLACK_MAX_POSTS_PER_SECOND: String(limit), ...extraEnv }),
    cwd: dir, cron: false, port: 0, logStream: log, clock,
  });
  try {
    const started = Date.now();
    const report = await app.tick();
    return { ...summarise(fake, ids, limit, 'tick'), tickSeconds: round((Date.now() - started) / 1000), report };
  } finally {
    await app.stop();
    await fake.stop();
    log.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Day 1 into `n` Slack channels through `wolbot post --day 1` (a child process, as a user runs it). */
export async function fanOutCli(n: number, limit: number, fakeOpts: FakeSlackOptions = { limit }) {
  const dir = tempDir('fanout-cli');
  const fake = await new BenchSlack(fakeOpts).start();
  const ids = channelIds('CC', n);
  // Day 1 far ahead: nothing is due by schedule, the command is what posts.
  writeConfig(dir, ids.map((id) => `slack:${id}`), new Date(Date.now() + 30 * 86400_000));
  try {
    const r = await runCli(['post', '--day', '1'], dir, slackEnv(dir, fake.url, { SLACK_MAX_POSTS_PER_SECOND: String(limit) }));
    if (r.code !== 0) throw new Error(`wolbot post exited ${r.code}: ${r.stderr.slice(0, 500)}`);
    return { ...summarise(fake, ids, limit, 'cli'), commandSeconds: round(r.ms / 1000) };
  } finally {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every channel's first post answered 429 Retry-After 1 s: time to post all, against the ideal. */
export async function storm(n: number, limit: number) {
  const r = await fanOutTick(n, limit, { limit, firstPostRetryAfter: 1 });
  const ideal = 1 + n / limit;
  return {
    channels: n,
    seconds: r.seconds,
    idealSeconds: round(ideal),
    ratioToIdeal: round(r.seconds / ideal),
    notExactlyOnce: r.notExactlyOnce,
    posted: r.posted,
    requests: r.requests,
  };
}
