/**
 * Group commit: concurrent inbound events share write transactions. Each caller hears back only
 * once its event is committed (another connection sees it), the same event in one batch is stored
 * once, and an event that fails takes none of its batch with it. SQLite always; PostgreSQL with
 * TEST_DATABASE_URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NewReply, Store } from '../src/core/ports/store';
import { openStore } from '../src/store';
import { databases, describePg } from './helpers/pg';

const NOW = new Date();
let seq = 0;
const reply = (over: Partial<NewReply> = {}): NewReply => {
  const n = ++seq;
  return {
    platform: 'slack', channelId: 'CGROUP', messageId: `${Math.floor(NOW.getTime() / 1000)}.${String(n).padStart(6, '0')}`, threadId: '1.000001',
    deliveryId: 'd-group', user: `U${n}`, text: `reply ${n}`, at: NOW, files: [], links: [], external: false, ...over,
  };
};

function groupCommitSuite(name: string, url: () => Promise<string>, cwd: string) {
  describe(`group commit (${name})`, () => {
    let dbUrl: string;
    let store: Store;
    let other: Store;
    beforeEach(async () => {
      dbUrl = await url();
      store = await openStore(dbUrl, { cwd });
      other = await openStore(dbUrl, { cwd });
    });
    afterEach(async () => {
      await store.close();
      await other.close();
    });

    const seenByOther = async () => (await other.listReplies({ deliveryIds: ['d-group'] })).map((r) => r.messageId);

    it('answers each of many concurrent events only once it is committed', async () => {
      const replies = Array.from({ length: 40 }, () => reply());
      const results = await Promise.all(replies.map((r, i) => store.addReply(`evt-${seq}-${i}`, r, NOW)));
      expect(results).toEqual(replies.map(() => 'stored'));
      expect((await seenByOther()).sort()).toEqual(replies.map((r) => r.messageId).sort());
    });

    it('stores the same event once when its copies arrive together, and the same message once under two keys', async () => {
      const r = reply();
      const twice = reply();
      const results = await Promise.all([
        ...Array.from({ length: 5 }, () => store.addReply('evt-same', r, NOW)),
        store.addReply('evt-a', twice, NOW),
        store.addReply('evt-b', twice, NOW),
      ]);
      expect(results.slice(0, 5).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'stored']);
      expect(results.slice(5)).toEqual(['stored', 'duplicate']);
      expect((await seenByOther()).filter((id) => id === r.messageId || id === twice.messageId).sort()).toEqual([r.messageId, twice.messageId].sort());
    });

    it('keeps the order of mixed events in one batch: an edit or delete sees the replies sent before it, not those after', async () => {
      const [a, b, c, d] = [reply(), reply(), reply(), reply()];
      const results = await Promise.all([
        store.editReply(`evt-m${seq}-ed`, 'slack', d.channelId, d.messageId, 'edited d too early', NOW, NOW),
        store.addReply(`evt-m${seq}-d`, d, NOW),
        store.addReply(`evt-m${seq}-a`, a, NOW),
        store.editReply(`evt-m${seq}-ea`, 'slack', a.channelId, a.messageId, 'edited a', NOW, NOW),
        store.addReply(`evt-m${seq}-b`, b, NOW),
        store.addReply(`evt-m${seq}-c`, c, NOW),
        store.deleteReply(`evt-m${seq}-dc`, 'slack', c.channelId, c.messageId, NOW, NOW),
        store.addReply(`evt-m${seq}-a`, a, NOW),
      ]);
      expect(results).toEqual(['ignored', 'stored', 'stored', 'stored', 'stored', 'stored', 'stored', 'duplicate']);
      const byId = new Map((await other.listReplies({ deliveryIds: ['d-group'], includeDeleted: true })).map((r) => [r.messageId, r.text]));
      expect([byId.get(a.messageId), byId.get(b.messageId), byId.get(c.messageId), byId.get(d.messageId)]).toEqual(['edited a', b.text, null, d.text]);
    });

    it('over several batches: each event stored once whichever batches its copies land in, and an edit sees a reply from an earlier batch', async () => {
      const replies = Array.from({ length: 300 }, () => reply());
      const key = (i: number) => `evt-w${replies[0].messageId}-${i}`;
      // Copies in reverse order in the second half: later batches meet the same keys the other way round.
      const order = [...replies.keys(), ...[...replies.keys()].reverse()];
      // Connections open already (PostgreSQL's pool), so a second batch could start at once: one with an edit must wait.
      await Promise.all(Array.from({ length: 4 }, () => store.listReplies({ deliveryIds: ['none'] })));
      const calls = order.slice(0, 128).map((i) => store.addReply(key(i), replies[i], NOW));
      // Opens the second batch (128 per batch); the first adds reply 5.
      const edit = store.editReply(`${key(5)}-edit`, 'slack', replies[5].channelId, replies[5].messageId, 'edited 5', NOW, NOW);
      calls.push(...order.slice(128).map((i) => store.addReply(key(i), replies[i], NOW)));
      const results = await Promise.all(calls);
      const storedPer = new Map<number, number>();
      order.forEach((i, n) => storedPer.set(i, (storedPer.get(i) ?? 0) + (results[n] === 'stored' ? 1 : 0)));
      expect([...storedPer.values()].every((c) => c === 1)).toBe(true);
      expect(await edit).toBe('stored');
      const byId = new Map((await other.listReplies({ deliveryIds: ['d-group'] })).map((r) => [r.messageId, r.text]));
      expect(replies.every((r) => byId.has(r.messageId))).toBe(true);
      expect(byId.get(replies[5].messageId)).toBe('edited 5');
    });

    it('an event that fails fails alone: the others of its batch are stored, and its key stays free for a retry', async () => {
      const good = Array.from({ length: 9 }, () => reply());
      const bad = reply({ user: null as unknown as string }); // violates NOT NULL
      const calls = [...good.slice(0, 4).map((r, i) => store.addReply(`evt-g${seq}-${i}`, r, NOW)), store.addReply('evt-bad', bad, NOW), ...good.slice(4).map((r, i) => store.addReply(`evt-h${seq}-${i}`, r, NOW))];
      const settled = await Promise.allSettled(calls);
      expect(settled.map((s) => s.status)).toEqual([...Array(4).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
      const seen = await seenByOther();
      expect(seen).toEqual(expect.arrayContaining(good.map((r) => r.messageId)));
      expect(seen).not.toContain(bad.messageId);
      expect(await store.addReply('evt-bad', { ...bad, user: 'UFIXED' }, NOW)).toBe('stored');
    });

    it('close waits for events still queued, and they are in the store afterwards', async () => {
      const replies = Array.from({ length: 30 }, () => reply());
      const pending = replies.map((r, i) => store.addReply(`evt-c${seq}-${i}`, r, NOW));
      await store.close();
      expect(await Promise.all(pending)).toEqual(replies.map(() => 'stored'));
      store = await openStore(dbUrl, { cwd });
      expect(await seenByOther()).toEqual(expect.arrayContaining(replies.map((r) => r.messageId)));
    });
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-group-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
groupCommitSuite('sqlite', async () => `sqlite:${path.join(tmp, `g${++n}.db`)}`, tmp);

const dbs = databases();
afterAll(() => dbs.dropAll());
describePg('group commit on PostgreSQL', () => {
  groupCommitSuite('postgres', async () => (await dbs.fresh()).url, tmp);
});
