import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadDotenv, readEnv } from '../src/config';

const CWD = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-env-'));

function problemsOf(env: NodeJS.ProcessEnv, cwd = CWD): string[] {
  try {
    readEnv(env, cwd);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('readEnv', () => {
  test('defaults with nothing set: no platform, demo config', () => {
    expect(readEnv({}, CWD)).toEqual({
      port: 3000,
      logLevel: 'info',
      databaseUrl: 'sqlite:data/wolbot.db',
      configPath: null,
      platforms: { slack: null, teams: null, local: null },
      signin: {},
    });
  });

  describe('sign-in (SIGNIN_*)', () => {
    const slack = { SIGNIN_SLACK_CLIENT_ID: 'c1', SIGNIN_SLACK_CLIENT_SECRET: 's1' };
    const url = { PUBLIC_URL: 'https://wol.example.com' };
    const problems = (env: Record<string, string>): string[] => {
      try {
        readEnv(env, CWD);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };

    test("Slack's issuer defaults to https://slack.com, Microsoft's to the Teams tenant", () => {
      const e = readEnv({ ...slack, ...url, SIGNIN_MICROSOFT_CLIENT_ID: 'm', SIGNIN_MICROSOFT_CLIENT_SECRET: 'ms', MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: 'tid-1' }, CWD);
      expect(e.signin).toEqual({
        slack: { platform: 'slack', clientId: 'c1', clientSecret: 's1', issuer: 'https://slack.com' },
        microsoft: { platform: 'teams', clientId: 'm', clientSecret: 'ms', issuer: 'https://login.microsoftonline.com/tid-1/v2.0' },
      });
    });

    test('a partial set stops start-up naming what is missing', () => {
      expect(problems({ SIGNIN_SLACK_CLIENT_ID: 'c1', ...url })).toEqual([expect.stringMatching(/^SIGNIN_SLACK_CLIENT_SECRET: missing/)]);
      expect(problems({ SIGNIN_MICROSOFT_CLIENT_ID: 'm', SIGNIN_MICROSOFT_CLIENT_SECRET: 'ms', ...url })).toEqual([expect.stringMatching(/^SIGNIN_MICROSOFT_ISSUER: missing/)]);
      expect(problems(slack)).toEqual([expect.stringMatching(/^PUBLIC_URL: missing — sign-in/)]);
    });

    test('an http issuer is accepted on loopback only', () => {
      expect(readEnv({ ...slack, ...url, SIGNIN_SLACK_ISSUER: 'http://127.0.0.1:4000' }, CWD).signin.slack?.issuer).toBe('http://127.0.0.1:4000');
      expect(problems({ ...slack, ...url, SIGNIN_SLACK_ISSUER: 'http://idp.example.com' })).toEqual([expect.stringMatching(/^SIGNIN_SLACK_ISSUER: an issuer must be https/)]);
    });
  });

  test('empty strings count as unset', () => {
    const e = readEnv({ PORT: '', LOG_LEVEL: '', SLACK_BOT_TOKEN: '', MICROSOFT_APP_ID: '', WOLBOT_CONFIG: '', WEB_TOKEN: '' }, CWD);
    expect(e).toMatchObject({ port: 3000, logLevel: 'info', platforms: { slack: null, teams: null }, configPath: null });
    expect(e.webToken).toBeUndefined();
  });

  test('PORT, LOG_LEVEL, DATABASE_URL, WEB_TOKEN, WOLBOT_SECRET_KEY are read', () => {
    const e = readEnv({ PORT: '0', LOG_LEVEL: 'debug', DATABASE_URL: 'postgres://u@h/db', WEB_TOKEN: 'w123456789012345678901234', WOLBOT_SECRET_KEY: 'k' }, CWD);
    expect(e).toMatchObject({ port: 0, logLevel: 'debug', databaseUrl: 'postgres://u@h/db', webToken: 'w123456789012345678901234', secretKey: 'k' });
  });

  test('bad PORT, LOG_LEVEL and SLACK_MAX_POSTS_PER_SECOND are all reported', () => {
    const p = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', SLACK_MAX_POSTS_PER_SECOND: '0', DATABASE_URL: 'mysql://x' });
    expect(p).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^LOG_LEVEL: /),
      expect.stringMatching(/^DATABASE_URL: /),
      expect.stringMatching(/^SLACK_MAX_POSTS_PER_SECOND: /),
    ]);
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: /);
    expect(problemsOf({ SLACK_MAX_POSTS_PER_SECOND: 'fast' })[0]).toMatch(/^SLACK_MAX_POSTS_PER_SECOND: /);
  });

  test('WOLBOT_CONFIG resolves against cwd; else wolbot.yaml in cwd when it exists', () => {
    expect(readEnv({ WOLBOT_CONFIG: 'conf/w.yaml' }, CWD).configPath).toBe(path.join(CWD, 'conf/w.yaml'));
    expect(readEnv({ WOLBOT_CONFIG: '/abs/w.yaml' }, CWD).configPath).toBe('/abs/w.yaml');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-env-'));
    expect(readEnv({}, dir).configPath).toBeNull();
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), 'program: wol-week\n');
    expect(readEnv({}, dir).configPath).toBe(path.join(dir, 'wolbot.yaml'));
  });

  describe('Slack', () => {
    test('HTTP mode: signing secret + bot token', () => {
      const s = readEnv({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_API_URL: 'http://127.0.0.1:9/api/' }, CWD).platforms.slack;
      expect(s).toEqual({ signingSecret: 's', botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/', maxPostsPerSecond: 20, mode: 'http', command: '/wol' });
    });
    test('Socket Mode: bot token + app token', () => {
      const s = readEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_MAX_POSTS_PER_SECOND: '2.5' }, CWD).platforms.slack;
      expect(s).toEqual({ botToken: 'xoxb-1', appToken: 'xapp-1', maxPostsPerSecond: 2.5, mode: 'socket', command: '/wol' });
    });
    test('OAuth: signing secret + client id/secret + state secret + WOLBOT_SECRET_KEY', () => {
      const env = { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'ci', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'st', WOLBOT_SECRET_KEY: 'k' };
      expect(readEnv(env, CWD).platforms.slack).toEqual({
        signingSecret: 's', clientId: 'ci', clientSecret: 'cs', stateSecret: 'st', secretKey: 'k', maxPostsPerSecond: 20, mode: 'oauth', command: '/wol',
      });
    });
    test.each([
      [{ SLACK_BOT_TOKEN: 'x' }, 'SLACK_SIGNING_SECRET'],
      [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN'],
      [{ SLACK_APP_TOKEN: 'a' }, 'SLACK_BOT_TOKEN'],
      [{ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'ci', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'st' }, 'WOLBOT_SECRET_KEY'],
      [{ SLACK_CLIENT_ID: 'ci', WOLBOT_SECRET_KEY: 'k' }, 'SLACK_SIGNING_SECRET, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET'],
    ])('partial set %j names %s', (env, names) => {
      const p = problemsOf(env as NodeJS.ProcessEnv);
      expect(p).toHaveLength(1);
      expect(p[0].startsWith(`${names}: missing`)).toBe(true);
    });
  });

  describe('Teams', () => {
    test('app id + password (MultiTenant by default)', () => {
      expect(readEnv({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' }, CWD).platforms.teams).toEqual({
        appId: 'id', appPassword: 'pw', appType: 'MultiTenant', allowAnonymous: false,
      });
    });
    test('SingleTenant needs the tenant id', () => {
      const env = { MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant' };
      expect(problemsOf(env)).toEqual([expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: missing/)]);
      expect(readEnv({ ...env, MICROSOFT_APP_TENANT_ID: 't' }, CWD).platforms.teams).toEqual({
        appId: 'id', appPassword: 'pw', appTenantId: 't', appType: 'SingleTenant', allowAnonymous: false,
      });
    });
    test('UserAssignedMSI needs id + tenant, no password', () => {
      expect(readEnv({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_TENANT_ID: 't', MICROSOFT_APP_TYPE: 'UserAssignedMSI' }, CWD).platforms.teams).toEqual({
        appId: 'id', appTenantId: 't', appType: 'UserAssignedMSI', allowAnonymous: false,
      });
      expect(problemsOf({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_TYPE: 'UserAssignedMSI' })).toEqual([
        expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: missing/),
      ]);
    });
    test('TEAMS_ALLOW_ANONYMOUS=true alone turns Teams on', () => {
      expect(readEnv({ TEAMS_ALLOW_ANONYMOUS: 'true' }, CWD).platforms.teams).toEqual({ allowAnonymous: true });
      expect(readEnv({ TEAMS_ALLOW_ANONYMOUS: 'false' }, CWD).platforms.teams).toBeNull();
      expect(problemsOf({ TEAMS_ALLOW_ANONYMOUS: 'maybe' })[0]).toMatch(/^TEAMS_ALLOW_ANONYMOUS: /);
    });
    test.each([
      [{ MICROSOFT_APP_ID: 'id' }, 'MICROSOFT_APP_PASSWORD'],
      [{ MICROSOFT_APP_PASSWORD: 'pw' }, 'MICROSOFT_APP_ID'],
      [{ MICROSOFT_APP_TENANT_ID: 't' }, 'MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD'],
    ])('partial set %j names %s', (env, names) => {
      const p = problemsOf(env as NodeJS.ProcessEnv);
      expect(p).toHaveLength(1);
      expect(p[0].startsWith(`${names}: missing`)).toBe(true);
    });
    test('an unknown app type is refused', () => {
      expect(problemsOf({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'Shared' })[0]).toMatch(/^MICROSOFT_APP_TYPE: /);
    });
  });

  test('a platform reports a malformed variable and an incomplete set together, worded in full', () => {
    expect(problemsOf({ SLACK_COMMAND: ' wol ', SLACK_BOT_TOKEN: 'x', TEAMS_ALLOW_ANONYMOUS: 'maybe', MICROSOFT_APP_ID: 'id' })).toEqual([
      'SLACK_COMMAND: expected a slash command such as /wol (lower case letters, digits, - or _), got "wol"',
      'SLACK_SIGNING_SECRET: missing — Slack HTTP mode needs SLACK_SIGNING_SECRET with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)',
      'TEAMS_ALLOW_ANONYMOUS: expected true or false, got "maybe"',
      'MICROSOFT_APP_PASSWORD: missing — Teams needs MICROSOFT_APP_ID with MICROSOFT_APP_PASSWORD',
    ]);
  });

  test('Slack and Teams problems are reported together', () => {
    const p = problemsOf({ SLACK_BOT_TOKEN: 'x', MICROSOFT_APP_ID: 'id' });
    expect(p).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: missing/), expect.stringMatching(/^MICROSOFT_APP_PASSWORD: missing/)]);
  });
});

describe('loadDotenv', () => {
  test('loads .env from cwd without overriding variables already set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-dotenv-'));
    fs.writeFileSync(path.join(dir, '.env'), 'WOLBOT_T_A=from-file\nWOLBOT_T_B=from-file\nWOLBOT_T_C=from-file\n');
    const target: NodeJS.ProcessEnv = { WOLBOT_T_A: 'already', WOLBOT_T_C: '' };
    loadDotenv(dir, target);
    expect(target).toEqual({ WOLBOT_T_A: 'already', WOLBOT_T_B: 'from-file', WOLBOT_T_C: 'from-file' });
  });

  test('defaults to process.env, and a missing .env is fine', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-dotenv-'));
    loadDotenv(dir); // no file: no throw
    fs.writeFileSync(path.join(dir, '.env'), 'WOLBOT_TEST_DOTENV_X=1\n');
    try {
      loadDotenv(dir);
      expect(process.env.WOLBOT_TEST_DOTENV_X).toBe('1');
    } finally {
      delete process.env.WOLBOT_TEST_DOTENV_X;
    }
  });
});
