/**
 * People's words: `forget me` leaves nothing of that person's text in the store (read straight
 * from the SQLite file) or the export; replies past `retention` are pruned by a tick.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { FakeClock } from '../helpers/fake-clock';
import { postJson, startHarness } from './app-harness';
import { localPeople } from '../helpers/local-people';

/** Every text cell of every table that contains `needle` (so no column is forgotten). */
function findInDb(file: string, needle: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const hits: string[] = [];
    const tables = db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[];
    for (const { name } of tables) {
      const cols = (db.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name);
      for (const col of cols) {
        const n = db.prepare(`select count(*) as n from "${name}" where cast("${col}" as text) like ?`).get(`%${needle}%`) as { n: number };
        if (n.n > 0) hits.push(`${name}.${col}`);
      }
    }
    return hits;
  } finally {
    db.close();
  }
}

describe("people's words", () => {
  test('forget me: nothing of X in the store or the export; others keep theirs', async () => {
    const h = await startHarness(['local:general']);
    try {
      const url = h.app.url;
      const thread = await h.thread('local:general');
      const mine = ['X-secret-diary-entry-one', 'X-second-thought ✨'];
      const ids: string[] = [];
      for (const text of mine) {
        const r = await postJson(`${url}/v1/replies`, { channel: 'general', thread, text }); // X = sandbox-user
        expect(r.status).toBe(201);
        ids.push(((await r.json()) as { id: string }).id);
      }
      const otherId = (await localPeople(h.app).reply('Y', 'general', thread, 'Y keeps this')).id;
      for (const item of [thread, otherId]) expect((await postJson(`${url}/v1/reactions`, { channel: 'general', item, emoji: 'tada' })).status).toBe(200);
      const file = path.join(h.dir, 'w.db');
      expect(findInDb(file, 'X-secret-diary')).not.toEqual([]); // the probe can see it before

      const forget = await postJson(`${url}/v1/commands`, { channel: 'general', text: 'forget me' });
      expect(forget.status).toBe(200);
      expect(((await forget.json()) as { text: string }).text.length).toBeGreaterThan(0);

      for (const t of ['X-secret-diary', 'X-second-thought']) expect(findInDb(file, t)).toEqual([]);
      const exp = await (await fetch(`${url}/v1/export`)).text();
      for (const t of ['X-secret-diary', 'X-second-thought', '"user":"sandbox-user"']) expect(exp).not.toContain(t);
      const json = JSON.parse(exp) as { posts: { reactions: number; replies: { user: string; text: string; reactions: number }[] }[] };
      expect(json.posts[0]!.reactions).toBe(0);
      expect(json.posts[0]!.replies).toEqual([expect.objectContaining({ user: 'Y', text: 'Y keeps this', reactions: 0 })]);
      for (const fmt of ['csv', 'md']) expect(await (await fetch(`${url}/v1/export?format=${fmt}`)).text()).not.toContain('X-secret-diary');
    } finally {
      await h.close();
    }
  });

  test('retention: a tick prunes replies older than `retention`, keeps newer ones', async () => {
    const clock = new FakeClock(new Date());
    const h = await startHarness(['local:general'], {}, 'retention: 30d', clock);
    try {
      const thread = await h.thread('local:general');
      expect((await postJson(`${h.app.url}/v1/replies`, { channel: 'general', thread, text: 'old-words-to-prune' })).status).toBe(201);
      clock.advance(20 * 24 * 3600_000);
      expect((await postJson(`${h.app.url}/v1/replies`, { channel: 'general', thread, text: 'newer-words-kept' })).status).toBe(201);
      clock.advance(11 * 24 * 3600_000); // the first reply is now 31 days old, the second 11
      await h.app.tick();
      const file = path.join(h.dir, 'w.db');
      expect(findInDb(file, 'old-words-to-prune')).toEqual([]); // the sandbox's own copy too
      expect(findInDb(file, 'newer-words-kept')).toContain('replies.text');
      const texts = (await h.app.core.exportPosts()).posts.flatMap((p) => p.replies.map((r) => r.text));
      expect(texts).toEqual(['newer-words-kept']);
    } finally {
      await h.close();
    }
  });
});
