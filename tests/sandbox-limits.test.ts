/**
 * Issue #21: the sandbox holds what anyone who opens the page can write within bounds — a reply's
 * length, a channel's total, a write rate per address — and lists its messages a page at a time.
 * Real HTTP against the whole app (pure demo, SQLite file), on a fake clock.
 */
import net from 'node:net';
import { startWolbot, type RunningApp } from '../src/app';
import { SANDBOX_LIMITS, WriteRate } from '../adapters/local/sandbox-limits';
import { openStore } from '../src/store';
import { FakeClock } from './helpers/fake-clock';
import { logSink, tempWorkspace } from './helpers/workspace';

const CONFIG = 'program: wol-week\nstart: 2026-11-16\ntime: "09:00"\ntimezone: Europe/London\nadmins: [sandbox-user]\nchannels: [local:general]\n';

async function start(prepare?: (dbUrl: string, dir: string) => Promise<void>) {
  const ws = tempWorkspace(CONFIG);
  await prepare?.(ws.dbUrl, ws.dir);
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  const app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'warn' }, cwd: ws.dir, clock, cron: false, port: 0, logStream: logSink().stream });
  await app.tick(); // day 1 in local:general
  const prompt = (await app.store.listLocalMessages('general')).find((m) => m.kind === 'prompt')!;
  return { app, clock, thread: prompt.id, stop: async () => { await app.stop(); ws.cleanup(); } };
}

const reply = (app: RunningApp, thread: string, text: string) =>
  fetch(`${app.url}/v1/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'general', thread, text }) });

/** Sends `request` `n` times on one socket (HTTP/1.1 pipelining) and gives the n statuses. */
function pipelined(port: number, n: number, request: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request.repeat(n)));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      text += d;
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
      if (statuses.length >= n) {
        socket.destroy();
        resolve(statuses);
      }
    });
    socket.on('error', reject);
  });
}

type Page = { messages: { id: string; kind: string }[]; next: string | null; more: boolean };
const page = async (app: RunningApp, query = ''): Promise<Page> => (await fetch(`${app.url}/v1/local/messages${query}`)).json() as Promise<Page>;

describe('sandbox writes are bounded (#21)', () => {
  test('a reply of 4,000 characters is taken, one of 4,001 is 413 and stored nowhere', async () => {
    const s = await start();
    try {
      expect((await reply(s.app, s.thread, 'x'.repeat(SANDBOX_LIMITS.textChars))).status).toBe(201);
      const long = await reply(s.app, s.thread, 'y'.repeat(SANDBOX_LIMITS.textChars + 1));
      expect(long.status).toBe(413);
      expect(((await long.json()) as { error: string }).error).toMatch(/4000 characters at most/);
      const { posts } = await s.app.core.exportPosts({ day: 1 });
      expect(posts[0]!.replies.map((r) => r.text.length)).toEqual([SANDBOX_LIMITS.textChars]);
    } finally {
      await s.stop();
    }
  });

  test('a channel that holds 50 M characters takes no more replies (413)', async () => {
    const s = await start(async (dbUrl, dir) => {
      const store = await openStore(dbUrl, { cwd: dir });
      await store.addLocalMessage({ id: 'Lbig', channelId: 'general', threadId: null, user: 'sandbox-user', kind: 'reply', body: { text: 'z'.repeat(SANDBOX_LIMITS.channelChars) }, at: new Date('2026-11-15T00:00:00Z') });
      await store.close();
    });
    try {
      const full = await reply(s.app, s.thread, 'one more');
      expect(full.status).toBe(413);
      expect(((await full.json()) as { error: string }).error).toMatch(/local:general holds 50000000 characters/);
      expect((await s.app.core.exportPosts({ day: 1 })).posts[0]!.replies).toEqual([]);
    } finally {
      await s.stop();
    }
  });

  test('past the write rate a client gets 429 with Retry-After (every write counts, even a refused one), and a second later it may write again', async () => {
    const s = await start();
    try {
      // Malformed writes cost the server least and count the same: they spend the burst, pipelined on one socket.
      const statuses = await pipelined(s.app.port, SANDBOX_LIMITS.writesBurst, 'POST /v1/commands HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
      expect(statuses).toHaveLength(SANDBOX_LIMITS.writesBurst);
      expect(new Set(statuses)).toEqual(new Set([400]));
      const refused = await reply(s.app, s.thread, 'one too many');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: string }).error).toMatch(/too many sandbox writes/);
      expect((await s.app.core.exportPosts({ day: 1 })).posts[0]!.replies).toEqual([]);
      s.clock.advance(1_000);
      expect((await reply(s.app, s.thread, 'after a pause')).status).toBe(201);
    } finally {
      await s.stop();
    }
  }, 240_000);
});

describe('the write rate (#21)', () => {
  test('lets a script post 4,000 replies in a minute, as fast as it likes, and refuses the burst past 4,500', () => {
    let now = 0;
    const rate = new WriteRate(() => now);
    const waits: number[] = [];
    for (let i = 0; i < 4_000; i++) waits.push(rate.take('127.0.0.1'));
    expect(waits.filter((w) => w !== 0)).toEqual([]);
    for (let i = 0; i < 500; i++) expect(rate.take('127.0.0.1')).toBe(0);
    expect(rate.take('127.0.0.1')).toBe(1);
    expect(rate.take('10.0.0.2')).toBe(0); // per address
    now += 60_000;
    for (let i = 0; i < 4_000; i++) waits.push(rate.take('127.0.0.1'));
    expect(waits.filter((w) => w !== 0)).toEqual([]);
  });
});

describe('GET /v1/local/messages is paged (#21)', () => {
  test('the first page oldest first with a cursor; following it gives every message once; polling with it gives only what is new', async () => {
    const s = await start();
    try {
      for (let i = 0; i < 5; i++) {
        s.clock.advance(1000);
        expect((await reply(s.app, s.thread, `reply ${i}`)).status).toBe(201);
      }
      const all = (await s.app.store.listLocalMessages()).map((m) => m.id);
      const first = await page(s.app, '?limit=3');
      expect(first.messages.map((m) => m.id)).toEqual(all.slice(0, 3));
      expect(first.more).toBe(true);
      const second = await page(s.app, `?limit=10&after=${first.next}`);
      expect(second.messages.map((m) => m.id)).toEqual(all.slice(3));
      expect(second.more).toBe(false);
      const nothingNew = await page(s.app, `?after=${second.next}`);
      expect(nothingNew).toEqual({ messages: [], next: second.next, more: false });
      s.clock.advance(1000);
      await reply(s.app, s.thread, 'new one');
      const fresh = await page(s.app, `?after=${second.next}`);
      expect(fresh.messages.map((m) => m.kind)).toEqual(['reply']);
      // Without parameters: the first page (at most 200).
      expect((await page(s.app)).messages.map((m) => m.id)).toEqual([...all, fresh.messages[0]!.id]);
      for (const bad of ['?limit=0', '?limit=201', '?after=nonsense']) expect((await fetch(`${s.app.url}/v1/local/messages${bad}`)).status).toBe(400);
    } finally {
      await s.stop();
    }
  });
});
