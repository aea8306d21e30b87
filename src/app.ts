import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { EnvSettings, LoadedSettings } from './config';
import { buildHttpApp, loopbackOnly } from './http-app';
import { openContext, platformsOn, type Context } from './open-context';
import type { ChatAdapter } from './core/ports/chat-adapter';
import type { PlatformDescriptor } from './core/ports/platform-descriptor';
import type { Clock } from './core/ports/clock';
import type { Logger } from './core/ports/logger';
import type { WolbotCore } from './core/wolbot-core';
import { startCron } from './cron';
import { WolbotError } from './core/ports/coded-error';
import { capIdleConnections } from './http/idle-connections';
import { ownerIsGoneHere } from './owner';
import { CONFIG_META_KEY, loadedMark } from './config';
import { channelsOnPlatformsOff } from './core/channels';
import { periodNumber } from './core/frame';
import { watchConfig, type ConfigWatch } from './live-config';
import type { OpenedStore } from './store';

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Load `.env` from cwd into `env` first (main does; tests usually don't). */
  loadDotenv?: boolean;
  clock?: Clock;
  /** Run the minute cron (default true). Tests drive `tick()` themselves. */
  cron?: boolean;
  /** Overrides PORT; 0 = any free port. */
  port?: number;
  logStream?: NodeJS.WritableStream;
  /** Grace for in-flight sends at stop (default 10 s). */
  drainMs?: number;
  /** Quiet time (ms) after a config file changes before it is read again (default 300). */
  configDebounceMs?: number;
  /** Platforms beside src/platforms.ts (a test's own): built and registered the same way. */
  platforms?: readonly PlatformDescriptor<unknown>[];
}

export interface RunningApp {
  url: string;
  port: number;
  core: WolbotCore;
  store: OpenedStore;
  logger: Logger;
  env: EnvSettings;
  loaded: LoadedSettings;
  platforms: string[];
  /** The config watcher (null for the built-in demo, which has no file). */
  config: ConfigWatch | null;
  tick(): ReturnType<WolbotCore['tick']>;
  stop(): Promise<void>;
}

/**
 * Slow or idle clients cannot hold the server: headers within 10 s, the whole request within 30 s
 * (checked every second: Node's default of 30 s let a header drip last 26 s), idle keep-alive
 * sockets closed after 5 s, and past 1,024 open sockets the oldest idle one makes room.
 */
export const SERVER_LIMITS = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, checkEveryMs: 1_000, maxConnections: 1024 } as const;

/** What a start has opened so far, closed newest first when a later step fails. */
type Opened = { what: string; close: () => Promise<unknown> }[];

/** The server: one express app on PORT with every platform that is on, the page, the API and the cron. */
export async function startWolbot(opts: StartOptions): Promise<RunningApp> {
  const cwd = opts.cwd ?? process.cwd();
  const ctx = await openContext({ env: opts.env, cwd, loadDotenv: opts.loadDotenv, clock: opts.clock, logStream: opts.logStream });
  // A part that fails to start closes what was opened before it (newest first), so the process
  // exits instead of holding a port or a store while serving nothing.
  const opened: Opened = [{ what: 'store', close: () => ctx.store.close() }];
  try {
    return await serve(ctx, opts, opened);
  } catch (err) {
    for (const o of opened.reverse()) await o.close().catch((e: unknown) => ctx.logger.warn({ err: e }, `could not close the ${o.what} after a failed start`));
    throw err;
  }
}

