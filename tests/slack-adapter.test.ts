import { DeliveryError } from '../src/core/ports/delivery-error';
import type { PromptMessage } from '../src/core/ports/messages';
import type { ChannelTarget } from '../src/core/ports/platform';
import { envelope, postToSlackEndpoint } from './helpers/slack-sign';
import { SECRET, startHarness, type Harness } from './helpers/slack-adapter-harness';

const target: ChannelTarget = { platform: 'slack', channelId: 'C0WOL1', workspaceId: 'T0TEAM' };
const prompt: PromptMessage = {
  deliveryId: 'dlv-1',
  programme: 'wol-week',
  programmeTitle: 'WOL Week',
  day: 2,
  theme: 'Sharing',
  text: 'Show something <unfinished> & ask',
  challenge: 'Post a draft',
  footer: 'Replies are gathered into the gallery.',
  heading: 'Day 2 · Sharing',
  challengeLabel: "Today's challenge",
  invite: 'Reply in this thread with your work in progress.',
};

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DeliveryError);
    return e as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

describe('Slack adapter posting against the fake Web API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ webTimeoutMs: 400 });
  });
  afterEach(() => h.stop());

  test('a prompt is Block Kit with metadata and an escaped fallback; ThreadRef = channel + ts', async () => {
    const ref = await h.adapter.postPrompt(target, prompt);
    const [call] = h.fake.callsOf('chat.postMessage');
    expect(call.token).toBe('xoxb-test');
    expect(ref).toEqual({ platform: 'slack', channelId: 'C0WOL1', id: h.fake.posts('C0WOL1')[0].ts });
    expect(call.args.metadata).toEqual({ event_type: 'wol_prompt', event_payload: { delivery_id: 'dlv-1', programme: 'wol-week', day: 2 } });
    expect(call.args.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Day 2 · Sharing', emoji: true } });
    expect(JSON.stringify(call.args.blocks)).toContain('Show something &lt;unfinished&gt; &amp; ask');
    expect(call.args.text).toContain('&lt;unfinished&gt;');
    expect(JSON.stringify(call.args.blocks)).toContain('Reply in this thread');
  });

  test('Slack errors map to the ledger’s kinds', async () => {
    h.fake.fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    const a = await failure(h.adapter.postPrompt(target, prompt));
    expect([a.kind, a.reason, a.deactivateChannel]).toEqual(['permanent', 'not_in_channel', true]);
    h.fake.fail('chat.postMessage', { kind: 'error', error: 'invalid_auth' });
    const b = await failure(h.adapter.postPrompt(target, prompt));
    expect([b.kind, b.reason, b.deactivateChannel]).toEqual(['permanent', 'invalid_auth', false]);
    h.fake.fail('chat.postMessage', { kind: 'ratelimit', retryAfter: 7 });
    const c = await failure(h.adapter.postPrompt(target, prompt));
    expect([c.kind, c.retryAfterMs]).toEqual(['transient', 7000]);
    h.fake.fail('chat.postMessage', { kind: 'status', status: 503 });
    const d = await failure(h.adapter.postPrompt(target, prompt));
    expect([d.kind, d.reason]).toEqual(['transient', 'http_503']);
    h.fake.fail('chat.postMessage', { kind: 'hang' });
    const e = await failure(h.adapter.postPrompt(target, prompt));
    expect([e.kind, e.reason]).toEqual(['uncertain', 'timeout']);
    h.fake.fail('chat.postMessage', { kind: 'drop' });
    const f = await failure(h.adapter.postPrompt(target, prompt));
    expect(f.kind).toBe('uncertain');
    // One attempt each: the Web API client never retried behind the ledger's back.
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(6);
    expect(h.fake.posts()).toHaveLength(0);
  });

  test('a refused connection (nothing sent) is transient', async () => {
    await h.fake.stop();
    const e = await failure(h.adapter.postPrompt(target, prompt));
    expect([e.kind, e.reason]).toEqual(['transient', 'network_ECONNREFUSED']);
  });

  test('findPostedPrompt finds the delivery in the minutes around the attempt, else null; errors are uncertain', async () => {
    const ref = await h.adapter.postPrompt(target, prompt);
    const around = new Date(Number(ref.id) * 1000);
    expect(await h.adapter.findPostedPrompt!(target, 'dlv-1', around)).toEqual(ref);
    expect(await h.adapter.findPostedPrompt!(target, 'dlv-other', around)).toBeNull();
    expect(await h.adapter.findPostedPrompt!(target, 'dlv-1', new Date(around.getTime() + 3_600_000))).toBeNull();
    const [hist] = h.fake.callsOf('conversations.history');
    expect(hist.args.include_all_metadata).toBe(true);
    expect(Number(hist.args.limit)).toBeLessThanOrEqual(100);
    h.fake.fail('conversations.history', { kind: 'status', status: 500 });
    expect((await failure(h.adapter.findPostedPrompt!(target, 'dlv-1', around))).kind).toBe('uncertain');
  });

  test('a prompt with every part at its longest still fits Slack (the fake refuses what Slack refuses): long parts end in "…"', async () => {
    const long = { ...prompt, text: '&'.repeat(3000), challenge: 'b'.repeat(3000), footer: 'c'.repeat(3000), invite: 'd'.repeat(3000), link: { url: 'https://example.org', label: 'e'.repeat(150) } };
    const ref = await h.adapter.postPrompt(target, long);
    const posted = h.fake.posts('C0WOL1').find((m) => m.ts === ref.id)!;
    const texts = (posted.blocks as any[]).flatMap((b) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text)]).filter((t): t is string => typeof t === 'string');
    expect(texts.every((t) => [...t].length <= 3000)).toBe(true);
    expect(texts.reduce((n, t) => n + [...t].length, 0)).toBeLessThanOrEqual(12_000);
    expect(texts[1]).toMatch(/^(&amp;)+…$/);
  });

  test('digest in the thread escapes people’s words', async () => {
    const ref = await h.adapter.postPrompt(target, prompt);
    await h.adapter.postDigest(ref, target, { kind: 'digest', day: 2, theme: 'Sharing', title: 'Day 2 · Sharing: thank you', intro: ['Thank you, Ana <b>, for working out loud today.'], sections: [{ heading: 'What got people talking', lines: [{ text: 'Ana <b>: 2 reactions', quote: 'hey <!channel> & <https://evil.example|click>', link: { url: 'https://example.com/x', label: 'View' } }] }], links: [], sharers: ['Ana <b>'], shares: 1 });
    const d = h.fake.callsOf('chat.postMessage')[1].args;
    expect(d.thread_ts).toBe(ref.id);
    const all = JSON.stringify(d);
    // The fallback text is escaped; the blocks hold people's words as literal rich text, which
    // Slack neither formats nor reads as a ping or a link (those are elements of their own).
    expect(d.text).not.toContain('<!channel>');
    expect(d.text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
    expect(d.text).toContain('Ana &lt;b&gt;');
    expect(d.text).toContain('<https://example.com/x|View>');
    expect(all).not.toContain('<@');
    expect(all).not.toMatch(/"type":"(broadcast|user|usergroup|channel)"/);
    expect(all).not.toMatch(/"type":"mrkdwn"/);
    expect(all).toContain('{"type":"text","text":"hey <!channel> & <https://evil.example|click>","style":{"italic":true}}');
    expect(all).toContain('{"type":"link","url":"https://example.com/x","text":"View"}');
  });

  test('notifyAdmins opens a DM with each admin', async () => {
    await h.adapter.notifyAdmins!({ text: 'Day 2 failed in <#C1>', admins: ['UADMIN', 'UOTHER'], target });
    expect(h.fake.callsOf('conversations.open').map((c) => c.args.users)).toEqual(['UADMIN', 'UOTHER']);
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.args.channel)).toEqual(['DADMIN', 'DOTHER']);
  });
});

