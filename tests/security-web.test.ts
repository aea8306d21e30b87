/** Issue #8, findings 2, 3 (Host), 8 and 9 (WEB_TOKEN length): the page and /v1 over real HTTP. */
import http from 'node:http';
import { startWolbot } from '../src/app';
import { PAGE_CSP } from '../src/http/security-headers';
import { openStore } from '../src/store';
import { FakeClock } from './helpers/fake-clock';
import { logSink, tempWorkspace } from './helpers/workspace';

const TOKEN = 'page-token-0123456789abcdefghij';
const LOCAL_ONLY = 'program: wol-week\nstart: 2026-11-16\ntime: "09:00"\ntimezone: Europe/London\nadmins: [sandbox-user]\nchannels: [local:general]\n';
const WITH_SLACK = LOCAL_ONLY.replace('channels: [local:general]', 'channels: [local:general, slack:C0PROD1]');

/** GET with a chosen Host header (fetch does not let a page set one; a rebinding attack does). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

async function start(config: string, env: Record<string, string> = {}, prepare?: (dbUrl: string, dir: string) => Promise<void>) {
  const ws = tempWorkspace(config);
  await prepare?.(ws.dbUrl, ws.dir);
  const logs = logSink();
  const app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'info', ...env }, cwd: ws.dir, clock: new FakeClock('2026-11-16T09:00:00Z'), cron: false, port: 0, logStream: logs.stream });
  return { app, ws, logs, stop: async () => { await app.stop(); ws.cleanup(); } };
}

describe('who may read the page and /v1 (#8 finding 2)', () => {
  test('a config naming a Slack channel, without Slack credentials or WEB_TOKEN: /v1/export is 401 and the page is off', async () => {
    const s = await start(WITH_SLACK);
    try {
      expect(s.app.platforms).toEqual(['local']);
      const exp = await fetch(`${s.app.url}/v1/export`);
      expect(exp.status).toBe(401);
      expect(((await exp.json()) as any).error).toMatch(/off: set WEB_TOKEN/);
      expect((await fetch(`${s.app.url}/`)).status).toBe(401);
      expect(s.logs.text()).toMatch(/WEB_TOKEN is not set/);
    } finally {
      await s.stop();
    }
  });

  test('the demo config over a store that holds a Slack channel (a copy of production) needs the token', async () => {
    const s = await start(LOCAL_ONLY, { WEB_TOKEN: TOKEN }, async (dbUrl, dir) => {
      const store = await openStore(dbUrl, { cwd: dir });
      await store.saveChannel({ platform: 'slack', channelId: 'C0PROD1', workspaceId: 'T1', name: 'wol', timezone: null, time: null, active: true, paused: false, source: 'subscribed', inactiveReason: null }, new Date());
      await store.close();
    });
    try {
      expect((await fetch(`${s.app.url}/v1/export`)).status).toBe(401);
      const ok = await fetch(`${s.app.url}/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      const channels = ((await ok.json()) as any).channels as { channel: string; id: string; paused: boolean }[];
      expect(channels.map((c) => c.channel).sort()).toEqual(['local:general', 'slack:C0PROD1']);
      expect(channels.every((c) => typeof c.id === 'string' && typeof c.paused === 'boolean')).toBe(true);
    } finally {
      await s.stop();
    }
  });

  test('the pure demo stays open', async () => {
    const s = await start(LOCAL_ONLY);
    try {
      expect((await fetch(`${s.app.url}/v1/export`)).status).toBe(200);
      expect((await fetch(`${s.app.url}/`)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

describe('the web token: cookie exchange, constant-time compare, rate limit (#8 findings 8, 9)', () => {
  let s: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    s = await start(WITH_SLACK, { WEB_TOKEN: TOKEN });
  });
  afterAll(() => s.stop());

  test('?token= is exchanged once for an HttpOnly SameSite=Strict cookie and a redirect without the token', async () => {
    const r = await fetch(`${s.app.url}/?view=gallery&token=${TOKEN}`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/?view=gallery');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^wolbot_access=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(cookie).not.toContain(TOKEN);
    const jar = cookie.split(';')[0]!;
    expect((await fetch(`${s.app.url}/?view=gallery`, { headers: { cookie: jar } })).status).toBe(200);
    expect((await fetch(`${s.app.url}/v1/export`, { headers: { cookie: jar } })).status).toBe(200);
    expect((await fetch(`${s.app.url}/v1/export`)).status).toBe(401);
    // Behind an https proxy the cookie is Secure.
    const secure = await fetch(`${s.app.url}/?token=${TOKEN}`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  test('Bearer stays valid on /v1; a forged cookie or a wrong token is 401; many failures are 429, but never for the right token (#21)', async () => {
    expect((await fetch(`${s.app.url}/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${s.app.url}/v1/export`, { headers: { cookie: 'wolbot_access=forged' } })).status).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${s.app.url}/v1/export?token=guess-${i}`)).status);
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await fetch(`${s.app.url}/v1/status`, { headers: { authorization: 'Bearer yet-another-guess' } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`${s.app.url}/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});

describe('headers (#8 finding 8)', () => {
  test('the page carries exactly the design CSP; every answer nosniff and no-referrer; /v1 no-store', async () => {
    const s = await start(LOCAL_ONLY);
    try {
      const page = await fetch(`${s.app.url}/`);
      expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(PAGE_CSP).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      const html = await page.text();
      expect(html).not.toMatch(/<script>|<style>|\sstyle=|\son\w+=/);
      for (const path of ['/', '/healthz', '/v1/export', '/v1/status', '/assets/app.js', '/assets/style.css', '/favicon.svg', '/nothing-here']) {
        const r = await fetch(`${s.app.url}${path}`);
        expect([path, r.headers.get('x-content-type-options'), r.headers.get('referrer-policy')]).toEqual([path, 'nosniff', 'no-referrer']);
        if (path.startsWith('/v1/')) expect(r.headers.get('cache-control')).toBe('no-store');
      }
      // The platform endpoints (hot ingest path) carry just the two every answer must, not the page's CSP set.
      for (const path of ['/slack/events', '/api/messages']) {
        const r = await fetch(`${s.app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        expect([path, r.headers.get('x-content-type-options'), r.headers.get('referrer-policy'), r.headers.get('x-frame-options')]).toEqual([path, 'nosniff', 'no-referrer', null]);
        expect(r.headers.get('content-security-policy')).not.toBe(PAGE_CSP);
      }
      expect((await fetch(`${s.app.url}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(`${s.app.url}/favicon.svg`)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

describe('binding and Host (#8 finding 3)', () => {
  test('the demo listens on 127.0.0.1 and refuses a foreign Host header', async () => {
    const s = await start(LOCAL_ONLY);
    try {
      expect(s.logs.text()).toMatch(/listening on 127\.0\.0\.1:\d+ only/);
      const url = `${s.app.url}/v1/export`;
      expect(await getWithHost(url, 'evil.example')).toBe(421);
      expect(await getWithHost(url, `evil.example:${s.app.port}`)).toBe(421);
      expect(await getWithHost(url, `localhost.evil.example`)).toBe(421);
      expect(await getWithHost(url, `localhost:${s.app.port}`)).toBe(200);
      expect(await getWithHost(url, '127.0.0.1')).toBe(200);
      expect(await getWithHost(url, '[::1]:8080')).toBe(200);
    } finally {
      await s.stop();
    }
  });

  test('HOST chooses the address; a WEB_TOKEN under 24 characters stops start-up', async () => {
    const s = await start(LOCAL_ONLY, { HOST: '127.0.0.1' });
    try {
      expect(s.logs.text()).toMatch(/listening on 127\.0\.0\.1:\d+ \(HOST\)/);
    } finally {
      await s.stop();
    }
    await expect(start(LOCAL_ONLY, { WEB_TOKEN: 'tok' })).rejects.toThrow(/WEB_TOKEN: too short \(3 characters\); use at least 24/);
  });
});
