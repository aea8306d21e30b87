import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalAdapter } from '../adapters/local/local-adapter';
import type { PromptMessage } from '../src/core/ports/messages';
import { openStore, type OpenedStore } from '../src/store';
import { FakeClock } from './helpers/fake-clock';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-local-'));
let store: OpenedStore;
beforeAll(async () => {
  store = await openStore(`sqlite:${path.join(tmp, 'w.db')}`, { cwd: tmp });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const prompt = (deliveryId: string): PromptMessage => ({
  deliveryId, programme: 'wol-week', programmeTitle: 'WOL week', day: 1, theme: 't', text: 'x', challenge: 'c', footer: 'f', heading: 'Day 1', challengeLabel: 'Today', invite: 'Reply here',
});

describe('the sandbox finds a prompt it posted again (recovery after a crash)', () => {
  it('by the delivery id in the stored body, ignoring other kinds and bodies that are not a prompt', async () => {
    const clock = new FakeClock(new Date('2026-11-16T09:00:00.000Z'));
    const adapter = new LocalAdapter({ messages: store, clock });
    const target = { platform: 'local', channelId: 'find-me' };
    await store.addLocalMessage({ id: 'odd', channelId: 'find-me', threadId: null, user: 'wolbot', kind: 'prompt', body: 'not an object', at: clock.now() });
    await store.addLocalMessage({ id: 'empty', channelId: 'find-me', threadId: null, user: 'wolbot', kind: 'prompt', body: null, at: clock.now() });
    await store.addLocalMessage({ id: 'note', channelId: 'find-me', threadId: null, user: 'wolbot', kind: 'notice', body: { deliveryId: 'd1' }, at: clock.now() });
    const posted = await adapter.postPrompt(target, prompt('d1'));
    await adapter.postPrompt(target, prompt('d2'));

    expect(await adapter.findPostedPrompt(target, 'd1')).toEqual(posted);
    expect(await adapter.findPostedPrompt(target, 'd3')).toBeNull();
    expect(await adapter.findPostedPrompt({ platform: 'local', channelId: 'elsewhere' }, 'd1')).toBeNull();
  });
});
