import { Writable } from 'node:stream';
import { startWolbot, type RunningApp } from '../../src/app';
import type { Clock } from '../../src/core/ports/clock';
import { appForTests, type AppForTests } from './workspace';

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

/**
 * That app for the tests of a describe block, on a temp folder holding `configYaml` and on `clock`:
 * started before all of them (before each, on a new folder and store, with `each`), stopped and
 * the folder removed after. restart() is a new process on the same store.
 */
export function teamsAppForTests(configYaml: string, clock: Clock, opts: { each?: boolean } = {}): AppForTests {
  return appForTests(configYaml, (ws) => startTeamsApp({ ...ws, clock }), opts);
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
