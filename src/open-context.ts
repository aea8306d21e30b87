import type { PlatformDeps, PlatformDescriptor, PlatformParts } from './core/ports/platform-descriptor';
import { PLATFORMS, readWritten } from './platforms';
import { CONFIG_META_KEY, SIGNIN_SECRET_ENV, demoAnchor, loadDotenv, loadSettings, readDemoAnchor, readEnv, readLoadedMark, type EnvSettings, type LoadedSettings } from './config';
import { systemClock, type Clock } from './core/ports/clock';
import { WolbotError } from './core/ports/coded-error';
import type { Logger } from './core/ports/logger';
import { WolbotCore } from './core/wolbot-core';
import { createLogger } from './logging';
import { newOwnerId } from './owner';
import { openStore, type OpenedStore } from './store';
import { openStoreReadOnly } from './store/read-only';
import { runId } from './core/runs';
import { DEMO_PROGRAMME } from './config/demo';
import type { CheckInput } from './cli/check';

/** What every entry point (server, CLI) opens first. */
export interface Context {
  env: EnvSettings;
  logger: Logger;
  store: OpenedStore;
  loaded: LoadedSettings;
  core: WolbotCore;
  clock: Clock;
}

/**
 * Secrets that must never reach a log line (the logger hides them by value too): each platform's
 * secret variables as its descriptor lists them, and wolbot's own.
 */
export function secretsOf(env: EnvSettings, raw: NodeJS.ProcessEnv): (string | undefined)[] {
  const platforms = PLATFORMS.flatMap((p) => p.secretEnv.map((k) => raw[k]?.trim() || undefined));
  const signin = SIGNIN_SECRET_ENV.map((k) => raw[k]?.trim() || undefined);
  return [...platforms, ...signin, env.webToken, env.secretKey, passwordOf(env.databaseUrl)];
}

function withoutPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

function passwordOf(url: string): string | undefined {
  try {
    return url.startsWith('postgres') ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Everything a command or the server needs before it does anything: env, logger, store (opened
 * and migrated), settings, core with its channels synced. The CLI uses this too.
 */
export async function openContext(opts: { env: NodeJS.ProcessEnv; cwd: string; loadDotenv?: boolean; clock?: Clock; logStream?: NodeJS.WritableStream; logLevel?: string }): Promise<Context> {
  if (opts.loadDotenv) loadDotenv(opts.cwd, opts.env);
  const env = readEnv(opts.env, opts.cwd);
  const clock = opts.clock ?? systemClock;
  const logger = createLogger({ level: opts.logLevel ?? env.logLevel, secrets: secretsOf(env, opts.env), redactKeys: PLATFORMS.flatMap((p) => p.secretFields ?? []), stream: opts.logStream });
  // A config is read before the store opens: a bad one changes nothing, and the ledger migration
  // learns each programme's zone from it. The demo's start lives in the store, so it comes after.
  const configured = env.configPath === null ? null : loadSettings(env.configPath, opts.cwd, { now: clock.now() });
  const zones = new Map(configured ? [[configured.settings.programme.id, configured.settings.timezone]] : []);
  // Replies stored before plain text was kept are read once by their platform's adapter (migration 004).
  const store = await openStore(env.databaseUrl, { cwd: opts.cwd, logger, migration: { timezoneFor: (p) => zones.get(p), readWritten } }).catch((err: unknown) => {
    throw new WolbotError('store_unavailable', `cannot open the store ${withoutPassword(env.databaseUrl)} (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  });
  try {
    let loaded = configured;
    if (!loaded) {
      // The demo week starts the first time it runs and keeps that start on later runs.
      const anchor = readDemoAnchor(await store.setMetaIfAbsent('demo.anchor', JSON.stringify(demoAnchor(clock.now()))));
      loaded = loadSettings(null, opts.cwd, { now: clock.now(), demoAnchor: anchor });
    }
    const hiddenRuns = loaded.demo ? [] : await demoRunOf(store);
    const core = new WolbotCore({ settings: loaded.settings, store, clock, logger, leaseMs: env.leaseMs, owner: newOwnerId(), publicUrl: env.publicUrl, hiddenRuns });
    await core.syncChannels();
    return { env, logger, store, loaded, core, clock };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** The built-in demo's run, when the store has tried the demo (hidden from run lists under a real config). */
async function demoRunOf(store: OpenedStore): Promise<string[]> {
  const kept = await store.getMeta('demo.anchor');
  if (!kept) return [];
  try {
    return [runId(DEMO_PROGRAMME, readDemoAnchor(kept).start)];
  } catch {
    return [];
  }
}

/**
 * The platforms on for this start, each with its settings: real ones by their credentials, the
 * sandbox when none is or the config names its channels. `extra`: platforms beside the list (tests).
 */
export function platformsOn(env: EnvSettings, loaded: LoadedSettings, extra: readonly PlatformDescriptor<unknown>[] = []): PlatformOn[] {
  const byName = env.platforms;
  const all = [...PLATFORMS, ...extra];
  // The list erases each platform's settings type; the config keeps each one's settings under its name.
  const settingsOf = (p: PlatformDescriptor<unknown>): unknown => byName[p.name] ?? null;
  return all
    .filter((p) => p.isOn({ settings: settingsOf(p), channels: loaded.settings.channels, othersOn: all.some((q) => q !== p && settingsOf(q) !== null) }))
    .map((p) => ({
      platform: p,
      reachableFromOutside: p.reachableFromOutside?.(settingsOf(p)) ?? false,
      create: (deps: PlatformDeps) => p.create(settingsOf(p), deps),
    }));
}

/** A platform that is on, ready to be built with the wiring's parts. */
export interface PlatformOn {
  platform: PlatformDescriptor<unknown>;
  /** It takes requests from other machines (so the server may not bind loopback only). */
  reachableFromOutside: boolean;
  create: (deps: PlatformDeps) => Promise<PlatformParts>;
}

/**
 * What `wolbot check` needs: env, the config, and the store only to read, only when it exists
 * (never created, migrated or written; no channels synced).
 */
export async function openCheckInput(opts: { env: NodeJS.ProcessEnv; cwd: string; loadDotenv?: boolean; clock?: Clock }): Promise<CheckInput> {
  if (opts.loadDotenv) loadDotenv(opts.cwd, opts.env);
  const env = readEnv(opts.env, opts.cwd);
  const clock = opts.clock ?? systemClock;
  const configured = env.configPath === null ? null : loadSettings(env.configPath, opts.cwd, { now: clock.now() });
  const opened = await openStoreReadOnly(env.databaseUrl, opts.cwd);
  let loaded = configured;
  if (!loaded) {
    // The demo's start is kept in the store; before the first run it is today's.
    const kept = opened.store ? await opened.store.getMeta('demo.anchor') : null;
    loaded = loadSettings(null, opts.cwd, { now: clock.now(), demoAnchor: kept ? readDemoAnchor(kept) : undefined });
  }
  const serverLoaded = opened.store ? readLoadedMark(await opened.store.getMeta(CONFIG_META_KEY)) : null;
  const on = platformsOn(env, loaded).map((p) => p.platform.name);
  return { loaded, store: opened.store, storeNote: opened.store ? undefined : opened.note, now: clock.now(), platformsOn: on, serverLoaded };
}
