import express, { type NextFunction, type Request, type Response } from 'express';
import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type { BodyBudget } from '../../src/core/ports/body-budget';
import type { Logger } from '../../src/core/ports';
import type { WolCloudAdapter } from './auth';
import { tokenProblem } from './token-precheck';
import { validateActivity, type InboundActivity } from './validate';

/** A key endpoint slower than this makes the request a 401, never a hung request or a 500. */
export const KEY_FETCH_BUDGET_MS = 5_000;

class KeysTooSlow extends Error {}

/** Anonymous mode talks only to an emulator on this machine: a serviceUrl elsewhere is refused. */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** As CloudAdapter.process does before it runs a turn: timestamps become Dates, raw ones kept. */
function forBotbuilder(body: Record<string, unknown>): Activity {
  const a = { ...body };
  for (const k of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    const v = a[k];
    if (typeof v === 'string') {
      a[`raw${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
      a[k] = new Date(v);
    }
  }
  // As botbuilder's own process() does (z.custom<Activity> over any JSON object); validate.ts checked ours.
  return a as unknown as Activity;
}

/**
 * POST /api/messages. Order: closed → 404; with an app id, no `Authorization: Bearer …` → 401
 * before the body is read; body not JSON / not an activity → 400; anonymous mode and a serviceUrl
 * off this machine → 403; then the Bot Framework token is checked by botbuilder's authentication
 * (bounded in time) — any failure, including an unreachable key endpoint, is a 401 with a short body
 * and one log line — and the turn runs.
 *
 * Turn errors: when the core could not store an event the turn throws and we answer 500, so Teams
 * redelivers the activity (dedupe keys make that safe). Nothing else is allowed to throw.
 */
export function createTeamsRouter(opts: {
  cloud: WolCloudAdapter | null;
  auth?: BotFrameworkAuthentication;
  /** '' (anonymous) or the app id. */
  appId?: string;
  turn: (a: InboundActivity) => Promise<void>;
  logger: Logger;
  keyFetchBudgetMs?: number;
  /** The server's budget for bodies not yet authenticated (absent: unbounded). */
  bodyBudget?: BodyBudget;
}): express.Router {
  const router = express.Router();
  if (!opts.cloud || !opts.auth) {
    router.all('/api/messages', (_req, res) => {
      res.status(404).json({ error: 'teams_disabled', message: 'Set MICROSOFT_APP_ID (or TEAMS_ALLOW_ANONYMOUS=true for a local emulator).' });
    });
    return router;
  }
  const d: EndpointDeps = { ...opts, cloud: opts.cloud, auth: opts.auth, anonymous: !opts.appId, log: opts.logger };
  router.post('/api/messages', bearerFirst(d), withinBudget(d), express.json({ limit: '1mb' }), (req: Request, res: Response) => handleActivity(req, res, d));
  router.all('/api/messages', (_req, res) => {
    res.status(405).json({ error: 'method_not_allowed' });
  });
  // express.json failures (bad JSON, too large, wrong charset) answer 4xx here, as JSON.
  router.use('/api/messages', (err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 400;
    res.status(status).json({ error: err.type ?? 'bad_request', message: 'body is not a valid JSON activity' });
  });
  return router;
}

interface EndpointDeps {
  cloud: WolCloudAdapter;
  auth: BotFrameworkAuthentication;
  appId?: string;
  anonymous: boolean;
  turn: (a: InboundActivity) => Promise<void>;
  log: Logger;
  keyFetchBudgetMs?: number;
  bodyBudget?: BodyBudget;
}

function unauthorized(d: EndpointDeps, res: Response, reason: string, level: 'warn' | 'error' = 'warn'): void {
  d.log[level]({ reason }, 'refused a Teams request that failed authentication');
  res.status(401).json({ error: 'unauthorized' });
}

/**
 * A token that cannot be valid (none, malformed, wrong algorithm or audience, expired): refused
 * before a byte of the body is read, and the connection closed.
 */
function bearerFirst(d: EndpointDeps) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (d.anonymous) return next();
    const problem = tokenProblem(req.get('authorization') ?? '', d.appId ?? '', Math.floor(Date.now() / 1000));
    if (problem) {
      res.set('Connection', 'close');
      return unauthorized(d, res, problem);
    }
    next();
  };
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A token that looks right may still be forged (botbuilder checks its signature once the activity
 * is read): the body is read only within the server's budget for unauthenticated bytes, else 503
 * with Retry-After before reading. The hold ends with the answer.
 */
function withinBudget(d: EndpointDeps) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!d.bodyBudget) return next();
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) return next(); // express.json answers 413 without reading
    const hold = d.bodyBudget.hold(req, Number.isInteger(declared) && declared >= 0 ? declared : MAX_BODY_BYTES);
    if (!hold) {
      d.log.warn('refused a Teams request: too many unverified bodies in flight');
      res.set({ 'Retry-After': String(d.bodyBudget.retryAfterS), Connection: 'close' });
      return void res.status(503).json({ error: 'busy' });
    }
    res.once('close', () => hold.release());
    next();
  };
}

/** One activity: checked, authenticated, then its turn run. */
async function handleActivity(req: Request, res: Response, d: EndpointDeps): Promise<void> {
  const activity = checkActivity(req.body, res, d); // our own copy: botbuilder rewrites timestamps on its own
  if (!activity) return;
  const botActivity = forBotbuilder(req.body as Record<string, unknown>);
  const authenticated = await authenticate(botActivity, req.get('authorization') ?? '', res, d);
  if (!authenticated) return;
  try {
    const invoke = await d.cloud.runAuthenticated(authenticated, botActivity, async () => {
      await d.turn(activity);
    });
    res.status(invoke?.status ?? 200);
    if (invoke?.body !== undefined) res.json(invoke.body);
    else res.end();
  } catch (err) {
    d.log.error({ err, type: activity.type, id: activity.id }, 'activity not stored: answering 500 so Teams retries');
    if (!res.headersSent) res.status(500).json({ error: 'not stored, retry later' });
  }
}

/** The body as an activity, or null once answered 400 (not an activity) or 403 (anonymous, not local). */
function checkActivity(body: unknown, res: Response, d: EndpointDeps): InboundActivity | null {
  const v = validateActivity(body);
  if (!v.ok) {
    d.log.warn({ error: v.error }, 'invalid activity');
    res.status(400).json({ error: 'invalid_activity', message: v.error });
    return null;
  }
  if (d.anonymous && v.activity.serviceUrl !== undefined && !isLoopbackUrl(v.activity.serviceUrl)) {
    d.log.warn({ serviceUrl: v.activity.serviceUrl }, 'anonymous Teams mode: refused an activity whose serviceUrl is not on this machine');
    res.status(403).json({ error: 'forbidden', message: 'anonymous mode answers only a local emulator (a loopback serviceUrl)' });
    return null;
  }
  return v.activity;
}

/** botbuilder's verdict on the token (bounded in time), or null once answered 401. */
async function authenticate(botActivity: Activity, authorization: string, res: Response, d: EndpointDeps): Promise<AuthenticateRequestResult | null> {
  const problem = d.anonymous ? null : tokenProblem(authorization, d.appId ?? '', Math.floor(Date.now() / 1000));
  if (problem) {
    unauthorized(d, res, problem);
    return null;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const budget = d.keyFetchBudgetMs ?? KEY_FETCH_BUDGET_MS;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KeysTooSlow(`token not verified within ${budget} ms (signing keys unreachable or slow)`)), budget);
    });
    return await Promise.race([d.auth.authenticateRequest(botActivity, authorization), late]);
  } catch (err) {
    // One line, the reason only: no stack, and nothing of the library's text goes to the caller.
    const reason = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : 'unknown';
    const keys = err instanceof KeysTooSlow || /fetch|ECONN|ENOTFOUND|EAI_AGAIN|socket|Failed to load|network|timeout/i.test(reason);
    unauthorized(d, res, reason, keys ? 'error' : 'warn');
    return null;
  } finally {
    clearTimeout(timer);
  }
}
