import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER } from '../helpers/cli';

export interface ServerProc {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote on stderr (pino JSON lines). */
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the built server (`node dist/src/main.js`) on an ephemeral port; resolves once it listens. */
export function startServer(cwd: string, env: NodeJS.ProcessEnv): Promise<ServerProc> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER], { cwd, env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let started = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    child.stdout!.on('data', (d) => (err += d));
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /running on port (\d+)/.exec(err);
      if (m && !started) {
        started = true;
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, log: () => err, exited });
      }
    });
    void exited.then(({ code, signal }) => {
      if (!started) reject(new Error(`server exited (${code ?? signal}) before listening: ${err}`));
    });
  });
}

/** Stops a server if it still runs (SIGKILL: cleanup only). */
export async function killQuietly(p: ServerProc | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exited;
}

export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
