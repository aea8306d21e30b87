/**
 * Ingest: signed thread-reply events at concurrency 50 into wolbot's /slack/events (each answered
 * only once stored) and into a bare Bolt app with empty listeners, one after the other in the same
 * run. Afterwards every acknowledged event must be in the store.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { BenchSlack } from './fake-slack';
import { ROOT, SERVER, SIGNING_SECRET, round, runCli, slackEnv, startChild, tempDir, writeConfig, type Child } from './util';

// autocannon ships no types: required, not imported (eslint.config.mjs allows require in bench/).
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<any>;

export interface LoadResult {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  acknowledged: number;
  refused: number;
  errors: number;
  seconds: number;
}

const CHANNEL = 'C0INGEST';

/** A thread reply under `threadTs`, signed now; every call a new event id and message ts. */
export function replyRequest(threadTs: string, seq: number, text = `Work in progress #${seq}: a draft outline, feedback welcome.`) {
  const now = Date.now();
  const ts = `${Math.floor(now / 1000)}.${String(seq % 1_000_000).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'legacy',
    team_id: 'T0BENCH',
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: `Ev${process.pid.toString(36)}${seq.toString(36)}`.toUpperCase(),
    event_time: Math.floor(now / 1000),
    event: { type: 'message', channel: CHANNEL, channel_type: 'channel', user: `U${(seq % 97).toString().padStart(4, '0')}`, text, ts, thread_ts: threadTs, event_ts: ts },
    authorizations: [{ team_id: 'T0BENCH', user_id: 'UBOT', is_bot: true }],
  });
  const stamp = Math.floor(now / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${stamp}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(stamp), 'x-slack-signature': signature } };
}

let seq = 0;

/** Drive `url` with signed replies at `connections` for `seconds`. */
export async function load(url: string, threadTs: string, seconds: number, connections = 50): Promise<LoadResult> {
  const res = await autocannon({
    url: `${url}/slack/events`,
    connections,
    duration: seconds,
    method: 'POST',
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          const r = replyRequest(threadTs, ++seq);
          return { ...req, method: 'POST', path: '/slack/events', body: r.body, headers: r.headers };
        },
      },
    ],
  });
  const ok = res['2xx'] as number;
  return {
    eventsPerSecond: round(ok / res.duration, 1),
    p50Ms: res.latency.p50,
    p99Ms: res.latency.p99,
    acknowledged: ok,
    refused: res.non2xx,
    errors: res.errors + res.timeouts,
    seconds: round(res.duration, 1),
  };
}

interface Store {
  env: Record<string, string>;
  count(): Promise<number>;
  drop(): Promise<void>;
}

function sqliteStore(dir: string): Store {
  const file = path.join(dir, 'wolbot.db');
  return {
    env: { DATABASE_URL: `sqlite:${file}` },
    async count() {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare("select count(*) as c from replies where channel_id = ?").get(CHANNEL) as { c: number }).c;
      } finally {
        db.close();
      }
    },
    async drop() {},
  };
}

async function postgresStore(base: string): Promise<Store> {
  const name = `wolbot_bench_${process.pid}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    env: { DATABASE_URL: url },
    async count() {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        return Number((await c.query('select count(*) as c from replies where channel_id = $1', [CHANNEL])).rows[0].c);
      } finally {
        await c.end();
      }
    },
    async drop() {
      const a = new Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await a.end();
    },
  };
}

/** A wolbot server (child) with one posted prompt whose thread the replies go to. */
async function startWolbotServer(dir: string, fake: BenchSlack, store: Store, nodeArgs: string[] = []): Promise<{ child: Child; threadTs: string }> {
  // Day 1 far ahead: the start-up tick posts nothing; `wolbot post` makes the one prompt.
  writeConfig(dir, [`slack:${CHANNEL}`], new Date(Date.now() + 30 * 86400_000));
  const env = slackEnv(dir, fake.url, store.env);
  const posted = await runCli(['post', '--day', '1'], dir, env);
  if (posted.code !== 0) throw new Error(`wolbot post failed: ${posted.stderr}`);
  const threadTs = fake.posts.find((p) => p.channel === CHANNEL)!.ts;
  const child = await startChild(SERVER, env, { cwd: dir, ready: '/healthz', nodeArgs });
  return { child, threadTs };
}

export interface IngestRun {
  store: 'sqlite' | 'postgres';
  wolbot: LoadResult;
  bareBolt: LoadResult;
  ratioToBareBolt: number;
  p99TargetMs: number;
  stored: number;
  /** Acknowledged events missing from the store (must be 0). */
  lost: number;
}

/** One wolbot-vs-bare-Bolt comparison on one store. */
export async function ingestVsBolt(kind: 'sqlite' | 'postgres', seconds: number, opts: { profileDir?: string; connections?: number } = {}): Promise<IngestRun> {
  const dir = tempDir(`ingest-${kind}`);
  const fake = await new BenchSlack().start();
  const store = kind === 'sqlite' ? sqliteStore(dir) : await postgresStore(process.env.TEST_DATABASE_URL!);
  const prof = (name: string) => (opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`, `--cpu-prof-name=${name}-${kind}.cpuprofile`] : []);
  const nodeArgs = prof('wolbot');
  let wolbot: { child: Child; threadTs: string } | undefined;
  let bolt: Child | undefined;
  try {
    wolbot = await startWolbotServer(dir, fake, store, nodeArgs);
    bolt = await startChild(path.join(ROOT, 'dist', 'bench', 'bare-bolt.js'), { PATH: process.env.PATH, SLACK_SIGNING_SECRET: SIGNING_SECRET }, { nodeArgs: prof('bare-bolt') });
    // Warm both up (JIT, connections) before measuring.
    await load(wolbot.child.url, wolbot.threadTs, 2);
    await load(bolt.url, wolbot.threadTs, 2);
    await new Promise((r) => setTimeout(r, 500));
    const before = await store.count();
    const w = await load(wolbot.child.url, wolbot.threadTs, seconds, opts.connections);
    const b = await load(bolt.url, wolbot.threadTs, seconds, opts.connections);
    await wolbot.child.stop();
    const stored = (await store.count()) - before;
    return {
      store: kind,
      wolbot: w,
      bareBolt: b,
      ratioToBareBolt: round(w.eventsPerSecond / b.eventsPerSecond, 3),
      p99TargetMs: Math.max(100, round(1.25 * b.p99Ms, 1)),
      stored,
      lost: Math.max(0, w.acknowledged - stored),
    };
  } finally {
    await wolbot?.child.stop();
    await bolt?.stop();
    await fake.stop();
    await store.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
