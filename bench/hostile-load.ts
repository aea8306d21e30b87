/**
 * Hostile load against a running server process (real sockets), its RSS read from /proc: many
 * unsigned Slack bodies held open (a fresh timestamp, a made-up signature, most of a 1 MB body),
 * and exports whose clients stop reading. Used by `npm run bench` (the "hostile load" row) and by
 * tests/hostile-load.test.ts, which holds the results against issue 21's bounds.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { postedWorkspace, seedReplies } from './footprint';
import { SERVER, WEB_TOKEN, rssMb, sleep, startChild } from './util';

/** What the server held while the attack ran. */
export interface LoadResult {
  baselineRssMb: number;
  peakRssMb: number;
  /** The slowest /healthz answer meanwhile (null: one failed or took longer than the bound). */
  healthMaxMs: number | null;
  healthChecks: number;
}

/**
 * /healthz every 250 ms, each within a bound, from a worker thread: the attack's own sockets keep this
 * thread's event loop busy, and a probe run here would time itself, not the server.
 */
const HEALTH_PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
let on = true, max = 0, failed = false, checks = 0;
parentPort.on('message', () => (on = false));
(async () => {
  while (on) {
    const started = performance.now();
    try {
      const r = await fetch(workerData.url + '/healthz', { signal: AbortSignal.timeout(workerData.boundMs) });
      await r.arrayBuffer();
      if (!r.ok) failed = true;
      else max = Math.max(max, performance.now() - started);
    } catch {
      failed = true;
    }
    checks++;
    await new Promise((r) => setTimeout(r, 250));
  }
  parentPort.postMessage({ max: failed ? null : max, checks });
})();
`;

/** Samples RSS every 50 ms and probes /healthz (each within `boundMs`, else a failure) until stopped. */
function watch(url: string, pid: number, boundMs = 3000) {
  const baselineRssMb = rssMb(pid);
  let peak = baselineRssMb;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid) || 0)), 50);
  const probe = new Worker(HEALTH_PROBE, { eval: true, workerData: { url, boundMs } });
  const probed = new Promise<{ max: number | null; checks: number }>((resolve, reject) => {
    probe.once('message', resolve);
    probe.once('error', reject);
  });
  return async (): Promise<LoadResult> => {
    clearInterval(sampler);
    probe.postMessage('stop');
    const { max, checks } = await probed;
    await probe.terminate();
    return { baselineRssMb, peakRssMb: Math.round(Math.max(peak, rssMb(pid) || 0)), healthMaxMs: max === null ? null : Math.round(max), healthChecks: checks };
  };
}

/**
 * `n` connections to /slack/events, each declaring a 1 MB body and sending `bytes` of it as fast as
 * the server takes them, then holding the connection; for `holdMs` in all.
 */
export async function unsignedBodies(url: string, pid: number, o: { n?: number; bytes?: number; holdMs?: number; healthBoundMs?: number } = {}): Promise<LoadResult & { refused: number; connections: number }> {
  const n = o.n ?? 400;
  const bytes = o.bytes ?? 990 * 1024;
  const { port } = new URL(url);
  const stop = watch(url, pid, o.healthBoundMs);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let refused = 0;
  const sockets = Array.from({ length: n }, () => {
    const s = net.connect(Number(port), '127.0.0.1');
    s.on('error', () => undefined);
    s.once('data', (d: Buffer) => {
      if (/^HTTP\/1\.1 (503|401|413)/.test(d.toString('latin1'))) refused++;
    });
    s.once('connect', () => void send(s));
    return s;
  });
  async function send(s: net.Socket): Promise<void> {
    s.write(
      `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n` +
        `X-Slack-Request-Timestamp: ${Math.floor(Date.now() / 1000)}\r\nX-Slack-Signature: v0=${randomBytes(32).toString('hex')}\r\n\r\n`,
    );
    for (let sent = 0; sent < bytes && !s.destroyed; sent += chunk.length) {
      if (!s.write(chunk.subarray(0, Math.min(chunk.length, bytes - sent)))) await new Promise((r) => (s.once('drain', r), s.once('close', r)));
    }
  }
  await sleep(o.holdMs ?? 8000);
  const result = await stop();
  for (const s of sockets) s.destroy();
  return { ...result, refused, connections: n };
}

/**
 * `n` CSV exports whose clients read the status line and then nothing more, held for `holdMs`.
 * Gives each one's status (200 taken, 503 refused) and the server's peak RSS meanwhile.
 */
export async function stalledExports(url: string, pid: number, token: string, o: { n?: number; holdMs?: number; healthBoundMs?: number } = {}): Promise<LoadResult & { statuses: number[] }> {
  const n = o.n ?? 10;
  const { port } = new URL(url);
  const stop = watch(url, pid, o.healthBoundMs);
  const statuses: number[] = [];
  const sockets: net.Socket[] = [];
  for (let i = 0; i < n; i++) {
    const s = net.connect(Number(port), '127.0.0.1', () => s.write(`GET /v1/export?format=csv HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`));
    s.on('error', () => undefined);
    s.once('data', (d: Buffer) => {
      statuses.push(Number(/^HTTP\/1\.1 (\d{3})/.exec(d.toString('latin1'))?.[1] ?? 0));
      s.pause(); // and never read again
    });
    sockets.push(s);
    await sleep(50);
  }
  await sleep(o.holdMs ?? 8000);
  const result = await stop();
  for (const s of sockets) s.destroy();
  return { ...result, statuses: statuses.sort() };
}

/**
 * The bench's "hostile load" row: a server with 1,000 replies of 40,000 characters under 400
 * unsigned 990 KB bodies, then 10 stalled CSV exports; its peak RSS and slowest /healthz in each.
 */
export async function hostileLoad() {
  const ws = await postedWorkspace('hostile-load');
  let server: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    seedReplies(path.join(ws.dir, 'wolbot.db'), 1_000, (i) => `${i} `.padEnd(40_000, 'w'));
    server = await startChild(SERVER, ws.env, { cwd: ws.dir, ready: '/healthz' });
    const bodies = await unsignedBodies(server.url, server.proc.pid!, { n: 400, holdMs: 8000 });
    const exports = await stalledExports(server.url, server.proc.pid!, WEB_TOKEN, { n: 10, holdMs: 6000 });
    return { bodies, exports, rssTargetMb: 350 };
  } finally {
    await server?.stop();
    await ws.close();
  }
}
