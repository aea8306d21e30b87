/** The express app on PORT: security headers, each platform's routes, the page's access rule, the API, the page. */
import express from 'express';
import type { ChatAdapter } from './core/ports/chat-adapter';
import type { Logger } from './core/ports/logger';
import type { RequestListener } from 'node:http';
import type { DirectRoute, PlatformDeps, PlatformParts } from './core/ports/platform-descriptor';
import { bodyBudget } from './http/body-budget';
import { clientAddress } from './http/client-address';
import { directFirst } from './http/direct-routes';
import { apiRouter } from './http/api-router';
import { healthRouter } from './http/health';
import { loopbackHostOnly } from './http/host-check';
import { pageRouter } from './http/page';
import { securityHeaders } from './http/security-headers';
import { webAccessGuard } from './http/web-access';
import { memberGate } from './http/api/me-route';
import { ScopeResolver } from './http/scope';
import { signinParts } from './http/signin';
import type { Context, PlatformOn } from './open-context';
import { PLATFORMS, SANDBOX } from './platforms';

export interface HttpApp {
  app: express.Express;
  /** What the HTTP server runs: the platforms' direct routes first, then the app. */
  listener: RequestListener;
  /** Each platform's adapter, built (not yet registered or started). */
  adapters: ChatAdapter[];
  /** The config alone closes the page without WEB_TOKEN (a real platform or channel); the store may too. */
  configNeedsToken: boolean;
}

/** No platform that is on takes requests from elsewhere (the sandbox, an emulator): nor should the rest. */
export function loopbackOnly(on: readonly PlatformOn[]): boolean {
  return !on.some((p) => p.reachableFromOutside);
}

/** Builds the platforms that are on and mounts every route in the order the access rule needs. */
export async function buildHttpApp(ctx: Context, on: PlatformOn[]): Promise<HttpApp> {
  const { logger, store, loaded, core, clock } = ctx;
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(PLATFORMS.flatMap((p) => p.endpoints ?? [])));
  if (loopbackOnly(on)) app.use(loopbackHostOnly());
  const adapters: ChatAdapter[] = [];
  app.use(healthRouter({ store, platforms: () => adapters.map((a) => a.platform), adapters: () => adapters }));
  const direct: DirectRoute[] = [];
  const guarded = await buildPlatforms(on, platformDeps(ctx), app, adapters, direct);
  // The page is open only for the pure demo: nothing outside the sandbox in the config or the store.
  // Read at each request: a config edited while running may add a channel outside the sandbox.
  const needsToken = () => on.some(({ platform }) => platform.name !== SANDBOX) || loaded.settings.channels.some((c) => c.platform !== SANDBOX);
  const configNeedsToken = needsToken();
  const signin = signinParts(ctx);
  if (signin) app.use(signin.router);
  const guard = accessGuard(ctx, needsToken, signin?.check);
  const scope = new ScopeResolver({ store, adapters: () => adapters, admins: () => loaded.settings.admins, nowMs: () => clock.now().getTime(), logger: logger.child({ component: 'scope' }) });
  app.use('/v1', guard, memberGate({ scope }));
  app.get('/', guard);
  for (const parts of guarded) if (parts.router) app.use(parts.router);
  app.use(apiRouter({ core, store, scope, logger: logger.child({ component: 'api' }) }));
  app.use(pageRouter({ sandbox: SANDBOX }));
  app.use(errorHandler(logger));
  // Loopback only: every request must pass the Host check, so nothing goes around the middleware.
  return { app, listener: loopbackOnly(on) ? app : directFirst(app, direct), adapters, configNeedsToken };
}

/** What each platform is built with: the core, the store, and the server's request limits. */
function platformDeps(ctx: Context): PlatformDeps {
  const trustProxy = ctx.env.trustProxy === true;
  return { inbound: ctx.core, logger: ctx.logger, clock: ctx.clock, store: ctx.store, bodyBudget: bodyBudget({ trustProxy }), clientAddress: (req) => clientAddress(req, trustProxy) };
}

/**
 * Builds each platform that is on. Those that receive from outside mount their routes now, before
 * the page's access rule (and hand over their direct routes); the ones behind it (the sandbox's
 * API) are returned to mount after it.
 */
async function buildPlatforms(on: PlatformOn[], deps: PlatformDeps, app: express.Express, adapters: ChatAdapter[], direct: DirectRoute[]): Promise<PlatformParts[]> {
  const guarded: PlatformParts[] = [];
  for (const { platform, create } of on) {
    const parts = await create(deps);
    for (const w of parts.warnings ?? []) deps.logger.warn(w);
    if (platform.behindWebGuard) guarded.push(parts);
    else if (parts.router) {
      app.use(parts.router);
      direct.push(...(parts.directRoutes ?? []));
    }
    adapters.push(parts.adapter);
  }
  return guarded;
}

/** WEB_TOKEN guards the page and /v1 once the config or the store holds more than the sandbox (the store is asked until it does). */
function accessGuard(ctx: Context, configNeedsToken: () => boolean, session?: Parameters<typeof webAccessGuard>[0]['session']): express.RequestHandler {
  let storeNeedsToken = false;
  return webAccessGuard({
    session,
    token: ctx.env.webToken,
    publicUrl: ctx.env.publicUrl,
    trustProxy: ctx.env.trustProxy === true,
    logger: ctx.logger.child({ component: 'web' }),
    needed: async () => configNeedsToken() || storeNeedsToken || (storeNeedsToken = await ctx.store.holdsPlatformData()),
  });
}

/** A body too large or malformed is the client's; anything else is logged and answered 500. */
function errorHandler(logger: Logger): express.ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return void res.status(413).json({ error: 'body too large (1 MB at most)' });
    if (type === 'entity.parse.failed') return void res.status(400).json({ error: 'malformed JSON' });
    logger.error({ err }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
}
