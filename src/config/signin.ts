/** Sign-in (OpenID Connect) settings: a client per provider that is given, checked as a whole set. */
import type { EnvVars } from '../core/ports/platform-descriptor';
import { missingVars } from '../core/ports/platform-descriptor';
import { PLATFORMS } from '../platforms';

export interface SigninClient {
  /** The platform whose accounts sign in here (its descriptor's `signin`). */
  platform: string;
  clientId: string;
  clientSecret: string;
  /** The issuer's URL, as discovery must find it in its metadata. */
  issuer: string;
}

/** The configured sign-in clients by provider name (`/auth/<provider>`). */
export type SigninSettings = Record<string, SigninClient>;

const prefixOf = (provider: string): string => `SIGNIN_${provider.toUpperCase()}`;

/** Every provider's variables (listed in .env.example), and the secret ones. */
export const SIGNIN_ENV = PLATFORMS.flatMap((p) => (p.signin ? ['CLIENT_ID', 'CLIENT_SECRET', 'ISSUER'].map((v) => `${prefixOf(p.signin!.provider)}_${v}`) : []));
export const SIGNIN_SECRET_ENV = PLATFORMS.flatMap((p) => (p.signin ? [`${prefixOf(p.signin.provider)}_CLIENT_SECRET`] : []));

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/i;

/** An http issuer is a test provider on this machine; anywhere else it would hand tokens over plain text. */
export function isLoopbackHttp(issuer: string): boolean {
  const u = new URL(issuer);
  return u.protocol === 'http:' && LOOPBACK.test(u.hostname);
}

function checkIssuer(name: string, issuer: string, problems: string[]): void {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    problems.push(`${name}: expected the issuer's https URL, got "${issuer}"`);
    return;
  }
  if (url.protocol === 'https:' || isLoopbackHttp(issuer)) return;
  problems.push(`${name}: an issuer must be https (http only on loopback, for tests), got "${issuer}"`);
}

function readClient(vars: EnvVars, platform: string, prefix: string, defaultIssuer: string | undefined, problems: string[]): SigninClient | undefined {
  const id = vars[`${prefix}_CLIENT_ID`];
  const secret = vars[`${prefix}_CLIENT_SECRET`];
  const given = vars[`${prefix}_ISSUER`];
  if (id === undefined && secret === undefined && given === undefined) return undefined;
  const missing = [id === undefined ? `${prefix}_CLIENT_ID` : '', secret === undefined ? `${prefix}_CLIENT_SECRET` : ''].filter(Boolean);
  const issuer = given ?? defaultIssuer;
  if (issuer === undefined) missing.push(`${prefix}_ISSUER`);
  if (missing.length) {
    problems.push(missingVars(missing, `sign-in needs ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET (and an issuer)`));
    return undefined;
  }
  checkIssuer(`${prefix}_ISSUER`, issuer!, problems);
  return { platform, clientId: id!, clientSecret: secret!, issuer: issuer!.replace(/\/+$/, '') };
}

/**
 * SIGNIN_<PROVIDER>_*: each platform's provider on when its client id and secret are given (the
 * issuer defaults as its descriptor says). A partial set, a plain-http issuer off loopback, or
 * sign-in without PUBLIC_URL is a problem.
 */
export function readSignin(vars: EnvVars, publicUrl: string | undefined, problems: string[]): SigninSettings {
  const settings: SigninSettings = {};
  for (const p of PLATFORMS) {
    if (!p.signin) continue;
    const client = readClient(vars, p.name, prefixOf(p.signin.provider), p.signin.defaultIssuer(vars), problems);
    if (client) settings[p.signin.provider] = client;
  }
  if (Object.keys(settings).length > 0 && publicUrl === undefined) {
    problems.push(missingVars(['PUBLIC_URL'], 'sign-in redirects people back to PUBLIC_URL/auth/<provider>/callback'));
  }
  return settings;
}
