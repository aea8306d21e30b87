import type { SandboxMessages } from '../../../adapters/local/sandbox-messages';
import type { ContractHarness } from './harness';

/** SandboxMessages, the port adapters/local owns: the sandbox's messages per channel, in time order. */
export function describeSandboxMessagesContract(h: ContractHarness): void {
  describe('SandboxMessages (adapters/local)', () => {
    const { uid, at } = h;
    let store: SandboxMessages;
    beforeAll(() => {
      store = h.store();
    });

    it('keeps local messages per channel in time order', async () => {
      const channelId = uid('local');
      const prompt = { id: uid('lm'), channelId, threadId: null, user: 'wolbot', kind: 'prompt' as const, body: { theme: 'Connection', n: [1, 2] }, at: at(0) };
      const reply = { id: uid('lm'), channelId, threadId: prompt.id, user: 'sandbox-user', kind: 'reply' as const, body: 'hi 👋', at: at(1) };
      await store.addLocalMessage(reply);
      await store.addLocalMessage(prompt);
      await store.addLocalMessage({ ...prompt, id: uid('lm'), channelId: uid('local') });
      expect(await store.listLocalMessages(channelId)).toEqual([prompt, reply]);
      expect((await store.listLocalMessages()).map((m) => m.id)).toEqual(expect.arrayContaining([prompt.id, reply.id]));
    });

    it('rewrites a message in place (forget me edits a digest), and says when there is none', async () => {
      const channelId = uid('local');
      const digest = { id: uid('lm'), channelId, threadId: uid('lm'), user: 'wolbot', kind: 'digest' as const, body: { text: 'Thank you, Anna' }, at: at(0) };
      await store.addLocalMessage(digest);
      expect(await store.updateLocalMessage(digest.id, { text: 'Thank you' })).toBe(true);
      expect(await store.listLocalMessages(channelId)).toEqual([{ ...digest, body: { text: 'Thank you' } }]);
      expect(await store.updateLocalMessage(uid('lm'), { text: 'x' })).toBe(false);
    });

    it('pages local messages by (time, id) and counts the characters a channel holds', async () => {
      const channelId = uid('local');
      const ids = ['b', 'a', 'c'].map((x) => `${uid('lm')}-${x}`);
      // Two at the same instant: the id breaks the tie, so no message falls between pages.
      await store.addLocalMessage({ id: ids[0]!, channelId, threadId: null, user: 'u', kind: 'reply', body: { text: 'xx' }, at: at(5) });
      await store.addLocalMessage({ id: ids[1]!, channelId, threadId: null, user: 'u', kind: 'reply', body: { text: 'yyy' }, at: at(5) });
      await store.addLocalMessage({ id: ids[2]!, channelId, threadId: null, user: 'u', kind: 'reply', body: { text: 'z' }, at: at(6) });
      const order = [...ids.slice(0, 2)].sort().concat(ids[2]!);
      const first = await store.pageLocalMessages({ channelId, limit: 2 });
      expect(first.map((m) => m.id)).toEqual(order.slice(0, 2));
      const last = first[1]!;
      expect((await store.pageLocalMessages({ channelId, limit: 2, after: { at: last.at, id: last.id } })).map((m) => m.id)).toEqual([order[2]]);
      expect(await store.pageLocalMessages({ channelId, limit: 2, after: { at: at(6), id: order[2]! } })).toEqual([]);
      const stored = ['{"text":"xx"}', '{"text":"yyy"}', '{"text":"z"}'].join('').length;
      expect(await store.localMessageChars(channelId)).toBe(stored);
      expect(await store.localMessageChars(uid('empty'))).toBe(0);
    });
  });
}
