import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../core/ports/logger';
import { clientAddress } from './client-address';
import { FailureLimiter } from './failure-limiter';
import { setViewer } from './viewer';

export const ACCESS_COOKIE = 'wolbot_access';
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

/**
 * The same URL without its `token` parameter, as a path on this server: `..` resolved, and any run
 * of leading slashes or backslashes (also percent-encoded) made one, so `/v1/..//evil.example/` can
 * never become a protocol-relative `//evil.example/` that leaves the origin.
 */
export function withoutToken(originalUrl: string): string {
  const url = new URL(originalUrl.replace(/^(?:[/\\]|%2f|%5c)+/i, '/'), 'http://x');
  url.searchParams.delete('token');
  const path = url.pathname.replace(/^(?:[/\\]|%2f|%5c)+/i, '/');
  return path + url.search;
}

interface GuardOptions {
  token?: string;
  needed: () => Promise<boolean>;
  logger: Logger;
  publicUrl?: string;
  nowMs?: () => number;
  /** TRUST_PROXY: failures are counted per X-Forwarded-For client, not per socket address. */
  trustProxy?: boolean;
  /** Sign-in on: whoever brings no token is asked for a session (session-check.ts). */
  session?: Guard;
}

/**
 * Guards the page and /v1 whenever `needed()` says so (the config or the store holds anything
 * outside the sandbox, or a real platform is on). Accepted: `Authorization: Bearer WEB_TOKEN`, or the
 * HttpOnly cookie that `?token=WEB_TOKEN` is exchanged for once (the browser is sent back to the
 * same URL without the token). The credential is checked first: a right one always passes. Wrong
 * ones are counted per client address and per guess, and past the limit answered 429.
 */
export function webAccessGuard(opts: GuardOptions) {
  const limiter = new FailureLimiter(opts.nowMs ?? Date.now);
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
    const refuse = (why: string, guess: string) => {
      const ip = clientAddress(req, opts.trustProxy === true);
      const keys = [`ip:${ip}`, FailureLimiter.guessKey(guess)];
      const wait = limiter.blockedFor(keys);
      if (wait > 0) return void res.set('Retry-After', String(wait)).status(429).json({ error: 'too many wrong tokens; try again later' });
      limiter.fail(keys);
      opts.logger.warn({ ip, why }, 'refused a wrong web token');
      res.status(401).json({ error: 'wrong token' });
    };
    checkToken(req, res, next, { token, expected, publicUrl: opts.publicUrl, refuse });
  };
}

/**
 * `?token=` as written: a `+` stays a plus (form decoding would make it a space, and a base64 token
 * pasted into the address bar would never match); percent-escapes are decoded.
 */
function queryToken(req: Request): string | undefined {
  const raw = /[?&]token=([^&#]*)/.exec(req.originalUrl)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

type Guard = (req: Request, res: Response, next: NextFunction) => Promise<void>;

/** The request brings the operator's token in one of the ways checkToken reads. */
function offersToken(req: Request): boolean {
  return queryToken(req) !== undefined || req.get('authorization') !== undefined || cookieOf(req, ACCESS_COOKIE) !== undefined;
}

/** The token as `?token=` (exchanged for the cookie), as a bearer header, or the cookie; else 401. */
function checkToken(req: Request, res: Response, next: NextFunction, c: { token: string; expected: string; publicUrl?: string; refuse: (why: string, guess: string) => void }): void {
  const query = queryToken(req);
  if (query !== undefined) {
    if (!same(query, c.token)) return c.refuse('query', query);
    if (req.method !== 'GET') return setViewer(res, { kind: 'operator' }), next();
    const secure = overHttps(req, c.publicUrl) ? '; Secure' : '';
    res.set('Set-Cookie', `${ACCESS_COOKIE}=${c.expected}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}${secure}`);
    res.redirect(303, withoutToken(req.originalUrl));
    return;
  }
  const header = req.get('authorization');
  if (header !== undefined) {
    const bearer = /^Bearer (.+)$/.exec(header)?.[1];
    if (bearer !== undefined && same(bearer, c.token)) return setViewer(res, { kind: 'operator' }), next();
    return c.refuse('bearer', bearer ?? header);
  }
  const cookie = cookieOf(req, ACCESS_COOKIE);
  if (cookie !== undefined) {
    if (same(cookie, c.expected)) return setViewer(res, { kind: 'operator' }), next();
    return c.refuse('cookie', cookie);
  }
  res.status(401).json({ error: 'this page needs the web token: open it once as /?token=WEB_TOKEN, or send Authorization: Bearer WEB_TOKEN' });
}
