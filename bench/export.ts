/**
 * Export of `replies` stored replies as JSON, CSV and Markdown, each format both ways: `wolbot
 * export` (a process each: wall time and peak RSS) and GET /v1/export on a running server (time to
 * the last byte and the server's peak RSS during the request: its high-water mark is reset through
 * /proc/PID/clear_refs before each request, so each format's figure is its own). The server runs
 * without its Slack connection, on the same store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { postedWorkspace, seedReplies } from './footprint';
import { SERVER, WEB_TOKEN, round, rssMb, runCli, sleep, startChild } from './util';

const FORMATS = ['json', 'csv', 'md'] as const;

export interface ExportFigure {
  seconds: number;
  peakRssMb: number;
  bytes: number;
  code?: number | null;
  status?: number;
  /** The server's RSS before the request (GET /v1/export). */
  rssBeforeMb?: number;
  error?: string;
}

export async function exportBench(replies: number) {
  replies = Number(process.env.BENCH_REPLIES ?? replies);
  const { dir, env, close } = await postedWorkspace('export');
  let server: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    seedReplies(path.join(dir, 'wolbot.db'), replies);

    const cli: Record<string, ExportFigure> = {};
    for (const format of FORMATS) {
      const r = await runCli(['export', '--format', format], dir, env);
      cli[format] = { seconds: round(r.ms / 1000), peakRssMb: round(r.peakRssMb, 1), bytes: r.bytes, code: r.code, ...(r.code ? { error: r.stderr.slice(0, 500) } : {}) };
    }

    // Without Slack: at start-up its catch-up would read the thread's 100,000 stored replies and
    // tombstone those the fake does not list, while the exports run (neither is the export's work).
    const { SLACK_SIGNING_SECRET: _s, SLACK_BOT_TOKEN: _t, SLACK_API_URL: _u, ...webOnly } = env;
    server = await startChild(SERVER, webOnly, { cwd: dir, ready: '/healthz' });
    await sleep(2000);
    const http: Record<string, ExportFigure> = {};
    for (const format of FORMATS) http[format] = await served(server, format);
    return { replies, cli, http };
  } finally {
    await server?.stop();
    await close();
  }
}

/** One GET /v1/export read to its last byte, with the server's peak RSS while it answered. */
async function served(server: { url: string; proc: { pid?: number } }, format: string): Promise<ExportFigure> {
  const pid = server.proc.pid;
  const rssBeforeMb = rssMb(pid);
  const reset = resetPeak(pid);
  const started = performance.now();
  try {
    const res = await fetch(`${server.url}/v1/export?format=${format}`, { headers: { authorization: `Bearer ${WEB_TOKEN}` } });
    let bytes = 0;
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    const seconds = round((performance.now() - started) / 1000);
    return { seconds, peakRssMb: round(rssMb(pid, 'VmHWM'), 1), bytes, status: res.status, rssBeforeMb: round(rssBeforeMb, 1), ...(reset ? {} : { error: 'peak RSS not reset (clear_refs refused): the figure is the server\'s peak so far' }) };
  } catch (err) {
    return { seconds: round((performance.now() - started) / 1000), peakRssMb: NaN, bytes: 0, error: (err as Error).message };
  }
}

/** Linux: writing 5 to clear_refs resets the process's VmHWM to its current RSS. */
function resetPeak(pid: number | undefined): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
