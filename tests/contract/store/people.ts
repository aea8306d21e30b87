import type { Store } from '../../../src/core/ports';
import type { ContractHarness } from './harness';

/** People: forget me (everywhere or in a scope), retention, display names, text kept byte for byte. */
export function describePeopleContract(h: ContractHarness): void {
  describe("People: people's words and names", () => {
    const { uid, T0, at, newReply } = h;
    let store: Store;
    beforeAll(() => {
      store = h.store();
    });

    it('forgets one user everywhere and leaves others alone', async () => {
      const user = uid('U');
      const deliveryId = uid('d');
      const mine1 = newReply(deliveryId, { user, files: ['f'], links: ['l'] });
      const mine2 = newReply(deliveryId, { user, platform: 'teams', channelId: uid('C') });
      const theirs = newReply(deliveryId, { user: 'someone-else' });
      for (const r of [mine1, mine2, theirs]) await store.addReply(uid('evt'), r, T0);
      const channelId = uid('C');
      await store.addReaction(uid('evt'), { platform: 'slack', channelId, itemId: 'p', user, emoji: 'a', at: T0 }, T0);
      await store.addReaction(uid('evt'), { platform: 'teams', channelId, itemId: 'p', user, emoji: 'b', at: T0 }, T0);
      await store.addReaction(uid('evt'), { platform: 'slack', channelId, itemId: 'p', user: 'someone-else', emoji: 'a', at: T0 }, T0);

      expect(await store.forgetUser(user)).toBe(4);
      const all = await store.listReplies({ deliveryIds: [deliveryId], includeDeleted: true });
      for (const r of all.filter((x) => x.user === user)) expect(r).toMatchObject({ text: null, files: [], links: [] });
      expect(all.find((r) => r.messageId === theirs.messageId)?.text).toBe('hello');
      expect((await store.reactionCounts('slack', channelId, ['p'])).get('p')).toBe(1);
      expect((await store.reactionCounts('teams', channelId, ['p'])).get('p') ?? 0).toBe(0);
      expect(await store.forgetUser(user)).toBe(0);
    });

    it('forgets within a scope: one platform, and one workspace of it', async () => {
      const user = uid('U');
      const deliveryId = uid('d');
      const [c1, c2] = [uid('C'), uid('C')];
      await store.saveChannel({ platform: 'slack', channelId: c1, workspaceId: 'T1', name: null, timezone: null, time: null, active: true, paused: false, source: 'subscribed', inactiveReason: null }, T0);
      await store.saveChannel({ platform: 'slack', channelId: c2, workspaceId: 'T2', name: null, timezone: null, time: null, active: true, paused: false, source: 'subscribed', inactiveReason: null }, T0);
      const inT1 = newReply(deliveryId, { user, channelId: c1 });
      const inT2 = newReply(deliveryId, { user, channelId: c2 });
      const onTeams = newReply(deliveryId, { user, platform: 'teams', channelId: uid('C') });
      for (const r of [inT1, inT2, onTeams]) await store.addReply(uid('evt'), r, T0);
      expect(await store.forgetUser(user, { platform: 'slack', workspaceId: 'T1' })).toBe(1);
      const texts = new Map((await store.listReplies({ deliveryIds: [deliveryId], includeDeleted: true })).map((r) => [r.messageId, r.text]));
      expect([texts.get(inT1.messageId), texts.get(inT2.messageId), texts.get(onTeams.messageId)]).toEqual([null, 'hello', 'hello']);
      expect(await store.forgetUser(user, { platform: 'slack' })).toBe(1);
      expect(await store.forgetUser(user, { platform: 'local' })).toBe(0);
    });

    it('prunes replies older than a date, with the reactions on them', async () => {
      const deliveryId = uid('d');
      const channelId = uid('C');
      const old = newReply(deliveryId, { channelId, at: new Date('2000-03-01T00:00:00Z') });
      const recent = newReply(deliveryId, { channelId, at: T0 });
      for (const r of [old, recent]) await store.addReply(uid('evt'), r, T0);
      for (const itemId of [old.messageId, recent.messageId]) {
        await store.addReaction(uid('evt'), { platform: 'slack', channelId, itemId, user: 'U9', emoji: 'x', at: T0 }, T0);
      }
      expect(await store.pruneReplies(new Date('2000-06-01T00:00:00Z'))).toBe(1);
      expect((await store.listReplies({ deliveryIds: [deliveryId], includeDeleted: true })).map((r) => r.messageId)).toEqual([recent.messageId]);
      const counts = await store.reactionCounts('slack', channelId, [old.messageId, recent.messageId]);
      expect(counts.get(old.messageId) ?? 0).toBe(0);
      expect(counts.get(recent.messageId)).toBe(1);
    });

    it('keeps display names per platform; forget me and retention remove them with the words', async () => {
      const ana = uid('U');
      const ben = uid('U');
      await store.saveName('slack', ana, 'Ana', T0);
      await store.saveName('slack', ana, 'Ana B.', at(60)); // refreshed
      await store.saveName('teams', ana, 'Ana on Teams', T0);
      await store.saveName('slack', ben, 'Ben <script>', T0);
      const names = await store.getNames('slack', [ana, ben, uid('U')]);
      expect(names.get(ana)).toEqual({ name: 'Ana B.', updatedAt: at(60) });
      expect(names.get(ben)?.name).toBe('Ben <script>');
      expect(names.size).toBe(2);
      expect((await store.getNames('teams', [ana])).get(ana)?.name).toBe('Ana on Teams');
      expect((await store.getNames('slack', [])).size).toBe(0);

      // forget me: the name goes on every platform.
      await store.addReply(uid('evt'), newReply(uid('d'), { user: ana }), T0);
      expect(await store.forgetUser(ana)).toBe(3); // the reply's text and two names
      expect((await store.getNames('slack', [ana])).size).toBe(0);
      expect((await store.getNames('teams', [ana])).size).toBe(0);

      // retention: ben's only reply is old, so his name goes with it; cy keeps a recent reply.
      const cy = uid('U');
      await store.saveName('slack', cy, 'Cy', T0);
      await store.addReply(uid('evt'), newReply(uid('d'), { user: ben, at: new Date('2000-02-01T00:00:00Z') }), T0);
      await store.addReply(uid('evt'), newReply(uid('d'), { user: cy, at: T0 }), T0);
      await store.pruneReplies(new Date('2000-06-01T00:00:00Z'));
      expect([...(await store.getNames('slack', [ben, cy])).keys()]).toEqual([cy]);
    });

    it('stores text byte for byte', async () => {
      const texts = [
        'emoji 👩🏽‍💻🎉 and flags 🇬🇧',
        'RTL: שלום עולם — مرحبا بالعالم',
        'zero\u200bwidth\u200cjoin\u200dners\ufeff',
        'controls \u0001\u0007\u001b[31m\u007f tab\tCR\r\nLF\n',
        '  leading and trailing spaces  ',
        "quotes ' \" ` and backslash \\ and %_ wildcards",
        '<!channel> &amp; <@U123> =SUM(A1)',
        'combining é vs é, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 漢字',
        '',
      ];
      const deliveryId = uid('d');
      for (const [i, text] of texts.entries()) {
        await store.addReply(uid('evt'), newReply(deliveryId, { text, at: at(i) }), T0);
      }
      const got = await store.listReplies({ deliveryIds: [deliveryId] });
      expect(got.map((r) => r.text)).toEqual(texts);
      const r0 = got[0]!;
      await store.editReply(uid('evt'), 'slack', r0.channelId, r0.messageId, texts[3]!, at(50), at(50));
      expect((await store.getReply('slack', r0.channelId, r0.messageId))?.text).toBe(texts[3]);
      expect(await store.setMetaIfAbsent(uid('meta'), texts[1]!)).toBe(texts[1]);
      // setMeta replaces (the config fingerprint a server has loaded changes with each edit).
      const key = uid('meta');
      await store.setMeta(key, texts[2]!);
      await store.setMeta(key, texts[3]!);
      expect(await store.getMeta(key)).toBe(texts[3]);
    });
  });
}
