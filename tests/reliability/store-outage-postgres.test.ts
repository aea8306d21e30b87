/**
 * The store fails for real (PostgreSQL refuses connections to our database and drops the open
 * ones): /healthz answers 503 and an inbound event gets 5xx, so the platform retries; once the
 * database is back, the redelivered event is stored exactly once.
 */
import { admin, databases, describePg } from '../helpers/pg';
import { postJson, startHarness, type Harness } from './app-harness';

describePg('store outage on PostgreSQL', () => {
  const dbs = databases();
  let h: Harness;
  let name = '';

  beforeAll(async () => {
    const db = await dbs.fresh();
    name = db.name;
    h = await startHarness(['local:general'], { DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await admin((c) => c.query(`alter database "${name}" allow_connections true`)).catch(() => undefined);
    await h?.close();
    await dbs.dropAll();
  });

  async function setReachable(on: boolean): Promise<void> {
    await admin(async (c) => {
      await c.query(`alter database "${name}" allow_connections ${on}`);
      if (!on) await c.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
    });
  }

  test('503 and 5xx while down; after recovery the redelivered event is stored once', async () => {
    const thread = await h.thread('local:general');
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    const event = { eventKey: 'local:outage-evt-1', platform: 'local' as const, channelId: 'general', threadId: thread, messageId: 'Loutage1', user: 'U_OUT', text: 'written while the database was down', at: new Date() };

    await setReachable(false);
    try {
      const health = await fetch(`${h.app.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false });
      const viaHttp = await postJson(`${h.app.url}/v1/replies`, { channel: 'general', thread, text: 'http reply while down' });
      expect(viaHttp.status).toBeGreaterThanOrEqual(500);
      await expect(h.app.core.reply(event)).rejects.toBeDefined();
    } finally {
      await setReachable(true);
    }

    // The pool reconnects by itself; the platform redelivers (twice, concurrently, as retries may).
    let healthy = 0;
    for (let i = 0; i < 50 && healthy !== 200; i++) {
      healthy = (await fetch(`${h.app.url}/healthz`)).status;
      if (healthy !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy).toBe(200);
    const outcomes = await Promise.all([h.app.core.reply(event), h.app.core.reply(event)]);
    expect(outcomes.sort()).toEqual(['duplicate', 'stored']);
    const again = await postJson(`${h.app.url}/v1/replies`, { channel: 'general', thread, text: 'http reply after recovery' });
    expect(again.status).toBe(201);

    const { posts } = await h.app.core.exportPosts({ day: 1 });
    const texts = posts.flatMap((p) => p.replies.map((r) => r.text));
    expect(texts.filter((t) => t === event.text)).toHaveLength(1);
    expect(texts).toContain('http reply after recovery');
    expect(texts).not.toContain('http reply while down'); // answered 5xx: not acknowledged, not half-stored
  });
});
