import type express from 'express';
import { translatorOf } from '../../core/frame';
import type { Context } from '../../open-context';
import { sessionCheck } from '../session-check';
import { cookieKey } from './cookie-key';
import { OidcClients } from './oidc-clients';
import { PROVIDER_NAMES } from './providers';
import { SessionKeeper } from './sessions';
import { signinPage } from './signin-page';
import { signinRouter } from './signin-routes';

/**
 * Sign-in when a provider is configured: the /auth routes, and the session check the page's access
 * rule calls for whoever brings no token. Null when sign-in is off.
 */
export function signinParts(ctx: Context): { router: express.Router; check: ReturnType<typeof sessionCheck> } | null {
  const { env, store, clock, logger, loaded } = ctx;
  const providers = PROVIDER_NAMES.filter((p) => env.signin[p]);
  if (providers.length === 0 || !env.publicUrl) return null;
  const key = cookieKey(store);
  const sessions = new SessionKeeper({ store, key, clock, publicUrl: env.publicUrl });
  const tr = translatorOf(loaded.settings.programme);
  const router = signinRouter({ clients: new OidcClients(env.signin), sessions, key, events: store, publicUrl: env.publicUrl, now: () => clock.now(), logger: logger.child({ component: 'signin' }), tr });
  return { router, check: sessionCheck({ sessions, page: () => signinPage(providers, undefined, tr) }) };
}
