/**
 * Hostile text: a signed thread reply whose 1 MB text is built to make Slack-text decoding
 * backtrack, against a reply of 1 MB of plain text, through /slack/events of a running server.
 * A request still unanswered after `timeoutMs` is recorded as such and its server killed.
 */
import fs from 'node:fs';
import { BenchSlack } from './fake-slack';
import { replyRequest } from './ingest';
import { SERVER, round, runCli, slackEnv, startChild, tempDir, writeConfig } from './util';

const SIZE = 1_000_000;

/** Link openers that never close: each one used to make the link pattern scan to the end. */
export const hostile = () => '<http://a|'.repeat(SIZE / 10);
const plain = () => 'All work and no play. '.repeat(Math.ceil(SIZE / 22)).slice(0, SIZE);

async function timeOne(text: string, timeoutMs: number): Promise<{ ms: number | null; status: number | null }> {
  const dir = tempDir('hostile');
  const fake = await new BenchSlack().start();
  writeConfig(dir, ['slack:C0INGEST'], new Date(Date.now() + 30 * 86400_000));
  const env = slackEnv(dir, fake.url);
  let server: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    const posted = await runCli(['post', '--day', '1'], dir, env);
    if (posted.code !== 0) throw new Error(`wolbot post failed: ${posted.stderr}`);
    server = await startChild(SERVER, env, { cwd: dir, ready: '/healthz' });
    const threadTs = fake.posts[0].ts;
    const r = replyRequest(threadTs, Math.floor(Math.random() * 1e6), text);
    const started = performance.now();
    try {
      const res = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: r.headers, body: r.body, signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      return { ms: round(performance.now() - started, 1), status: res.status };
    } catch {
      server.proc.kill('SIGKILL');
      return { ms: null, status: null };
    }
  } finally {
    await server?.stop();
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function hostileText(timeoutMs: number) {
  const p = await timeOne(plain(), timeoutMs);
  const h = await timeOne(hostile(), timeoutMs);
  return {
    bytes: SIZE,
    plainMs: p.ms,
    plainStatus: p.status,
    hostileMs: h.ms,
    hostileStatus: h.status,
    timeoutMs,
    ratio: p.ms && h.ms ? round(h.ms / p.ms) : null,
  };
}
