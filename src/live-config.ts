/**
 * Live config: the server watches its config and programme files (chokidar: native events, or
 * polling with CHOKIDAR_USEPOLLING=true where events do not arrive, e.g. some network mounts).
 * A valid edit is applied within a second and logged as what changed; an invalid one leaves the
 * last good config running and logs each problem as `FILE:LINE: field: problem`. Every replica
 * watches its own copy and the ledger keeps each post exactly-once, so replicas converge.
 */
import { watch, type FSWatcher } from 'chokidar';
import { ConfigError, CONFIG_META_KEY, loadedMark, loadSettings } from './config';
import type { Context } from './open-context';

export type ReloadResult = { ok: true; changes: string[] } | { ok: false; problems: string[] };

export interface ConfigWatch {
  /** Resolves once the files are watched (edits before then may be missed). */
  ready: Promise<void>;
  /** Resolves with the outcome of the next reload (a barrier for tests and callers, not a timer). */
  next(): Promise<ReloadResult>;
  stop(): Promise<void>;
}

export interface WatchOptions {
  cwd: string;
  /** Quiet time after the last change before reading (editors write in several steps). */
  debounceMs?: number;
  /** After a valid edit was applied (the server runs a tick so new posts that are due go out now). */
  onApplied?: (r: ReloadResult) => void;
  /** Warnings about the new settings (e.g. channels on a platform that is off). */
  warnings?: () => string[];
}

function filesOf(ctx: Context): string[] {
  return [...new Set([ctx.loaded.configFile, ...ctx.loaded.programmeFiles].filter(Boolean))];
}

/** Starts watching; null for the built-in demo, which has no file. */
export function watchConfig(ctx: Context, o: WatchOptions): ConfigWatch | null {
  const configPath = ctx.env.configPath;
  if (configPath === null || ctx.loaded.demo) return null;
  const log = ctx.logger.child({ component: 'config' });
  let watched = filesOf(ctx);
  const watcher: FSWatcher = watch(watched, { ignoreInitial: true, atomic: true, persistent: false });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let waiting: ((r: ReloadResult) => void)[] = [];

  const reload = async (): Promise<ReloadResult> => {
    let next;
    try {
      next = loadSettings(configPath, o.cwd, { now: ctx.clock.now() });
    } catch (err) {
      const problems = err instanceof ConfigError ? err.problems : [err instanceof Error ? err.message : String(err)];
      log.error({ problems }, `config edit not applied: the last good config keeps running (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
      for (const p of problems) log.error(p);
      return { ok: false, problems };
    }
    const changes = await ctx.core.applySettings(next.settings);
    Object.assign(ctx.loaded, { configFile: next.configFile, programmeFile: next.programmeFile, programmeFiles: next.programmeFiles });
    const files = filesOf(ctx);
    watcher.unwatch(watched.filter((f) => !files.includes(f)));
    watcher.add(files.filter((f) => !watched.includes(f)));
    watched = files;
    await ctx.store.setMeta(CONFIG_META_KEY, loadedMark(ctx.loaded, ctx.clock.now()));
    log.info({ changes }, changes.length ? `config reloaded: ${changes.join('; ')}` : 'config file saved; nothing that wolbot uses changed');
    for (const w of o.warnings?.() ?? []) log.warn(w);
    return { ok: true, changes };
  };

  // One reload at a time; a change during a reload asks for one more after it.
  const run = () => {
    if (running) return void (again = true);
    running = reload()
      .catch((err: unknown): ReloadResult => {
        log.error({ err }, 'config reload failed; the last good config keeps running');
        return { ok: false, problems: [err instanceof Error ? err.message : String(err)] };
      })
      .then((r) => {
        const w = waiting;
        waiting = [];
        for (const resolve of w) resolve(r);
        if (r.ok) o.onApplied?.(r);
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  watcher.on('all', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, o.debounceMs ?? 300);
  });
  watcher.on('error', (err) => log.warn({ err }, 'watching the config files failed; edits need a restart until it works again'));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    stop: async () => {
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
