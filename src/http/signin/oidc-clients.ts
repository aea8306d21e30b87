import * as oidc from 'openid-client';
import { isLoopbackHttp, type SigninClient, type SigninSettings } from '../../config';

/**
 * One openid-client Configuration per provider, discovered when first needed (the provider may be
 * down at start; a failed discovery is tried again next time). The client authenticates at the
 * token endpoint with client_secret_post, as Slack documents; plain http only for a loopback issuer.
 */
export class OidcClients {
  private readonly configs = new Map<string, Promise<oidc.Configuration>>();

  constructor(private readonly settings: SigninSettings) {}

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.settings, name);
  }

  get(name: string): Promise<oidc.Configuration> {
    let c = this.configs.get(name);
    if (!c) {
      c = discover(this.settings[name]!);
      this.configs.set(name, c);
      c.catch(() => this.configs.delete(name));
    }
    return c;
  }
}

function discover(s: SigninClient): Promise<oidc.Configuration> {
  const insecure = isLoopbackHttp(s.issuer);
  return oidc.discovery(new URL(s.issuer), s.clientId, { client_secret: s.clientSecret }, oidc.ClientSecretPost(s.clientSecret), {
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    timeout: 10,
  });
}

/** A fresh login attempt: what the callback must see again (state, nonce) and the PKCE verifier. */
export interface LoginAttempt {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
}

export function newAttempt(provider: string): LoginAttempt {
  return { provider, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
}

export async function authorizationUrl(config: oidc.Configuration, a: LoginAttempt, redirectUri: string): Promise<URL> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state: a.state,
    nonce: a.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(a.verifier),
    code_challenge_method: 'S256',
  });
}

/** The ID token's claims once code, state, nonce and PKCE all check out; throws otherwise. */
export async function finishLogin(config: oidc.Configuration, callbackUrl: URL, a: LoginAttempt): Promise<Record<string, unknown>> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: a.verifier,
    expectedState: a.state,
    expectedNonce: a.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider sent no ID token');
  return claims;
}
