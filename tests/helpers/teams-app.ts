import { Writable } from 'node:stream';
import { startWolbot, type RunningApp } from '../../src/app';
import type { Clock } from '../../src/core/ports/clock';

/** The whole app with Teams open to anonymous activities (as for a local emulator), logs discarded. */
export function startTeamsApp(o: { dir: string; dbUrl: string; config: string; clock?: Clock; env?: Record<string, string>; port?: number }): Promise<RunningApp> {
  return startWolbot({
    env: { DATABASE_URL: o.dbUrl, WOLBOT_CONFIG: o.config, LOG_LEVEL: 'warn', TEAMS_ALLOW_ANONYMOUS: 'true', ...o.env },
    cwd: o.dir,
    clock: o.clock,
    cron: false,
    port: o.port ?? 0,
    logStream: new Writable({ write: (_c, _e, cb) => cb() }),
    drainMs: 2000,
  });
}

/** Polls until `f` gives a truthy value (the app answers Teams before its background work ends). */
export async function until<T>(what: string, f: () => T | Promise<T>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}