/** The start's steps in order; each step that opens something adds it to `opened`. */
async function serve(ctx: Context, opts: StartOptions, opened: Opened): Promise<RunningApp> {
  const { env, logger, store, core } = ctx;
  const on = platformsOn(env, ctx.loaded, opts.platforms);
  const { listener, adapters, configNeedsToken } = await buildHttpApp(ctx, on);
  for (const a of adapters) core.register(a);
  const platforms = adapters.map((a) => a.platform);
  await warnAboutSettings(ctx, configNeedsToken, platforms);
  const { server, port } = await listenFor(listener, ctx, { port: opts.port, loopback: loopbackOnly(on) }, opened);
  await startAdapters(adapters, opened);
  await takeOverGoneClaims(ctx);
  const cron = opts.cron === false ? null : startCron(() => core.tick(), logger, { run: () => core.sweep(), everyMs: core.leases.intervalMs });
  if (cron) opened.push({ what: 'scheduler', close: () => cron.stop() });
  const config = await watchLive(ctx, opts, platforms, cron !== null);
  if (config) opened.push({ what: 'config watcher', close: () => config.stop() });
  await logStarted(ctx, port, platforms);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    core,
    store,
    logger,
    env,
    loaded: ctx.loaded,
    platforms,
    config,
    tick: () => core.tick(),
    stop: stopper({ cron, config, server, core, logger, adapters, store, drainMs: opts.drainMs ?? 10_000 }),
  };
}

/**
 * Records the config this server has loaded (`check` compares) and watches its files: a valid edit
 * is applied and, with the cron on, a tick runs at once so what became due is posted now.
 */
async function watchLive(ctx: Context, opts: StartOptions, platforms: string[], ticking: boolean): Promise<ConfigWatch | null> {
  if (ctx.loaded.demo) return null;
  await ctx.store.setMeta(CONFIG_META_KEY, loadedMark(ctx.loaded, ctx.clock.now()));
  const config = watchConfig(ctx, {
    cwd: opts.cwd ?? process.cwd(),
    debounceMs: opts.configDebounceMs,
    warnings: () => channelsOnPlatformsOff(ctx.loaded.settings, (p) => platforms.includes(p)),
    onApplied: ticking ? () => void ctx.core.tick().catch((err: unknown) => ctx.logger.error({ err }, 'tick after a config edit failed')) : undefined,
  });
  await config?.ready;
  return config;
}

/** Settings that leave something closed: said once at start. */
async function warnAboutSettings(ctx: Context, configNeedsToken: boolean, platforms: string[]): Promise<void> {
  const { env, logger, store, loaded } = ctx;
  for (const w of channelsOnPlatformsOff(loaded.settings, (p) => platforms.includes(p))) logger.warn(w);
  if (!env.webToken && (configNeedsToken || (await store.holdsPlatformData()))) logger.warn('WEB_TOKEN is not set: the web page and its API stay closed (the config or the store holds more than the sandbox).');
  if (loaded.settings.admins.length === 0) logger.warn('admins is empty: nobody can run admin commands (post, subscribe, pause, …).');
}

/** Listens on HOST (loopback when no platform needs more) and PORT, with the server's limits. */
async function listenFor(listener: RequestListener, ctx: Context, o: { port?: number; loopback: boolean }, opened: Opened): Promise<{ server: Server; port: number }> {
  const { env, logger } = ctx;
  const host = env.host ?? (o.loopback ? '127.0.0.1' : undefined);
  const server = await listen(listener, o.port ?? env.port, host);
  opened.push({ what: 'server', close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))) });
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: host ?? 'all interfaces', port }, host ? `listening on ${host}:${port}${env.host ? ' (HOST)' : ' only (no platform takes requests from elsewhere: set HOST to change)'}` : `listening on all interfaces, port ${port}`);
  return { server, port };
}

/** One file, one host (SQLite): a crashed server's claims need not wait out their lease. */
async function takeOverGoneClaims(ctx: Context): Promise<void> {
  if (ctx.store.kind !== 'sqlite') return;
  const { owners, claims } = await ctx.core.takeOverGoneOwners(ownerIsGoneHere);
  if (claims) ctx.logger.info({ owners, claims }, 'taking over the claims of a process that is gone');
}

/** Stop taking new work, let requests in flight finish (bounded), drain the core, close the rest. */
function stopper(d: { cron: { stop(): Promise<void> } | null; config: ConfigWatch | null; server: Server; core: WolbotCore; logger: Logger; adapters: ChatAdapter[]; store: OpenedStore; drainMs: number }): () => Promise<void> {
  const { cron, config, server, core, logger, adapters, store, drainMs } = d;
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    await cron?.stop();
    await config?.stop();
    // Stop taking new work, let requests in flight finish (bounded), then drain the core.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const { released } = await core.shutdown(drainMs);
    await Promise.race([closed, new Promise((r) => setTimeout(r, Math.min(drainMs, 2000)).unref())]);
    server.closeAllConnections();
    if (released) logger.info({ released }, 'released unfinished claims for another process');
    for (const a of adapters) await a.stop().catch((err: unknown) => logger.warn({ err, platform: a.platform }, 'adapter stop failed'));
    await store.close();
  };
}

