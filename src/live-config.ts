/**
 * Live config: the server watches its config and programme files (chokidar: native events, or
 * polling with CHOKIDAR_USEPOLLING=true where events do not arrive, e.g. some network mounts).
 * A valid edit is applied within a second and logged as what changed; an invalid one leaves the
 * last good config running and logs each problem as `FILE:LINE: field: problem`. Every replica
 * watches its own copy and the ledger keeps each post exactly-once, so replicas converge.
 */
import fs from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import { ConfigError, CONFIG_META_KEY, loadedMark, loadSettings } from './config';
import type { Logger } from './core/ports/logger';
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
  /** How often the files' size and time are compared as well (an edit the watcher missed). */
  pollMs?: number;
}

function filesOf(ctx: Context): string[] {
  return [...new Set([ctx.loaded.configFile, ...ctx.loaded.programmeFiles].filter(Boolean))];
}

/** Starts watching; null for the built-in demo, which has no file. */
export function watchConfig(ctx: Context, o: WatchOptions): ConfigWatch | null {
  const configPath = ctx.env.configPath;
  if (configPath === null || ctx.loaded.demo) return null;
  return new ConfigWatcher(ctx, configPath, o);
}

/** The watcher, its debounce, and one reload at a time (a change during a reload asks for one more). */
class ConfigWatcher implements ConfigWatch {
  readonly ready: Promise<void>;
  private readonly log: Logger;
  private readonly watcher: FSWatcher;
  private watched: string[];
  private timer: NodeJS.Timeout | null = null;
  private readonly poll: NodeJS.Timeout;
  private stamps = new Map<string, string>();
  private running: Promise<void> | null = null;
  private again = false;
  private waiting: ((r: ReloadResult) => void)[] = [];

  constructor(
    private readonly ctx: Context,
    private readonly configPath: string,
    private readonly o: WatchOptions,
  ) {
    this.log = ctx.logger.child({ component: 'config' });
    this.watched = filesOf(ctx);
    this.watcher = watch(this.watched, { ignoreInitial: true, atomic: true, persistent: false });
    this.remember();
    this.watcher.on('all', () => this.schedule());
    // Native events can be missed (a network mount, a write during a re-watch; seen once on Node
    // 26): the files' size and time are compared every few seconds too, so an edit never waits.
    this.poll = setInterval(() => {
      if (!this.timer && !this.running && this.changedOnDisk()) this.schedule();
    }, o.pollMs ?? 2000);
    this.poll.unref();
    this.watcher.on('error', (err) => this.log.warn({ err }, 'watching the config files failed; edits need a restart until it works again'));
    this.ready = new Promise<void>((resolve) => this.watcher.once('ready', () => resolve()));
  }

  next(): Promise<ReloadResult> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async stop(): Promise<void> {
    clearInterval(this.poll);
    if (this.timer) clearTimeout(this.timer);
    await this.watcher.close();
    await this.running;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), this.o.debounceMs ?? 300);
  }

  private stamp(file: string): string {
    try {
      const st = fs.statSync(file);
      return `${st.mtimeMs}:${st.size}`;
    } catch {
      return 'missing';
    }
  }

  /** The files as this reload reads them: a later write shows up as a different stamp. */
  private remember(): void {
    this.stamps = new Map(this.watched.map((f) => [f, this.stamp(f)]));
  }

  private changedOnDisk(): boolean {
    return this.watched.some((f) => this.stamps.get(f) !== this.stamp(f));
  }

  private run(): void {
    this.timer = null;
    if (this.running) return void (this.again = true);
    this.remember();
    this.running = this.reload()
      .catch((err: unknown): ReloadResult => {
        this.log.error({ err }, 'config reload failed; the last good config keeps running');
        return { ok: false, problems: [err instanceof Error ? err.message : String(err)] };
      })
      .then((r) => {
        const waiting = this.waiting;
        this.waiting = [];
        for (const resolve of waiting) resolve(r);
        if (r.ok) this.o.onApplied?.(r);
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.run();
        }
      });
  }

  /** Reads the files again: applies a valid config (and watches its programme files), or logs every problem. */
  private async reload(): Promise<ReloadResult> {
    const { ctx, log } = this;
    let next;
    try {
      next = loadSettings(this.configPath, this.o.cwd, { now: ctx.clock.now() });
    } catch (err) {
      const problems = err instanceof ConfigError ? err.problems : [err instanceof Error ? err.message : String(err)];
      log.error({ problems }, `config edit not applied: the last good config keeps running (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
      for (const p of problems) log.error(p);
      return { ok: false, problems };
    }
    const changes = await ctx.core.applySettings(next.settings);
    Object.assign(ctx.loaded, { configFile: next.configFile, programmeFile: next.programmeFile, programmeFiles: next.programmeFiles });
    const files = filesOf(ctx);
    this.watcher.unwatch(this.watched.filter((f) => !files.includes(f)));
    this.watcher.add(files.filter((f) => !this.watched.includes(f)));
    this.watched = files;
    for (const f of files) if (!this.stamps.has(f)) this.stamps.set(f, this.stamp(f));
    await ctx.store.setMeta(CONFIG_META_KEY, loadedMark(ctx.loaded, ctx.clock.now()));
    log.info({ changes }, changes.length ? `config reloaded: ${changes.join('; ')}` : 'config file saved; nothing that wolbot uses changed');
    for (const w of this.o.warnings?.() ?? []) log.warn(w);
    return { ok: true, changes };
  }
}
