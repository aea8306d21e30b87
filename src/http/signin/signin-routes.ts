import express from 'express';
import type { Translator } from '../../core/i18n/catalogue';
import type { Logger } from '../../core/ports/logger';
import type { Replies } from '../../core/ports/store';
import { cookieLine, cookieOf, overHttps, signed, unsigned } from './cookies';
import { authorizationUrl, finishLogin, newAttempt, type LoginAttempt, type OidcClients } from './oidc-clients';
import { PROVIDERS } from './providers';
import type { SessionKeeper } from './sessions';
import { signinPage } from './signin-page';

const LOGIN_COOKIE = 'wolbot_signin';
/** Ten minutes to get through the provider's pages. */
const LOGIN_TTL_S = 600;

export interface SigninDeps {
  clients: OidcClients;
  sessions: SessionKeeper;
  key: () => Promise<Buffer>;
  /** Each state is taken once: a replayed callback is refused on every replica. */
  events: Pick<Replies, 'recordEvent'>;
  publicUrl: string;
  now: () => Date;
  logger: Logger;
  /** The sign-in page's words (the first programme's language). */
  tr: Translator;
}

/**
 * GET /auth/:provider starts (state, nonce, PKCE kept in a signed cookie on /auth), the provider
 * sends the browser back to /auth/:provider/callback, which checks them all and opens a session;
 * POST /auth/logout ends it.
 */
export function signinRouter(d: SigninDeps): express.Router {
  const r = express.Router();
  r.get('/auth/:provider', (req, res, next) => void start(d, req, res).catch(next));
  r.get('/auth/:provider/callback', (req, res, next) => void callback(d, req, res).catch(next));
  r.post('/auth/logout', (req, res, next) => void logout(d, req, res).catch(next));
  return r;
}

const redirectUri = (d: SigninDeps, provider: string) => `${d.publicUrl}/auth/${provider}/callback`;

async function start(d: SigninDeps, req: express.Request, res: express.Response): Promise<void> {
  const provider = String(req.params.provider);
  if (!d.clients.has(provider)) return void res.status(404).json({ error: `no sign-in with "${provider}" here` });
  const attempt = newAttempt(provider);
  const url = await authorizationUrl(await d.clients.get(provider), attempt, redirectUri(d, provider));
  const value = signed(await d.key(), Buffer.from(JSON.stringify({ ...attempt, until: d.now().getTime() + LOGIN_TTL_S * 1000 })).toString('base64url'));
  res.append('Set-Cookie', cookieLine(LOGIN_COOKIE, value, { path: '/auth', maxAgeS: LOGIN_TTL_S, secure: overHttps(req, d.publicUrl) }));
  res.set('Cache-Control', 'no-store').redirect(303, url.href);
}

/** The attempt this browser started (signed by us, not expired, for this provider), or null. */
async function attemptOf(d: SigninDeps, req: express.Request, provider: string): Promise<LoginAttempt | null> {
  const cookie = cookieOf(req, LOGIN_COOKIE);
  const raw = cookie === undefined ? null : unsigned(await d.key(), cookie);
  if (raw === null) return null;
  const a = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as LoginAttempt & { until: number };
  return a.provider === provider && a.until > d.now().getTime() ? a : null;
}

function refuse(req: express.Request, res: express.Response, d: SigninDeps, why: string): void {
  res.append('Set-Cookie', cookieLine(LOGIN_COOKIE, '', { path: '/auth', maxAgeS: 0, secure: overHttps(req, d.publicUrl) }));
  res.status(400).type('html').set('Cache-Control', 'no-store').send(signinPage(Object.keys(PROVIDERS).filter((p) => d.clients.has(p)), `${d.tr.t('page.signin.failed')} (${why})`, d.tr));
}

async function callback(d: SigninDeps, req: express.Request, res: express.Response): Promise<void> {
  const provider = String(req.params.provider);
  if (!d.clients.has(provider)) return void res.status(404).json({ error: `no sign-in with "${provider}" here` });
  const attempt = await attemptOf(d, req, provider);
  if (!attempt) return refuse(req, res, d, 'this browser did not start it, or it took too long');
  if (!(await d.events.recordEvent(`signin:${attempt.state}`, d.now()))) return refuse(req, res, d, 'this answer was used already');
  const callbackUrl = new URL(redirectUri(d, provider));
  callbackUrl.search = new URL(req.originalUrl, 'http://x').search;
  let claims: Record<string, unknown>;
  try {
    claims = await finishLogin(await d.clients.get(provider), callbackUrl, attempt);
  } catch (err) {
    d.logger.warn({ err, provider }, 'sign-in refused');
    return refuse(req, res, d, 'the answer from the provider did not check out');
  }
  const person = PROVIDERS[provider].person(claims);
  if (!person) return refuse(req, res, d, 'the provider did not say who you are');
  await d.sessions.open(req, res, person);
  res.append('Set-Cookie', cookieLine(LOGIN_COOKIE, '', { path: '/auth', maxAgeS: 0, secure: overHttps(req, d.publicUrl) }));
  d.logger.info({ platform: person.platform, workspace: person.workspaceId }, 'signed in');
  res.set('Cache-Control', 'no-store').redirect(303, '/');
}

async function logout(d: SigninDeps, req: express.Request, res: express.Response): Promise<void> {
  await d.sessions.close(req, res);
  res.redirect(303, '/');
}