/** Listens on PORT (HOST, when given); a port in use or a bad address is one clear error. */
async function listen(listener: RequestListener, port: number, host: string | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer(
      {
        headersTimeout: SERVER_LIMITS.headersTimeoutMs,
        requestTimeout: SERVER_LIMITS.requestTimeoutMs,
        keepAliveTimeout: SERVER_LIMITS.keepAliveTimeoutMs,
        connectionsCheckingInterval: SERVER_LIMITS.checkEveryMs,
      },
      listener,
    );
    s.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeoutMs; // an option only in newer Nodes
    capIdleConnections(s, SERVER_LIMITS.maxConnections);
    s.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, port, host)));
    if (host) s.listen(port, host, () => resolve(s));
    else s.listen(port, () => resolve(s));
  });
}

/** Starts each adapter; one that throws stops the start (the ones started before it are closed). */
async function startAdapters(adapters: ChatAdapter[], opened: Opened): Promise<void> {
  for (const a of adapters) {
    // An unreachable platform is no failure (adapters keep trying); a start that throws is.
    await a.start().catch((err: unknown) => {
      throw new WolbotError('platform_unavailable', `the ${a.platform} adapter could not start: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    });
    opened.push({ what: `${a.platform} adapter`, close: () => a.stop() });
  }
}

/** One line an operator reads at start: platforms, store, config, programme, the next post. */
async function logStarted(ctx: Context, port: number, platforms: string[]): Promise<void> {
  const { logger, store, loaded, core } = ctx;
  const status = await core.status();
  const next = status.channels
    .filter((c) => c.next)
    .sort((a, b) => a.next!.at.getTime() - b.next!.at.getTime())[0];
  // A weekly programme's next post is named by its week ("week 2 (day 8)"): as its organizers say it.
  const cadence = status.programmes.find((p) => next && p.channels.includes(next))?.programme.cadence;
  const nextName = next ? (cadence === 'weekly' ? `week ${periodNumber({ cadence }, next.next!.day)} (day ${next.next!.day})` : `day ${next.next!.day}`) : '';
  if (loaded.demo) logger.info('Running the built-in demo (one sandbox channel, local:general, admin sandbox-user). Open the page (URL below) to reply and react. To run your own programme, create wolbot.yaml (see README) or set WOLBOT_CONFIG.');
  logger.info(
    {
      platforms,
      store: store.description,
      config: loaded.configFile,
      programme: `${loaded.settings.programme.id} (${loaded.programmeFile})`,
      channels: status.channels.filter((c) => c.channel.active).map((c) => c.label),
      nextPost: next ? { channel: next.label, day: next.next!.day, theme: next.next!.theme, local: `${next.next!.localDate} ${next.next!.localTime} ${next.timezone}`, utc: next.next!.at.toISOString() } : null,
      url: `http://localhost:${port}/`,
    },
    `wolbot is running on port ${port} with ${platforms.join(', ')}; store ${store.description}; config ${loaded.configFile}; ${next ? `next post: ${nextName} in ${next.label} at ${next.next!.localDate} ${next.next!.localTime} ${next.timezone}` : 'no post scheduled'}`,
  );
}

/** "port 3000 is already in use", not a stack: the one line an operator needs. */
function listenError(err: NodeJS.ErrnoException, port: number, host: string | undefined): Error {
  const where = `${host ?? 'all interfaces'}, port ${port}`;
  if (err.code === 'EADDRINUSE') return new Error(`port ${port} is already in use (${where}): stop the other process or set PORT`);
  if (err.code === 'EACCES') return new Error(`no permission to listen on ${where}: choose a PORT above 1023`);
  if (err.code === 'EADDRNOTAVAIL') return new Error(`cannot listen on ${where}: HOST is not an address of this machine`);
  return new Error(`cannot listen on ${where}: ${err.message}`);
}
