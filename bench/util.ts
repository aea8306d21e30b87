/** Small pieces every scenario uses: temp dirs, child servers, RSS, the machine, configs. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Built (dist/bench) or run from source by the tests (bench/): the checkout holds package.json.
export const ROOT = fs.existsSync(path.join(__dirname, '..', 'package.json')) ? path.resolve(__dirname, '..') : path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'src', 'main.js');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
export const SIGNING_SECRET = 'bench-signing-secret';
export const WEB_TOKEN = 'bench-web-token-0123456789abcdef';

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `wolbot-bench-${name}-`));
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The environment of a Slack-on wolbot against the fake at `apiUrl`. */
export function slackEnv(dir: string, apiUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATABASE_URL: `sqlite:${path.join(dir, 'wolbot.db')}`,
    WOLBOT_CONFIG: path.join(dir, 'wolbot.yaml'),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: apiUrl,
    WEB_TOKEN,
    LOG_LEVEL: 'error',
    ...extra,
  };
}

/** A config whose day 1 is due at `at` (UTC) in every channel unless a channel says otherwise. */
export function writeConfig(dir: string, channels: string[], at: Date = new Date(), extra: string[] = []): void {
  const iso = at.toISOString();
  const lines = [
    'program: wol-week',
    `start: ${iso.slice(0, 10)}`,
    `time: "${iso.slice(11, 16)}"`,
    'timezone: UTC',
    'admins: [UADMIN]',
    ...extra,
    'channels:',
    ...channels.map((c) => `  - ${c}`),
  ];
  fs.writeFileSync(path.join(dir, 'wolbot.yaml'), `${lines.join('\n')}\n`);
}

export const channelIds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);

/** Run the built CLI; resolves with its exit code, output and wall time. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; ms: number; peakRssMb: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // /usr/bin/time reports the child's peak RSS (kB) on stderr's last line.
    const child = spawn('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M', process.execPath, CLI, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
      if (stdout.length < 200_000) stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /PEAK_RSS_KB=(\d+)/.exec(stderr);
      resolve({ code, stdout, stderr: stderr.replace(/PEAK_RSS_KB=\d+\n?/, ''), ms: performance.now() - started, peakRssMb: m ? Number(m[1]) / 1024 : NaN, bytes });
    });
  });
}

export interface Child {
  proc: ChildProcess;
  url: string;
  port: number;
  stderr(): string;
  stop(): Promise<void>;
}

/** Start a server script as a child on a free port; resolves once `ready` answers. */
export async function startChild(
  script: string,
  env: NodeJS.ProcessEnv,
  opts: { cwd?: string; ready?: string; nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<Child & { startMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), script], { cwd: opts.cwd, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => {
    if (err.length < 20_000) err += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${path.basename(script)} exited (${proc.exitCode}): ${err.slice(0, 2000)}`);
    try {
      const res = await fetch(`${url}${opts.ready ?? '/'}`, { signal: AbortSignal.timeout(1000) });
      if (!opts.ready || res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${path.basename(script)} did not become ready: ${err.slice(0, 2000)}`);
    }
    await sleep(20);
  }
  const startMs = performance.now() - started;
  return {
    proc,
    url,
    port,
    startMs,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode) return resolve();
        const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        proc.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

export function rssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  if (!pid) return NaN;
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (n: number, digits = 2) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);
