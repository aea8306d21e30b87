/** The environment, read once: platform credential sets, port, log level, store URL. */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { slackPlatform } from '../../adapters/slack/platform';
import { teamsPlatform } from '../../adapters/teams/platform';
import { ConfigError } from './config-error';

export type SlackMode = 'http' | 'socket' | 'oauth';
export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface SlackEnv {
  signingSecret?: string;
  botToken?: string;
  appToken?: string;
  clientId?: string;
  clientSecret?: string;
  stateSecret?: string;
  secretKey?: string;
  apiUrl?: string;
  maxPostsPerSecond: number;
  mode: SlackMode;
  /** SLACK_COMMAND: the slash command's name (default `/wol`). */
  command: string;
}

export interface TeamsEnv {
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType?: TeamsAppType;
  allowAnonymous: boolean;
}

export interface EnvSettings {
  port: number;
  /** HOST: the address to bind; undefined = the default for the mode (see src/app.ts). */
  host?: string;
  logLevel: string;
  databaseUrl: string;
  /** The organizer config file (absolute), or null for the built-in demo config. */
  configPath: string | null;
  slack: SlackEnv | null;
  teams: TeamsEnv | null;
  webToken?: string;
  /** PUBLIC_URL: the page's public address (links to the gallery in wrap-ups), without a trailing slash. */
  publicUrl?: string;
  secretKey?: string;
  /** WOLBOT_LEASE_MS: how long a delivery claim is held before another process may take it over (default 30 s in the core; renewed every third of it while held). */
  leaseMs?: number;
}

/** A guessable web token would open everyone's words: 24 characters at least. */
export const MIN_WEB_TOKEN = 24;
export const DEFAULT_DATABASE_URL = 'sqlite:data/wolbot.db';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES: readonly TeamsAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

/** Loads `.env` from `cwd` into `target` (process.env); a variable already set is never overridden. */
export function loadDotenv(cwd: string, target: NodeJS.ProcessEnv = process.env): void {
  const file = path.join(cwd, '.env');
  let src: string;
  try {
    src = fs.readFileSync(file, 'utf8');
  } catch {
    return; // no .env: nothing to load
  }
  const parsed = parseDotenv(src);
  for (const [k, v] of Object.entries(parsed)) {
    // Empty counts as unset everywhere in our config, so .env may fill it.
    if (target[k] === undefined || target[k] === '') target[k] = v;
  }
}

/** Each platform's settings by its name (null: off), for the platform list to decide and build. */
export function platformSettings(env: EnvSettings): Record<string, unknown> {
  return { [slackPlatform.name]: env.slack, [teamsPlatform.name]: env.teams };
}

/** Reads and checks every variable; throws one ConfigError listing every problem. */
export function readEnv(env: NodeJS.ProcessEnv, cwd: string): EnvSettings {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const port = readPort(get('PORT'), problems);
  const logLevel = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL: "${get('LOG_LEVEL')}" is not a log level (expected one of ${LOG_LEVELS.join(', ')})`);
  }
  const databaseUrl = get('DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    problems.push(`DATABASE_URL: expected sqlite:PATH or postgres://… / postgresql://…, got "${databaseUrl}"`);
  }
  const secretKey = get('WOLBOT_SECRET_KEY');
  const webToken = get('WEB_TOKEN');
  if (webToken !== undefined && webToken.length < MIN_WEB_TOKEN) {
    problems.push(`WEB_TOKEN: too short (${webToken.length} characters); use at least ${MIN_WEB_TOKEN} random characters, e.g. the output of \`openssl rand -base64 24\``);
  }
  let publicUrl = get('PUBLIC_URL');
  if (publicUrl !== undefined) {
    if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(publicUrl)) problems.push(`PUBLIC_URL: expected the page's address such as https://wolbot.example.com, got "${publicUrl}"`);
    else publicUrl = publicUrl.replace(/\/+$/, '');
  }
  const host = get('HOST');
  if (host !== undefined && !/^[A-Za-z0-9.:-]+$/.test(host)) problems.push(`HOST: expected an address such as 127.0.0.1, 0.0.0.0 or ::, got "${host}"`);
  const leaseMs = readLeaseMs(get('WOLBOT_LEASE_MS'), problems);
  const slack = readSlack(get, secretKey, problems);
  const teams = readTeams(get, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    logLevel,
    databaseUrl,
    configPath: configPathOf(get('WOLBOT_CONFIG'), cwd),
    slack,
    teams,
    ...(host !== undefined ? { host } : {}),
    ...(webToken !== undefined ? { webToken } : {}),
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(secretKey !== undefined ? { secretKey } : {}),
    ...(leaseMs !== undefined ? { leaseMs } : {}),
  };
}

/** A lease must outlast the slowest single send (pacing included); 1 s at least. */
function readLeaseMs(v: string | undefined, problems: string[]): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1000) {
    problems.push(`WOLBOT_LEASE_MS: expected a whole number of milliseconds, 1000 or more, got "${v}"`);
    return undefined;
  }
  return Number(v);
}

function configPathOf(given: string | undefined, cwd: string): string | null {
  if (given !== undefined) return path.resolve(cwd, given); // existence is checked by loadSettings
  const dflt = path.resolve(cwd, 'wolbot.yaml');
  return fs.existsSync(dflt) ? dflt : null;
}

function readPort(v: string | undefined, problems: string[]): number {
  if (v === undefined) return 3000;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) {
    problems.push(`PORT: expected a whole number 0–65535, got "${v}"`);
    return 3000;
  }
  return n;
}

function missing(names: string[], why: string): string {
  return `${names.join(', ')}: missing — ${why}`;
}

