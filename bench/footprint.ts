/**
 * Footprint: start-up time to /healthz, RSS idle, RSS once the server has served an export of
 * `replies` stored replies (the export scenario, bench/export.ts, times each format).
 * The replies are written straight into the SQLite file (the ingest scenario measures the path in).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BenchSlack } from './fake-slack';
import { SERVER, WEB_TOKEN, round, rssMb, runCli, sleep, slackEnv, startChild, tempDir, writeConfig } from './util';

export const CHANNEL = 'C0FOOT';

/** A bench folder whose one Slack channel has day 1 posted (by `wolbot post`) to a fresh fake Slack; `close` removes both. */
export async function postedWorkspace(name: string): Promise<{ dir: string; env: NodeJS.ProcessEnv; close(): Promise<void> }> {
  const dir = tempDir(name);
  const fake = await new BenchSlack().start();
  writeConfig(dir, [`slack:${CHANNEL}`], new Date(Date.now() + 30 * 86400_000));
  const env = slackEnv(dir, fake.url);
  const close = async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const posted = await runCli(['post', '--day', '1'], dir, env);
  if (posted.code !== 0) {
    await close();
    throw new Error(`wolbot post failed: ${posted.stderr}`);
  }
  return { dir, env, close };
}

/** `n` replies under the channel's day-1 thread, straight into the SQLite file (500 people); `text` makes each one's words. */
export function seedReplies(file: string, n: number, text: (i: number) => string = (i) => `Reply ${i}: what I am working on this week, with a link to the draft and a question for the group.`): void {
  const db = new Database(file);
  try {
    const d = db.prepare('select id, thread_id from deliveries where channel_id = ?').get(CHANNEL) as { id: string; thread_id: string };
    const insert = db.prepare(
      `insert into replies (platform, channel_id, message_id, thread_id, delivery_id, user_id, text, at, edited_at, deleted_at, files, links, external)
       values ('slack', ?, ?, ?, ?, ?, ?, ?, null, null, '[]', '[]', 0)`,
    );
    const base = Date.now() - n * 10;
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const at = base + i * 10;
        const ts = `${Math.floor(at / 1000)}.${String(i % 1_000_000).padStart(6, '0')}`;
        insert.run(CHANNEL, ts, d.thread_id, d.id, `U${String(i % 500).padStart(5, '0')}`, text(i), new Date(at).toISOString());
      }
    })();
  } finally {
    db.close();
  }
}

export async function footprint(replies: number) {
  replies = Number(process.env.BENCH_REPLIES ?? replies);
  const { dir, env, close } = await postedWorkspace('footprint');
  let server: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    server = await startChild(SERVER, env, { cwd: dir, ready: '/healthz' });
    const startupMs = server.startMs;
    await sleep(3000);
    const idleRssMb = rssMb(server.proc.pid);

    const seedStarted = Date.now();
    seedReplies(path.join(dir, 'wolbot.db'), replies);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const served = Date.now();
    let serverExport: { status: number; bytes: number; seconds: number } | { error: string };
    try {
      const res = await fetch(`${server.url}/v1/export?format=json`, { headers: { authorization: `Bearer ${WEB_TOKEN}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      serverExport = { status: res.status, bytes, seconds: round((Date.now() - served) / 1000) };
    } catch (err) {
      serverExport = { error: `${(err as Error).message} ${(err as Error & { cause?: Error }).cause?.message ?? ''}` };
    }
    await sleep(1000);
    const withRepliesRssMb = rssMb(server.proc.pid);
    const serverPeakRssMb = rssMb(server.proc.pid, 'VmHWM');
    return {
      startupMs: round(startupMs, 0),
      idleRssMb: round(idleRssMb, 1),
      replies,
      seedSeconds: round(seedSeconds),
      serverExport,
      withRepliesRssMb: round(withRepliesRssMb, 1),
      serverPeakRssMb: round(serverPeakRssMb, 1),
    };
  } finally {
    await server?.stop();
    await close();
  }
}
