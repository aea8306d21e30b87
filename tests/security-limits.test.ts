/** Issue #21, findings 4 and 5: the token limiter never locks out the right token; redirects stay here; Secure; /V1. */
import { startWolbot } from '../src/app';
import { withoutToken } from '../src/http/web-access';
import { FakeClock } from './helpers/fake-clock';
import { logSink, tempWorkspace } from './helpers/workspace';

const TOKEN = 'page-token-0123456789abcdefghij';
const CONFIG = 'program: wol-week\nstart: 2026-11-16\ntime: "09:00"\ntimezone: Europe/London\nadmins: [sandbox-user]\nchannels: [local:general, slack:C0PROD1]\n';

async function start(env: Record<string, string> = {}) {
  const ws = tempWorkspace(CONFIG);
  const app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'warn', WEB_TOKEN: TOKEN, ...env }, cwd: ws.dir, clock: new FakeClock('2026-11-16T09:00:00Z'), cron: false, port: 0, logStream: logSink().stream });
  return { app, stop: async () => { await app.stop(); ws.cleanup(); } };
}

describe('wrong tokens never lock out the right one (#21 finding 4)', () => {
  test.each([['off', {}], ['on', { TRUST_PROXY: 'true' }]])('TRUST_PROXY %s: 15 wrong bearer tokens with any X-Forwarded-For, then the right token and the right cookie answer 200', async (_, env) => {
    const s = await start(env);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        const r = await fetch(`${s.app.url}/v1/status`, { headers: { authorization: `Bearer wrong-${i}`, 'x-forwarded-for': `203.0.113.${i % 3}` } });
        statuses.push(r.status);
      }
      expect(statuses.every((x) => x === 401 || x === 429)).toBe(true);
      expect((await fetch(`${s.app.url}/v1/status`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.0' } })).status).toBe(200);
      const cookie = (await fetch(`${s.app.url}/?token=${TOKEN}`, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${s.app.url}/v1/status`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  test('an old cookie polling every 2 s is refused (429 after ten), and only that cookie: a new wrong guess from elsewhere is still 401 with TRUST_PROXY', async () => {
    const s = await start({ TRUST_PROXY: 'true' });
    try {
      const old = { cookie: 'wolbot_access=from-the-old-token', 'x-forwarded-for': '198.51.100.7' };
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fetch(`${s.app.url}/v1/status`, { headers: old })).status);
      expect(statuses.slice(10)).toEqual([429, 429]);
      expect((await fetch(`${s.app.url}/v1/status`, { headers: { authorization: 'Bearer another', 'x-forwarded-for': '198.51.100.8' } })).status).toBe(401);
    } finally {
      await s.stop();
    }
  });
});

describe('edges (#21 finding 5)', () => {
  test.each([
    ['/v1/..//evil.example/x', '/evil.example/x'],
    ['/v1/%2e%2e//evil.example/x', '/evil.example/x'],
    ['/v1/..%2f%2fevil.example/x', '/v1/..%2f%2fevil.example/x'], // an encoded slash is no separator: a path here
    ['/v1/..\\\\evil.example/x', '/evil.example/x'],
    ['//evil.example/x', '/evil.example/x'],
    ['/%2F%2Fevil.example', '/evil.example'],
    ['/?view=gallery', '/?view=gallery'],
  ])('the ?token= redirect of %s stays on this server', (path, expected) => {
    const sep = path.includes('?') ? '&' : '?';
    const to = withoutToken(`${path}${sep}token=${TOKEN}`);
    expect(to).toBe(expected);
    expect(new URL(to, 'https://wolbot.example.com').origin).toBe('https://wolbot.example.com');
  });

  test('over real HTTP: no redirect leaves the server; the cookie is Secure with an https PUBLIC_URL; /V1 answers carry no-store', async () => {
    const s = await start({ PUBLIC_URL: 'https://wolbot.example.com' });
    try {
      for (const path of ['/v1/..//evil.example/x', '/v1/%2e%2e//evil.example/x', '/v1/%2e%2e/%2e%2e//evil.example/x']) {
        const r = await fetch(`${s.app.url}${path}?token=${TOKEN}`, { redirect: 'manual' });
        const location = r.headers.get('location');
        if (r.status === 303) expect([path, new URL(location!, 'https://wolbot.example.com').origin]).toEqual([path, 'https://wolbot.example.com']);
        expect(location ?? '').not.toMatch(/^(\/\/|\/\\|[a-z]+:)/i);
      }
      const r = await fetch(`${s.app.url}/?token=${TOKEN}`, { redirect: 'manual' });
      expect(r.headers.get('set-cookie')).toMatch(/; Secure$/);
      for (const path of ['/V1/export', '/V1/status', '/v1/Export']) {
        const a = await fetch(`${s.app.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect([path, a.status, a.headers.get('cache-control')]).toEqual([path, 200, 'no-store']);
      }
    } finally {
      await s.stop();
    }
  });
});
