import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../core/ports/logger';
import { setViewer } from './viewer';

export const ACCESS_COOKIE = 'wolbot_access';
/** Failed token attempts allowed per client address within the window, then 429. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;
const COOKIE_MAX_AGE_S = 7 * 24 * 3600;

/** Constant time whatever the lengths: both sides are hashed first. */
function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** The cookie holds a value derived from the token, never the token itself. */
function cookieValue(token: string): string {
  return createHmac('sha256', token).update('wolbot page access v1').digest('base64url');
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** Behind a TLS-terminating proxy the cookie is marked Secure. */
function overHttps(req: Request, publicUrl?: string): boolean {
  return req.secure || /^https\b/i.test(req.get('x-forwarded-proto') ?? '') || /^https:/i.test(publicUrl ?? '');
}

/** The same URL without its `token` parameter (relative, so it can only lead back here). */
function withoutToken(req: Request): string {
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.delete('token');
  return url.pathname + url.search;
}

/**
 * Guards the page and /v1 whenever `needed()` says so (the config or the store holds anything
 * outside the sandbox, or a real platform is on). Accepted: `Authorization: Bearer WEB_TOKEN`, or the
 * HttpOnly cookie that `?token=WEB_TOKEN` is exchanged for once (the browser is sent back to the
 * same URL without the token). Failed attempts are counted per client address and then refused.
 */
export function webAccessGuard(opts: { token?: string; needed: () => Promise<boolean>; logger: Logger; publicUrl?: string; nowMs?: () => number; session?: Guard }) {
  const wrong = new WrongTokens(opts.nowMs ?? Date.now, opts.logger);
  const expected = opts.token ? cookieValue(opts.token) : undefined;

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      if (!(await opts.needed())) return setViewer(res, { kind: 'operator' }), next();
    } catch (err) {
      return next(err);
    }
    const token = opts.token;
    // Sign-in on: whoever brings no token is asked for a session (session-check.ts).
    if (opts.session && !(token && offersToken(req))) return opts.session(req, res, next);
    if (!token || !expected) {
      res.status(401).json({ error: 'the web page is off: set WEB_TOKEN to open it (the store or config holds more than the sandbox)' });
      return;
    }
    const ip = req.socket.remoteAddress ?? 'unknown';
    const wait = wrong.blockedFor(ip);
    if (wait > 0) {
      res.set('Retry-After', String(wait)).status(429).json({ error: 'too many wrong tokens; try again later' });
      return;
    }
    checkToken(req, res, next, { token, expected, publicUrl: opts.publicUrl, refuse: (why) => wrong.refuse(ip, res, why) });
  };
}

type Guard = (req: Request, res: Response, next: NextFunction) => Promise<void>;

/** The request brings the operator's token in one of the ways checkToken reads. */
function offersToken(req: Request): boolean {
  return typeof req.query.token === 'string' || req.get('authorization') !== undefined || cookieOf(req, ACCESS_COOKIE) !== undefined;
}

/** The token as `?token=` (exchanged for the cookie), as a bearer header, or the cookie; else 401. */
function checkToken(req: Request, res: Response, next: NextFunction, c: { token: string; expected: string; publicUrl?: string; refuse: (why: string) => void }): void {
  const query = typeof req.query.token === 'string' ? req.query.token : undefined;
  if (query !== undefined) {
    if (!same(query, c.token)) return c.refuse('query');
    if (req.method !== 'GET') return setViewer(res, { kind: 'operator' }), next();
    const secure = overHttps(req, c.publicUrl) ? '; Secure' : '';
    res.set('Set-Cookie', `${ACCESS_COOKIE}=${c.expected}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}${secure}`);
    res.redirect(303, withoutToken(req));
    return;
  }
  const header = req.get('authorization');
  if (header !== undefined) {
    const bearer = /^Bearer (.+)$/.exec(header)?.[1];
    if (bearer !== undefined && same(bearer, c.token)) return setViewer(res, { kind: 'operator' }), next();
    return c.refuse('bearer');
  }
  const cookie = cookieOf(req, ACCESS_COOKIE);
  if (cookie !== undefined) {
    if (same(cookie, c.expected)) return setViewer(res, { kind: 'operator' }), next();
    return c.refuse('cookie');
  }
  res.status(401).json({ error: 'this page needs the web token: open it once as /?token=WEB_TOKEN, or send Authorization: Bearer WEB_TOKEN' });
}

/** Wrong tokens counted per client address: MAX_FAILURES within the window, then refused until it ends. */
class WrongTokens {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** Seconds until this address may try again; 0 when it may now. */
  blockedFor(ip: string): number {
    const f = this.failures.get(ip);
    if (!f) return 0;
    if (this.now() - f.since > FAILURE_WINDOW_MS) {
      this.failures.delete(ip);
      return 0;
    }
    return f.count >= MAX_FAILURES ? Math.ceil((f.since + FAILURE_WINDOW_MS - this.now()) / 1000) : 0;
  }

  refuse(ip: string, res: Response, why: string): void {
    const f = this.failures.get(ip) ?? { count: 0, since: this.now() };
    f.count++;
    this.failures.set(ip, f);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!); // bounded memory
    this.logger.warn({ ip, why }, 'refused a wrong web token');
    res.status(401).json({ error: 'wrong token' });
  }
}
