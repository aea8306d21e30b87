/** Sign-in (OpenID Connect) settings: a client per provider that is given, checked as a whole set. */
import type { EnvVars } from '../core/ports/platform-descriptor';
import { missingVars } from '../core/ports/platform-descriptor';

/** The providers a person may sign in with: the platform whose ids their claims carry. */
export type SigninProviderName = 'slack' | 'microsoft';

export interface SigninClient {
  clientId: string;
  clientSecret: string;
  /** The issuer's URL, as discovery must find it in its metadata. */
  issuer: string;
}

export type SigninSettings = Partial<Record<SigninProviderName, SigninClient>>;

export const SIGNIN_ENV = [
  'SIGNIN_SLACK_CLIENT_ID',
  'SIGNIN_SLACK_CLIENT_SECRET',
  'SIGNIN_SLACK_ISSUER',
  'SIGNIN_MICROSOFT_CLIENT_ID',
  'SIGNIN_MICROSOFT_CLIENT_SECRET',
  'SIGNIN_MICROSOFT_ISSUER',
] as const;
export const SIGNIN_SECRET_ENV = ['SIGNIN_SLACK_CLIENT_SECRET', 'SIGNIN_MICROSOFT_CLIENT_SECRET'] as const;

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

function readClient(vars: EnvVars, prefix: string, defaultIssuer: string | undefined, problems: string[]): SigninClient | undefined {
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
  return { clientId: id!, clientSecret: secret!, issuer: issuer!.replace(/\/+$/, '') };
}

/**
 * SIGNIN_SLACK_* and SIGNIN_MICROSOFT_*: each provider on when its client id and secret are given
 * (Slack's issuer defaults to https://slack.com, Microsoft's to the tenant of MICROSOFT_APP_TENANT_ID).
 * A partial set, a plain-http issuer off loopback, or sign-in without PUBLIC_URL is a problem.
 */
export function readSignin(vars: EnvVars, publicUrl: string | undefined, problems: string[]): SigninSettings {
  const tenant = vars.MICROSOFT_APP_TENANT_ID;
  const slack = readClient(vars, 'SIGNIN_SLACK', 'https://slack.com', problems);
  const microsoft = readClient(vars, 'SIGNIN_MICROSOFT', tenant ? `https://login.microsoftonline.com/${tenant}/v2.0` : undefined, problems);
  const settings: SigninSettings = { ...(slack ? { slack } : {}), ...(microsoft ? { microsoft } : {}) };
  if ((slack || microsoft) && publicUrl === undefined) {
    problems.push(missingVars(['PUBLIC_URL'], 'sign-in redirects people back to PUBLIC_URL/auth/<provider>/callback'));
  }
  return settings;
}