describe('Slack adapter start-up and catch-up', () => {
  test('a refused token does not stop start(); it keeps retrying and then works', async () => {
    const h = await startHarness({ settings: { botToken: 'xoxb-not-yet', maxPostsPerSecond: 20, mode: 'http' } });
    try {
      expect(h.fake.callsOf('auth.test').length).toBeGreaterThanOrEqual(1);
      h.fake.tokens.add('xoxb-not-yet');
      for (let i = 0; i < 200 && h.fake.callsOf('auth.test').length < 3; i++) await new Promise((r) => setTimeout(r, 20));
      expect(h.fake.callsOf('auth.test').length).toBeGreaterThanOrEqual(2);
    } finally {
      await h.stop();
    }
  });

  test('replies written while down are caught up once; a live event for the same message is a duplicate', async () => {
    const h = await startHarness();
    try {
      const ref = await h.adapter.postPrompt(target, prompt);
      h.inbound.threads = [ref];
      const m = h.fake.addMessage({ channel: 'C0WOL1', user: 'U0ANA', text: 'while you slept', thread_ts: ref.id, type: 'message' });
      h.fake.addMessage({ channel: 'C0WOL1', bot_id: 'B0X', subtype: 'bot_message', text: 'a bot', thread_ts: ref.id });
      await h.adapter.stop();
      await h.adapter.start(); // catch-up runs at start
      expect([...h.inbound.replies.values()].map((r) => [r.messageId, r.text, r.eventKey])).toEqual([[m.ts, 'while you slept', `catchup:C0WOL1:${m.ts}`]]);
      // The same message arriving late as a live event is not stored again.
      const ev = envelope({ type: 'message', channel: 'C0WOL1', user: 'U0ANA', text: 'while you slept', ts: m.ts, thread_ts: ref.id });
      expect((await postToSlackEndpoint(h.url, SECRET, ev)).status).toBe(200);
      expect(h.inbound.log.filter((l) => l.startsWith('reply'))).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});