function readSlack(get: (n: string) => string | undefined, secretKey: string | undefined, problems: string[]): SlackEnv | null {
  const signingSecret = get('SLACK_SIGNING_SECRET');
  const botToken = get('SLACK_BOT_TOKEN');
  const appToken = get('SLACK_APP_TOKEN');
  const clientId = get('SLACK_CLIENT_ID');
  const clientSecret = get('SLACK_CLIENT_SECRET');
  const stateSecret = get('SLACK_STATE_SECRET');
  const apiUrl = get('SLACK_API_URL');

  let maxPostsPerSecond = 20;
  const rate = get('SLACK_MAX_POSTS_PER_SECOND');
  if (rate !== undefined) {
    const n = Number(rate);
    if (!Number.isFinite(n) || n <= 0 || !/^\d*\.?\d+$/.test(rate)) {
      problems.push(`SLACK_MAX_POSTS_PER_SECOND: expected a positive number, got "${rate}"`);
    } else maxPostsPerSecond = n;
  }
  const command = get('SLACK_COMMAND') ?? '/wol';
  if (!/^\/[a-z0-9_-]{1,31}$/.test(command)) problems.push(`SLACK_COMMAND: expected a slash command such as /wol (lower case letters, digits, - or _), got "${command}"`);
  if (apiUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(apiUrl)) {
    problems.push(`SLACK_API_URL: expected an http(s) URL, got "${apiUrl}"`);
  }

  let mode: SlackMode;
  const lacking = (pairs: [string, string | undefined][]) => pairs.filter(([, v]) => v === undefined).map(([n]) => n);
  if (clientId || clientSecret || stateSecret) {
    mode = 'oauth';
    const need = lacking([
      ['SLACK_SIGNING_SECRET', signingSecret],
      ['SLACK_CLIENT_ID', clientId],
      ['SLACK_CLIENT_SECRET', clientSecret],
      ['SLACK_STATE_SECRET', stateSecret],
      ['WOLBOT_SECRET_KEY', secretKey],
    ]);
    if (need.length) {
      problems.push(missing(need, 'Slack multi-workspace install needs SLACK_SIGNING_SECRET, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and WOLBOT_SECRET_KEY'));
      return null;
    }
  } else if (appToken) {
    mode = 'socket';
    if (!botToken) {
      problems.push(missing(['SLACK_BOT_TOKEN'], 'Slack Socket Mode needs SLACK_BOT_TOKEN with SLACK_APP_TOKEN'));
      return null;
    }
  } else if (botToken || signingSecret) {
    mode = 'http';
    if (!signingSecret) {
      problems.push(missing(['SLACK_SIGNING_SECRET'], 'Slack HTTP mode needs SLACK_SIGNING_SECRET with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)'));
      return null;
    }
    if (!botToken) {
      problems.push(missing(['SLACK_BOT_TOKEN'], 'Slack HTTP mode needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET for a multi-workspace install)'));
      return null;
    }
  } else {
    return null; // Slack is off
  }

  const out: SlackEnv = { maxPostsPerSecond, mode, command };
  if (signingSecret) out.signingSecret = signingSecret;
  if (botToken) out.botToken = botToken;
  if (appToken) out.appToken = appToken;
  if (clientId) out.clientId = clientId;
  if (clientSecret) out.clientSecret = clientSecret;
  if (stateSecret) out.stateSecret = stateSecret;
  if (secretKey) out.secretKey = secretKey;
  if (apiUrl) out.apiUrl = apiUrl;
  return out;
}

function readTeams(get: (n: string) => string | undefined, problems: string[]): TeamsEnv | null {
  const appId = get('MICROSOFT_APP_ID');
  const appPassword = get('MICROSOFT_APP_PASSWORD');
  const appTenantId = get('MICROSOFT_APP_TENANT_ID');
  const typeRaw = get('MICROSOFT_APP_TYPE');
  const anonRaw = get('TEAMS_ALLOW_ANONYMOUS');

  let allowAnonymous = false;
  if (anonRaw !== undefined) {
    if (/^(true|1|yes)$/i.test(anonRaw)) allowAnonymous = true;
    else if (!/^(false|0|no)$/i.test(anonRaw)) problems.push(`TEAMS_ALLOW_ANONYMOUS: expected true or false, got "${anonRaw}"`);
  }
  let appType: TeamsAppType | undefined;
  if (typeRaw !== undefined) {
    appType = APP_TYPES.find((t) => t.toLowerCase() === typeRaw.toLowerCase());
    if (!appType) {
      problems.push(`MICROSOFT_APP_TYPE: expected one of ${APP_TYPES.join(', ')}, got "${typeRaw}"`);
      return null;
    }
  }

  if (!appId && !appPassword && !appTenantId && !typeRaw) {
    return allowAnonymous ? { allowAnonymous: true } : null;
  }
  const type = appType ?? 'MultiTenant';
  const need: string[] = [];
  if (!appId) need.push('MICROSOFT_APP_ID');
  if (type !== 'UserAssignedMSI' && !appPassword) need.push('MICROSOFT_APP_PASSWORD');
  if (type !== 'MultiTenant' && !appTenantId) need.push('MICROSOFT_APP_TENANT_ID');
  if (need.length) {
    const why = {
      MultiTenant: 'Teams needs MICROSOFT_APP_ID with MICROSOFT_APP_PASSWORD',
      SingleTenant: 'a SingleTenant Teams app needs MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID',
      UserAssignedMSI: 'a UserAssignedMSI Teams app needs MICROSOFT_APP_ID and MICROSOFT_APP_TENANT_ID',
    }[type];
    problems.push(missing(need, why));
    return null;
  }
  const out: TeamsEnv = { appId, appType: type, allowAnonymous };
  if (appPassword && type !== 'UserAssignedMSI') out.appPassword = appPassword;
  if (appTenantId) out.appTenantId = appTenantId;
  return out;
}
