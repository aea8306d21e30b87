import type { NewReply, Platform, Store } from '../../../src/core/ports';
import type { ContractHarness } from './harness';

/** Replies: each event applied once (by its key), edits and tombstones, reactions, and the reads. */
export function describeRepliesContract(h: ContractHarness): void {
  describe('Replies: ingest and reads', () => {
    const { uid, T0, at, newReply } = h;
    let store: Store;
    beforeAll(() => {
      store = h.store();
    });

    it('records a bare key once, whoever asks (a replayed request signature is refused on every replica)', async () => {
      const key = uid('slack:signature:v0=');
      const answers = await Promise.all([store.recordEvent(key, T0), store.recordEvent(key, T0), store.recordEvent(key, T0)]);
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await store.recordEvent(key, T0)).toBe(false);
      expect(await store.hasEvent(key)).toBe(true);
    });

    it('stores a reply once per event key, also under 5 concurrent deliveries', async () => {
      const deliveryId = uid('d');
      const key = uid('evt');
      const reply = newReply(deliveryId);
      expect(await store.hasEvent(key)).toBe(false);
      const results = await Promise.all(Array.from({ length: 5 }, () => store.addReply(key, reply, T0)));
      expect(results.filter((r) => r === 'stored')).toHaveLength(1);
      expect(results.filter((r) => r === 'duplicate')).toHaveLength(4);
      expect(await store.addReply(key, reply, T0)).toBe('duplicate');
      expect(await store.hasEvent(key)).toBe(true);
      const listed = await store.listReplies({ deliveryIds: [deliveryId] });
      // Given no plain text, the written text is what the core reads, mentioning nobody.
      expect(listed).toEqual([{ ...reply, plainText: 'hello', mentions: [], editedAt: null, deletedAt: null }]);
      // The same message under another event key is not stored twice.
      expect(await store.addReply(uid('evt'), { ...reply, text: 'other' }, T0)).toBe('duplicate');
      expect((await store.getReply('slack', reply.channelId, reply.messageId))?.text).toBe('hello');
    });

    it('keeps files, links and the external flag', async () => {
      const deliveryId = uid('d');
      const reply = newReply(deliveryId, { files: ['https://f.example/a.png'], links: ['https://x.example/?a=1&b=2'], external: true });
      await store.addReply(uid('evt'), reply, T0);
      expect(await store.getReply('slack', reply.channelId, reply.messageId)).toMatchObject({
        files: ['https://f.example/a.png'], links: ['https://x.example/?a=1&b=2'], external: true,
      });
      expect(await store.getReply('slack', reply.channelId, uid('nope'))).toBeNull();
    });

    it('keeps what the core reads (plain text and mentions) beside the text as written; an edit replaces both, a delete and forget-me clear them', async () => {
      const deliveryId = uid('d');
      const ana = { userId: 'U0ANA', name: 'ana', start: 0, end: 4 };
      const written = '<@U0ANA|ana> see <https://x.example|the doc> & ✏️';
      const reply = newReply(deliveryId, { user: uid('U'), text: written, plainText: '@ana see the doc & ✏️', mentions: [ana] });
      const other = newReply(deliveryId, { text: 'mine', plainText: 'mine', mentions: [] });
      // Both paths: one reply alone, and several in one batch (PostgreSQL stores a batch in one statement).
      await store.addReply(uid('evt'), reply, T0);
      await Promise.all([store.addReply(uid('evt'), other, T0), store.addReply(uid('evt'), newReply(deliveryId, { mentions: [ana], plainText: '@ana' }), T0)]);
      expect(await store.getReply('slack', reply.channelId, reply.messageId)).toMatchObject({ text: written, plainText: '@ana see the doc & ✏️', mentions: [ana] });
      expect((await store.listReplies({ deliveryIds: [deliveryId] })).map((r) => r.mentions)).toEqual([[ana], [], [ana]]);

      const ben = { userId: 'U0BEN', name: '', start: 4, end: 10 };
      await store.editReply(uid('evt'), 'slack', reply.channelId, reply.messageId, 'now <@U0BEN>', at(3), at(3), { plainText: 'now @U0BEN', mentions: [ben] });
      expect(await store.getReply('slack', reply.channelId, reply.messageId)).toMatchObject({ text: 'now <@U0BEN>', plainText: 'now @U0BEN', mentions: [ben] });
      // An edit given no plain text: the new text is read as it is, mentioning nobody.
      await store.editReply(uid('evt'), 'slack', other.channelId, other.messageId, 'plain words', at(4), at(4));
      expect(await store.getReply('slack', other.channelId, other.messageId)).toMatchObject({ text: 'plain words', plainText: 'plain words', mentions: [] });

      await store.deleteReply(uid('evt'), 'slack', other.channelId, other.messageId, at(5), at(5));
      expect(await store.getReply('slack', other.channelId, other.messageId)).toMatchObject({ text: null, plainText: null, mentions: [] });
      await store.forgetUser(reply.user);
      expect(await store.getReply('slack', reply.channelId, reply.messageId)).toMatchObject({ text: null, plainText: null, mentions: [] });
    });

    it('edits a known reply, ignores an unknown one but records its event', async () => {
      const reply = newReply(uid('d'));
      await store.addReply(uid('evt'), reply, T0);
      const unknownKey = uid('evt');
      expect(await store.editReply(unknownKey, 'slack', reply.channelId, uid('nope'), 'x', at(2), at(2))).toBe('ignored');
      expect(await store.hasEvent(unknownKey)).toBe(true);
      const editKey = uid('evt');
      expect(await store.editReply(editKey, 'slack', reply.channelId, reply.messageId, 'edited ✏️', at(3), at(3))).toBe('stored');
      expect(await store.editReply(editKey, 'slack', reply.channelId, reply.messageId, 'again', at(4), at(4))).toBe('duplicate');
      expect(await store.getReply('slack', reply.channelId, reply.messageId)).toMatchObject({ text: 'edited ✏️', editedAt: at(3) });
    });

    it('tombstones a deleted reply and ignores later edits and unknown deletes', async () => {
      const deliveryId = uid('d');
      const reply = newReply(deliveryId, { files: ['f1'], links: ['l1'] });
      const keep = newReply(deliveryId, { at: at(2) });
      await store.addReply(uid('evt'), reply, T0);
      await store.addReply(uid('evt'), keep, T0);
      expect(await store.deleteReply(uid('evt'), 'slack', reply.channelId, reply.messageId, at(5), at(5))).toBe('stored');
      expect(await store.deleteReply(uid('evt'), 'slack', reply.channelId, reply.messageId, at(6), at(6))).toBe('ignored');
      expect(await store.deleteReply(uid('evt'), 'slack', reply.channelId, uid('nope'), at(6), at(6))).toBe('ignored');
      expect(await store.editReply(uid('evt'), 'slack', reply.channelId, reply.messageId, 'back?', at(7), at(7))).toBe('ignored');
      expect((await store.listReplies({ deliveryIds: [deliveryId] })).map((r) => r.messageId)).toEqual([keep.messageId]);
      const all = await store.listReplies({ deliveryIds: [deliveryId], includeDeleted: true });
      expect(all.map((r) => r.messageId)).toEqual([reply.messageId, keep.messageId]);
      expect(all[0]).toMatchObject({ text: null, deletedAt: at(5), files: [], links: [], user: 'U1' });
    });

    it('lists replies by delivery in time order', async () => {
      const [d1, d2] = [uid('d'), uid('d')];
      const late = newReply(d1, { at: at(30) });
      const early = newReply(d2, { at: at(10) });
      const mid = newReply(d1, { at: at(20) });
      for (const r of [late, early, mid]) await store.addReply(uid('evt'), r, T0);
      expect((await store.listReplies({ deliveryIds: [d1, d2] })).map((r) => r.messageId)).toEqual([early.messageId, mid.messageId, late.messageId]);
      expect((await store.listReplies({ deliveryIds: [d1] })).map((r) => r.messageId)).toEqual([mid.messageId, late.messageId]);
      expect(await store.listReplies({ deliveryIds: [] })).toEqual([]);
      const everything = await store.listReplies({});
      expect(everything.map((r) => r.messageId)).toEqual(expect.arrayContaining([early.messageId, mid.messageId, late.messageId]));
    });

    it('reads a delivery\'s replies a page at a time after the last one read, same-time replies included (export paging)', async () => {
      const d = uid('d');
      const made = [newReply(d, { at: at(20) }), newReply(d, { at: at(10) }), newReply(d, { at: at(20) }), newReply(d, { at: at(30) }), newReply(d, { at: at(20) })];
      for (const r of made) await store.addReply(uid('evt'), r, T0);
      const whole = (await store.listReplies({ deliveryIds: [d] })).map((r) => r.messageId);
      const paged: string[] = [];
      let after: Awaited<ReturnType<typeof store.listReplies>>[number] | undefined;
      for (;;) {
        const page = await store.listReplies({ deliveryIds: [d], after, limit: 2 });
        paged.push(...page.map((r) => r.messageId));
        if (page.length < 2) break;
        after = page[page.length - 1];
      }
      expect(whole).toHaveLength(5);
      expect(paged).toEqual(whole);
    });

    it('tallies each person\'s live replies per thread, and marks where their first live reply ever is (run figures)', async () => {
      const [d1, d2, d3] = [uid('d'), uid('d'), uid('d')];
      const [ana, ben, cy, dee, eli] = ['ana', 'ben', 'cy', 'dee', 'eli'].map(uid);
      const add = (d: string, over: Partial<NewReply>) => store.addReply(uid('evt'), newReply(d, over), T0);
      await add(d1, { user: ana, at: at(10) });
      await add(d1, { user: ana, at: at(20) });
      await add(d2, { user: ana, at: at(5) }); // ana's first share is in d2
      await add(d1, { user: ben, at: at(11), external: true });
      const gone = newReply(d1, { user: ben, at: at(1) });
      await store.addReply(uid('evt'), gone, T0);
      await store.deleteReply(uid('evt'), 'slack', gone.channelId, gone.messageId, at(2), at(2)); // deleted: neither counted nor first
      await add(d3, { user: cy, at: at(1) }); // cy's first share is in a thread not asked about
      await add(d1, { user: cy, at: at(30) });
      await add(d1, { user: dee, at: at(3) });
      await store.forgetUser(dee); // forgotten: not counted
      const tie = uid('m');
      await add(d1, { user: eli, at: at(7), messageId: `${tie}-b` });
      await add(d2, { user: eli, at: at(7), messageId: `${tie}-a` }); // same time: the message id decides, as in listReplies
      const padding = Array.from({ length: 6000 }, (_, i) => `none-${i}`); // more ids than one statement binds
      const order = (a: { deliveryId: string; user: string }, b: { deliveryId: string; user: string }) => `${a.deliveryId} ${a.user}`.localeCompare(`${b.deliveryId} ${b.user}`);
      const rows = (await store.replyTallies([...padding, d1, d2], { firstEver: true })).sort(order);
      const row = (deliveryId: string, user: string, replies: number, firstEver: boolean, external = false) => ({ deliveryId, platform: 'slack', user, external, replies, firstEver });
      expect(rows).toEqual([row(d1, ana, 2, false), row(d1, ben, 1, true, true), row(d1, cy, 1, false), row(d1, eli, 1, false), row(d2, ana, 1, true), row(d2, eli, 1, true)].sort(order));
      // Counts alone: the same rows without the first-share mark.
      expect((await store.replyTallies([d1, d2])).sort(order)).toEqual(rows.map(({ firstEver: _, ...r }) => r));
      expect(await store.replyTallies([])).toEqual([]);
    });

    it('counts reactions per item, idempotent per user and emoji', async () => {
      const channelId = uid('C');
      const r = { platform: 'teams' as Platform, channelId, itemId: 'prompt-1', user: 'U1', emoji: 'like', at: T0 };
      expect(await store.addReaction(uid('evt'), r, T0)).toBe('stored');
      expect(await store.addReaction(uid('evt'), { ...r, at: at(1) }, T0)).toBe('stored'); // same reaction, new event
      const dupKey = uid('evt');
      expect(await store.addReaction(dupKey, { ...r, user: 'U2' }, T0)).toBe('stored');
      expect(await store.addReaction(dupKey, { ...r, user: 'U3' }, T0)).toBe('duplicate');
      await store.addReaction(uid('evt'), { ...r, emoji: 'heart' }, T0);
      await store.addReaction(uid('evt'), { ...r, itemId: 'reply-1' }, T0);
      await store.addReaction(uid('evt'), { ...r, channelId: uid('C') }, T0); // another channel: not counted
      let counts = await store.reactionCounts('teams', channelId, ['prompt-1', 'reply-1', 'none']);
      expect(counts.get('prompt-1')).toBe(3);
      expect(counts.get('reply-1')).toBe(1);
      expect(counts.get('none') ?? 0).toBe(0);
      expect((await store.reactionCounts('teams', channelId, [])).size).toBe(0);

      expect(await store.removeReaction(uid('evt'), { platform: 'teams', channelId, itemId: 'prompt-1', user: 'U1', emoji: 'like' }, T0)).toBe('stored');
      expect(await store.removeReaction(uid('evt'), { platform: 'teams', channelId, itemId: 'prompt-1', user: 'U1', emoji: 'like' }, T0)).toBe('ignored');
      counts = await store.reactionCounts('teams', channelId, ['prompt-1']);
      expect(counts.get('prompt-1')).toBe(2);
    });

    it('counts reactions in a thread of any size (more ids than one statement may bind)', async () => {
      const channelId = uid('C');
      const ids = Array.from({ length: 40_000 }, (_, i) => `m-${i}`);
      for (const itemId of ['m-0', 'm-20000', 'm-39999']) {
        await store.addReaction(uid('evt'), { platform: 'slack', channelId, itemId, user: 'U1', emoji: 'tada', at: T0 }, T0);
      }
      const counts = await store.reactionCounts('slack', channelId, ids);
      expect([...counts.entries()].sort()).toEqual([['m-0', 1], ['m-20000', 1], ['m-39999', 1]]);
    });

    it('prunes old event keys', async () => {
      const oldKey = uid('evt');
      const newKey = uid('evt');
      await store.addReaction(oldKey, { platform: 'local', channelId: uid('C'), itemId: 'i', user: 'u', emoji: 'e', at: T0 }, new Date('2001-01-01T00:00:00Z'));
      await store.addReaction(newKey, { platform: 'local', channelId: uid('C'), itemId: 'i', user: 'u', emoji: 'e', at: T0 }, T0);
      expect(await store.pruneEvents(new Date('2001-06-01T00:00:00Z'))).toBeGreaterThanOrEqual(1);
      expect(await store.hasEvent(oldKey)).toBe(false);
      expect(await store.hasEvent(newKey)).toBe(true);
    });
  });
}
