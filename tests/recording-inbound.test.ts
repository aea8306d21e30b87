/**
 * RecordingInbound stands in for the core in the adapters' own tests. This ties it to the real
 * thing: the same events through both give the same outcomes, so an adapter test that passes
 * against the stand-in means the same against the core.
 */
import type { InboundPort, ReplyOutcome } from '../src/core/ports/inbound';
import { RecordingInbound } from './helpers/recording-inbound';
import { harnessForTests } from './reliability/app-harness';

describe('RecordingInbound answers as the real core does (dedupe, edits, deletions, reactions)', () => {
  const h = harnessForTests(['local:general']);
  let thread = '';
  beforeAll(async () => {
    thread = await h.thread('local:general');
  });

  /** One script of platform events, including retries and events about unknown messages. */
  const script = async (p: InboundPort): Promise<[string, ReplyOutcome][]> => {
    const at = new Date('2026-11-16T10:00:00Z');
    const base = { platform: 'local' as const, channelId: 'general' };
    const steps: [string, () => Promise<ReplyOutcome>][] = [
      ['reply', () => p.reply({ ...base, eventKey: 'k1', threadId: thread, messageId: 'm1', user: 'U1', text: 'draft', at })],
      ['the same event again', () => p.reply({ ...base, eventKey: 'k1', threadId: thread, messageId: 'm1', user: 'U1', text: 'draft', at })],
      ['the same message, another event', () => p.reply({ ...base, eventKey: 'k2', threadId: thread, messageId: 'm1', user: 'U1', text: 'draft', at })],
      ['a second reply', () => p.reply({ ...base, eventKey: 'k3', threadId: thread, messageId: 'm2', user: 'U2', text: 'idea', at })],
      ['edit', () => p.replyEdited({ ...base, eventKey: 'k4', messageId: 'm1', text: 'draft v2', at })],
      ['the same edit again', () => p.replyEdited({ ...base, eventKey: 'k4', messageId: 'm1', text: 'draft v2', at })],
      ['edit of an unknown message', () => p.replyEdited({ ...base, eventKey: 'k5', messageId: 'm9', text: 'x', at })],
      ['reaction on the prompt', () => p.reactionAdded({ ...base, eventKey: 'k6', itemId: thread, user: 'U3', emoji: 'tada', at })],
      ['the same reaction event again', () => p.reactionAdded({ ...base, eventKey: 'k6', itemId: thread, user: 'U3', emoji: 'tada', at })],
      ['reaction on a reply', () => p.reactionAdded({ ...base, eventKey: 'k7', itemId: 'm2', user: 'U1', emoji: 'eyes', at })],
      ['reaction removed', () => p.reactionRemoved({ ...base, eventKey: 'k8', itemId: thread, user: 'U3', emoji: 'tada', at })],
      ['delete', () => p.replyDeleted({ ...base, eventKey: 'k9', messageId: 'm1', at })],
      ['the same delete again', () => p.replyDeleted({ ...base, eventKey: 'k9', messageId: 'm1', at })],
      ['edit after delete', () => p.replyEdited({ ...base, eventKey: 'k10', messageId: 'm1', text: 'back?', at })],
      ['delete of an unknown message', () => p.replyDeleted({ ...base, eventKey: 'k11', messageId: 'm9', at })],
    ];
    const out: [string, ReplyOutcome][] = [];
    for (const [name, step] of steps) out.push([name, await step()]);
    return out;
  };

  test('the same script gives the same outcomes, and the same replies are left', async () => {
    const stand = new RecordingInbound();
    stand.threads = [{ platform: 'local', channelId: 'general', id: thread }];
    const real = await script(h.app.core);
    expect(real.filter(([, o]) => o === 'stored').length).toBeGreaterThan(4); // the script reached the store
    expect(await script(stand)).toEqual(real);
    expect(await stand.storedReplyIds('local', 'general', thread)).toEqual(await h.app.core.storedReplyIds('local', 'general', thread));
  });
});

describe('the core lists a thread\'s stored replies for catch-up', () => {
  const h = harnessForTests(['local:general']);

  test('a thread longer than a page of stored replies lists every live reply once (catch-up compares against it)', async () => {
    const long = await h.thread('local:general');
    const base = { platform: 'local' as const, channelId: 'general', threadId: long, user: 'U1', text: 'wip' };
    const t0 = Date.parse('2026-11-16T11:00:00Z');
    const n = 1203; // two full pages of 500 and a part
    for (let i = 0; i < n; i++) await h.app.core.reply({ ...base, eventKey: `long-${i}`, messageId: `L${i}`, at: new Date(t0 + i * 1000) });
    await h.app.core.replyDeleted({ platform: 'local', channelId: 'general', eventKey: 'long-del', messageId: 'L500', at: new Date(t0 + n * 1000) });
    const ids = await h.app.core.storedReplyIds('local', 'general', long);
    expect(ids).toHaveLength(n - 1);
    expect(new Set(ids).size).toBe(n - 1);
    expect(ids).not.toContain('L500');
    expect(ids).toEqual(expect.arrayContaining(['L0', 'L499', 'L501', `L${n - 1}`]));
  });
});
