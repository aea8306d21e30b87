/** The environment, read once: port, log level, store URL, and each platform's settings as its descriptor reads them. */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { EnvVars } from '../core/ports/platform-descriptor';
import { PLATFORMS } from '../platforms';
import { ConfigError } from './config-error';
import { readSignin, type SigninSettings } from './signin';

export interface EnvSettings {
  port: number;
  /** HOST: the address to bind; undefined = the default for the mode (see src/app.ts). */
  host?: string;
  logLevel: string;
  databaseUrl: string;
  /** The organizer config file (absolute), or null for the built-in demo config. */
  configPath: string | null;
  /** Each platform's settings by its name, as its descriptor read them (null: off). */
  platforms: Record<string, unknown>;
  webToken?: string;
  /** PUBLIC_URL: the page's public address (links to the gallery in wrap-ups), without a trailing slash. */
  publicUrl?: string;
  secretKey?: string;
  /** TRUST_PROXY=true: the client address for rate limits is the last one X-Forwarded-For names (off: the socket's). */
  trustProxy?: boolean;
  /** Sign-in with Slack or Microsoft (OpenID Connect): the providers that are configured. */
  signin: SigninSettings;
  /** WOLBOT_LEASE_MS: how long a delivery claim is held before another process may take it over (default 30 s in the core; renewed every third of it while held). */
  leaseMs?: number;
}

/** A guessable web token would open everyone's words: 24 characters at least. */
export const MIN_WEB_TOKEN = 24;
export const DEFAULT_DATABASE_URL = 'sqlite:data/wolbot.db';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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

/** The variables with a value, trimmed: empty counts as unset everywhere in our config. */
function varsOf(env: NodeJS.ProcessEnv): EnvVars {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') vars[k] = v.trim();
  return vars;
}

/** Each platform reads its own variables; their problems join the list after wolbot's own. */
function readPlatforms(vars: EnvVars, problems: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const p of PLATFORMS) {
    const read = p.readEnv?.(vars) ?? { settings: null, problems: [] };
    settings[p.name] = read.settings;
    problems.push(...read.problems);
  }
  return settings;
}

/** Reads and checks every variable; throws one ConfigError listing every problem. */
export function readEnv(env: NodeJS.ProcessEnv, cwd: string): EnvSettings {
  const problems: string[] = [];
  const vars = varsOf(env);
  const get = (name: string): string | undefined => vars[name];

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
    problems.push(`WEB_TOKEN: too short (${webToken.length} characters); use at least ${MIN_WEB_TOKEN} random characters, e.g. the output of \`openssl rand -hex 24\``);
  }
  let publicUrl = get('PUBLIC_URL');
  if (publicUrl !== undefined) {
    if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(publicUrl)) problems.push(`PUBLIC_URL: expected the page's address such as https://wolbot.example.com, got "${publicUrl}"`);
    else publicUrl = publicUrl.replace(/\/+$/, '');
  }
  const host = get('HOST');
  if (host !== undefined && !/^[A-Za-z0-9.:-]+$/.test(host)) problems.push(`HOST: expected an address such as 127.0.0.1, 0.0.0.0 or ::, got "${host}"`);
  const leaseMs = readLeaseMs(get('WOLBOT_LEASE_MS'), problems);
  const trustProxy = get('TRUST_PROXY')?.toLowerCase();
  if (trustProxy !== undefined && !['true', 'false', '1', '0'].includes(trustProxy)) problems.push(`TRUST_PROXY: expected true or false, got "${get('TRUST_PROXY')}"`);
  const platforms = readPlatforms(vars, problems);
  const signin = readSignin(vars, publicUrl, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    logLevel,
    databaseUrl,
    configPath: configPathOf(get('WOLBOT_CONFIG'), cwd),
    platforms,
    signin,
    ...(host !== undefined ? { host } : {}),
    ...(webToken !== undefined ? { webToken } : {}),
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(secretKey !== undefined ? { secretKey } : {}),
    ...(leaseMs !== undefined ? { leaseMs } : {}),
    ...(trustProxy === 'true' || trustProxy === '1' ? { trustProxy: true } : {}),
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
