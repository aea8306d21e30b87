/**
 * Issue #8, finding 4: forged Bot Framework tokens against the Teams endpoint. A local OpenID
 * metadata + JWKS server stands in for login.botframework.com (botbuilder's own
 * `ToBotFromChannelOpenIdMetadataUrl` setting points at it); tokens are real RS256 JWTs signed here.
 */
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { createTeamsAdapter } from '../adapters/teams';
import { createLogger } from '../src/logging';
import { systemClock } from '../src/core/ports';
import { RecordingInbound } from './helpers/recording-inbound';
import { postActivity } from './fakes/bot-connector';

const APP_ID = '00000000-0000-0000-0000-0000000000aa';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'http://127.0.0.1:9/teams-service/';
const b64 = (x: object | Buffer) => (Buffer.isBuffer(x) ? x : Buffer.from(JSON.stringify(x))).toString('base64url');

const real = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwt(header: object, claims: object, sign: (input: string) => Buffer | string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const sig = sign(input);
  return `${input}.${typeof sig === 'string' ? sig : sig.toString('base64url')}`;
}
const rs256 = (key: KeyObject) => (input: string) => createSign('RSA-SHA256').update(input).sign(key);
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: object = {}) => ({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 3600, ...over });

/** OpenID metadata and JWKS; `mode` makes it slow (never answers) for the timeout case. */
async function keyServer(mode: 'ok' | 'hang' = 'ok'): Promise<{ url: string; close(): Promise<void> }> {
  const jwk = real.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const server = http.createServer((req, res) => {
    if (mode === 'hang') return; // holds the request: the endpoint must give up on its own
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') return void res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
    if (req.url === '/keys') return void res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'k1', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

async function endpoint(openIdUrl: string) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', secrets: [], stream: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
  const inbound = new RecordingInbound();
  const { router } = createTeamsAdapter({
    settings: {
      appId: APP_ID,
      appPassword: 'not-a-real-secret',
      appType: 'MultiTenant',
      allowAnonymous: false,
      keyFetchBudgetMs: 500,
      authOverrides: {
        ToBotFromChannelOpenIdMetadataUrl: openIdUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: openIdUrl,
        ToBotFromChannelTokenIssuer: ISSUER,
        ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        ValidateAuthority: true,
        CallerId: 'urn:botframework:azure',
      },
    },
    inbound,
    logger,
    clock: systemClock,
  });
  const server = express().use(router).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lines,
    inbound,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** A channel message that mentions nobody: the bot stores nothing and says nothing (no outbound call). */
const chatter = () => ({
  type: 'message',
  id: `m${Math.random().toString(36).slice(2)}`,
  channelId: 'msteams',
  serviceUrl: SERVICE_URL,
  from: { id: '29:eve', aadObjectId: 'aad-eve' },
  recipient: { id: `28:${APP_ID}` },
  conversation: { id: '19:c@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: 't1' },
  channelData: { channel: { id: '19:c@thread.tacv2' }, tenant: { id: 't1' } },
  text: 'just chatting',
});

describe('forged Bot Framework tokens get 401, one log line, no stack (#8 finding 4)', () => {
  let keys: Awaited<ReturnType<typeof keyServer>>;
  let ep: Awaited<ReturnType<typeof endpoint>>;
  beforeAll(async () => {
    keys = await keyServer();
    ep = await endpoint(keys.url);
  });
  afterAll(async () => {
    await ep.close();
    await keys.close();
  });

  test('a correctly signed token is accepted (the control case)', async () => {
    const token = jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims(), rs256(real.privateKey));
    const r = await postActivity(ep.url, chatter(), { authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
  });

  const forgeries: [string, () => string][] = [
    ['alg:none', () => `${b64({ alg: 'none', typ: 'JWT', kid: 'k1' })}.${b64(claims())}.`],
    ['a bad signature (another key, same kid)', () => jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims(), rs256(other.privateKey))],
    ['a future nbf', () => jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims({ nbf: now() + 3600, exp: now() + 7200 }), rs256(real.privateKey))],
    ['an expired token', () => jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims({ nbf: now() - 7200, exp: now() - 3600 }), rs256(real.privateKey))],
    ['HS256 keyed with the public key (key confusion)', () => jwt({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, claims(), (input) => createHmac('sha256', real.publicKey.export({ type: 'spki', format: 'pem' })).update(input).digest())],
    ['another audience', () => jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims({ aud: 'someone-else' }), rs256(real.privateKey))],
    ['not a JWT', () => 'not.a.jwt'],
  ];
  test.each(forgeries)('%s → 401 {"error":"unauthorized"}, one warning, no stack, nothing stored', async (_name, forge) => {
    const before = ep.lines.length;
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await postActivity(ep.url, chatter(), { authorization: `Bearer ${forge()}` });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toEqual({ error: 'unauthorized' });
    const logged = ep.lines.slice(before).map((l) => JSON.parse(l) as { level: number; msg: string; err?: unknown; reason?: string });
    expect(logged.map((l) => [l.level, l.msg])).toEqual([[40, 'refused a Teams request that failed authentication']]);
    expect(logged[0]!.err).toBeUndefined();
    expect(JSON.stringify(logged)).not.toMatch(/\n\s+at /);
    expect(ep.inbound.log).toEqual([]);
    // Nor a stack trace from the library on stderr.
    const printed = stderr.mock.calls.map((c) => c.map((x) => (x instanceof Error ? x.stack : String(x))).join(' '));
    stderr.mockRestore();
    expect(printed.filter((t) => /\n\s+at /.test(t))).toEqual([]);
  });
});

describe('an unreachable or slow key endpoint is a 401 and a logged error, never a 500 (#8 finding 4)', () => {
  test.each(['unreachable', 'slow'] as const)('%s', async (kind) => {
    const keys = kind === 'slow' ? await keyServer('hang') : null;
    const closedPort = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const ep = await endpoint(keys ? keys.url : `http://127.0.0.1:${closedPort}/openid`);
    try {
      const token = jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims(), rs256(real.privateKey));
      const r = await postActivity(ep.url, chatter(), { authorization: `Bearer ${token}` });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toEqual({ error: 'unauthorized' });
      const logged = ep.lines.map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(logged.filter((l) => l.level >= 40).map((l) => [l.level, l.msg])).toEqual([[50, 'refused a Teams request that failed authentication']]);
    } finally {
      await ep.close();
      await keys?.close();
    }
  });
});
