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
  });
}
