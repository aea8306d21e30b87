/**
 * Exports streamed a page of replies at a time — `GET /v1/export` in every format and `wolbot
 * export --format md` — give the bytes the whole-in-memory builders gave, on a run with two days,
 * three channels in three zones, a day posted twice in one channel, a quiet post, names, links,
 * files, reactions, an external share, a deleted and a forgotten one.
 */
import { ScopeResolver } from '../src/http/scope';
import { setViewer } from '../src/http/viewer';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { toCsv } from '../src/core/export-formats';
import { silentLogger } from '../src/core/ports/logger';
import type { Store } from '../src/core/ports/store';
import { exportRoute } from '../src/http/api/export-route';
import { runCli } from './helpers/cli';
import { FakeClock } from './helpers/fake-clock';
import { localPeople } from './helpers/local-people';
import { markdownBefore } from './helpers/markdown-before';
import { sandboxAppForTests } from './helpers/sandbox-app';

describe('streamed exports', () => {
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  const app = sandboxAppForTests(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [sandbox-user]
channels:
  - local:general
  - { id: "local:ny", timezone: America/New_York }
  - { id: "local:tokyo", timezone: Asia/Tokyo }
`, clock);
  const { ws } = app;
  // The CLI reads the app's own config and store.
  const env = { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' };
  const get = (path: string) => fetch(`${app.url}${path}`);
  const thread = async (day: number, channel: string) => (await app.core.exportPosts({ day })).posts.filter((p) => p.channel === channel).at(-1)!.thread;

  beforeAll(async () => {
    const people = localPeople(app, () => clock.now());
    const say = async (user: string, channel: string, day: number, text: string, extra: { name?: string; files?: string[]; links?: string[]; external?: boolean } = {}) => {
      const messageId = `L${randomUUID()}`;
      const { name, ...rest } = extra;
      await app.core.reply({ eventKey: `local:${messageId}`, platform: 'local', channelId: channel, threadId: await thread(day, channel), messageId, user, ...(name ? { userName: name } : {}), text, at: clock.now(), ...rest });
      return messageId;
    };
    await app.core.postDay(1);
    clock.set('2026-11-16T09:30:00Z');
    await app.core.postDay(1, { channel: (await app.store.getChannel('local', 'general'))!, again: true });
    for (let i = 0; i < 7; i++) {
      clock.set(`2026-11-16T1${i}:0${i}:00Z`);
      await say(`u${i % 3}`, i % 2 ? 'ny' : 'general', 1, `Share ${i} | *bold* _under_ [x](y) <b> #h \\ back\ttab\nsecond line\r\nthird\rfourth`, i % 3 === 0 ? { name: `Person ${i % 3}` } : {});
    }
    const linked = await say('u1', 'general', 1, 'with links', { links: ['https://example.com/a b?c=<d>'], files: ['https://files.example/f.png', 'not a url'] });
    await people.react('u2', 'general', linked, 'tada');
    await people.react('u0', 'general', await thread(1, 'general'), 'heart');
    await say('guest', 'ny', 1, 'from another organisation', { external: true, name: 'Guest' });
    const gone = await say('u2', 'ny', 1, 'soon deleted');
    await app.core.replyDeleted({ eventKey: `local:del:${gone}`, platform: 'local', channelId: 'ny', messageId: gone, at: clock.now() });
    await say('leaver', 'general', 1, 'soon forgotten');
    expect((await people.command('leaver', 'general', 'forget me')).text).toMatch(/removed/);
    clock.set('2026-11-17T10:00:00Z');
    await app.core.postDay(2);
    await say('u0', 'general', 2, 'day two', { name: 'Person 0' });
    // tokyo's day 2 stays quiet; day 3 is not posted (a gap in the figures).
  }, 60_000);

  const before = async (day?: number) => markdownBefore((await app.core.exportPosts({ day })).posts, app.core.settings.programme.title, await app.core.reportContext());

  test.each([[undefined], [2]])('the Markdown report over HTTP and from the CLI is byte for byte the whole-in-memory one (day %p)', async (day) => {
    const expected = await before(day);
    expect(expected).toContain('No shares');
    if (!day) expect(expected).toContain('— posted again');
    const res = await get(`/v1/export?format=md${day ? `&day=${day}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await res.text()).toBe(expected);
    const cli = await runCli(['export', '--format', 'md', ...(day ? ['--day', String(day)] : [])], { cwd: ws.dir, env });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toBe(expected);
  }, 30_000);

  test('JSON and CSV over HTTP are what the whole-answer route sent, with the same content types', async () => {
    const { posts } = await app.core.exportPosts();
    expect(posts.flatMap((p) => p.replies)).toHaveLength(10);
    const json = await get('/v1/export');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.text()).toBe(JSON.stringify({ posts }));
    const csv = await get('/v1/export?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toBe(toCsv(posts));
  });

  test('bad parameters are JSON errors before anything is read', async () => {
    for (const [q, status, error] of [['format=xml', 400, /format must be/], ['day=0', 400, /day must be/], ['day=99', 400, /no programme has a day 99; its days are 1, 2, 3/], ['run=2020-01-06', 404, /no run starting/]] as const) {
      const res = await get(`/v1/export?${q}`);
      expect(res.status).toBe(status);
      expect(((await res.json()) as any).error).toMatch(error);
    }
  });

  /**
   * The export route alone, on its own server, over the app's store seen through `watch` (which
   * may count, hold or fail a read), reading two replies at a time.
   */
  async function routeOver(watch: (name: string, call: () => Promise<unknown>) => Promise<unknown>) {
    const store = new Proxy(app.store, {
      get(target, key, receiver) {
        const v: unknown = Reflect.get(target, key, receiver);
        return typeof v === 'function' ? (...args: unknown[]) => watch(String(key), () => Promise.resolve((v as (...a: unknown[]) => unknown).apply(target, args))) : v;
      },
    }) as Store;
    const web = express();
    const scope = new ScopeResolver({ store, adapters: () => [], admins: () => [], nowMs: () => 0, logger: silentLogger });
    const route = exportRoute({ core: app.core, store, scope, logger: silentLogger, pageSize: 2 });
    // The last request's handler (settled when it has stopped) and when its client went away.
    let last = { done: Promise.resolve(), closed: Promise.resolve() };
    web.get('/v1/export', (req, res, next) => {
      setViewer(res, { kind: 'operator' }); // the route alone, as the operator's token reaches it
      const closed = new Promise<void>((r) => res.once('close', () => r()));
      const done = Promise.resolve(route(req, res, next)).then(() => undefined);
      last = { done, closed };
      return done;
    });
    let failed: { headersSent: boolean } | undefined;
    web.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      failed = { headersSent: res.headersSent };
      res.status(500).json({ error: err.message });
    });
    const server = web.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/export`, failed: () => failed, last: () => last, close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))) };
  }

  test('two replies a page: every format arrives whole, in several pages, and parses', async () => {
    let pages = 0;
    const route = await routeOver((name, call) => ((pages += name === 'listReplies' ? 1 : 0), call()));
    try {
      const { posts } = await app.core.exportPosts();
      expect(JSON.parse(await (await fetch(route.url)).text())).toEqual({ posts });
      expect(pages).toBeGreaterThanOrEqual(8);
      expect(await (await fetch(`${route.url}?format=csv`)).text()).toBe(toCsv(posts));
      expect(await (await fetch(`${route.url}?format=md`)).text()).toBe(await before());
    } finally {
      await route.close();
    }
  });

  test('HEAD answers the headers GET would, with no body and without reading a reply', async () => {
    const reads: string[] = [];
    const route = await routeOver((name, call) => (reads.push(name), call()));
    try {
      for (const [format, type] of [['json', /application\/json/], ['csv', /text\/csv/], ['md', /text\/markdown/]] as const) {
        const res = await fetch(`${route.url}?format=${format}`, { method: 'HEAD' });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(type);
        expect(await res.text()).toBe('');
      }
      expect(reads).not.toContain('listReplies');
      expect(reads).not.toContain('listDeliveries');
    } finally {
      await route.close();
    }
  });

  test('a failure before the first byte is a JSON error; after it, the connection is cut', async () => {
    let fail = 'listDeliveries';
    const route = await routeOver((name, call) => (name === fail ? Promise.reject(new Error(`${name} failed`)) : call()));
    try {
      const early = await fetch(route.url);
      expect(early.status).toBe(500);
      expect(await early.json()).toEqual({ error: 'listDeliveries failed' });
      expect(route.failed()).toEqual({ headersSent: false });
      fail = 'listReplies'; // a page of replies, read after the first lines went out
      const late = await fetch(`${route.url}?format=csv`).then(async (r) => `${r.status} ${await r.text()}`).then((got) => got, () => 'cut');
      expect(late).toBe('cut');
    } finally {
      await route.close();
    }
  });

  test('a client that leaves mid-answer stops the reading: no page is read after it has gone', async () => {
    let pages = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const route = await routeOver(async (name, call) => {
      if (name === 'listReplies' && ++pages === 3) await held; // the third page waits until the client has left
      return call();
    });
    try {
      const leave = new AbortController();
      const res = await fetch(`${route.url}?format=csv`, { signal: leave.signal });
      const reader = res.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^platform,channel,day,/);
      leave.abort();
      await route.last().closed; // the server has seen the client go
      release(); // the held page comes back: nothing more may be read
      await route.last().done;
      expect(pages).toBe(3);
    } finally {
      await route.close();
    }
  });
});
