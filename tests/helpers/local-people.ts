/**
 * Several people in the sandbox. Its HTTP API always acts as sandbox-user (#8), so tests that need
 * other people hand their words to the core's InboundPort — the very call the sandbox router makes
 * after its HTTP layer — and keep the sandbox's own copy the way the router does.
 */
import { randomUUID } from 'node:crypto';
import type { RunningApp } from '../../src/app';
import { localMessageId } from '../../adapters/local/message-id';

export function localPeople(app: RunningApp, now: () => Date = () => new Date()) {
  return {
    /** `name`: the display name the event carries (as Teams sends `from.name`). */
    async reply(user: string, channel: string, thread: string, text: string, name?: string): Promise<{ id: string; outcome: string }> {
      const id = localMessageId();
      const at = now();
      const outcome = await app.core.reply({ eventKey: `local:${id}`, platform: 'local', channelId: channel, threadId: thread, messageId: id, user, ...(name ? { userName: name } : {}), text, at });
      if (outcome !== 'ignored') await app.store.addLocalMessage({ id, channelId: channel, threadId: thread, user, kind: 'reply', body: { text }, at });
      return { id, outcome };
    },
    async react(user: string, channel: string, item: string, emoji: string): Promise<string> {
      return app.core.reactionAdded({ eventKey: `local:reaction:${randomUUID()}`, platform: 'local', channelId: channel, itemId: item, user, emoji, at: now() });
    },
    async command(user: string, channel: string, text: string): Promise<{ text: string; followUps: string[] }> {
      const followUps: string[] = [];
      const answer = await app.core.command({ platform: 'local', channelId: channel, userId: user, text, target: { platform: 'local', channelId: channel } }, async (t) => void followUps.push(t));
      await answer.done;
      return { text: answer.text, followUps };
    },
  };
}
