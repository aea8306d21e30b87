import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';

const post = (s: SlackApp, body: string | object, opts?: Parameters<typeof postToSlackEndpoint>[3]) =>
  postToSlackEndpoint(s.events, SIGNING_SECRET, body, opts);

describe('wolbot with Slack (whole app, fake Web API)', () => {
  let s: SlackApp;
  beforeEach(async () => {
    s = await startSlackApp();
  });
  afterEach(() => s.stop());

  async function postDay2(): Promise<{ C0WOL1: string; C0WOL2: string }> {
    const r = await post(s, slashCommand('post 2', { responseUrl: s.fake.responseUrl('p2') }), { form: true });
    expect(r.status).toBe(200);
    expect(r.json.response_type).toBe('ephemeral');
    await waitFor(() => s.fake.prompts().length === 2, 'two posts');
    await waitFor(async () => (await s.app.core.exportPosts()).posts.length === 2, 'deliveries marked sent');
    return { C0WOL1: s.fake.prompts('C0WOL1')[0].ts, C0WOL2: s.fake.prompts('C0WOL2')[0].ts };
  }

  test('/wol post 2 from an admin posts the Sharing prompt once to every Slack channel', async () => {
    const threads = await postDay2();
    for (const ch of ['C0WOL1', 'C0WOL2']) {
      const [m] = s.fake.prompts(ch);
      expect((m.blocks as any[])[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Day 2 · Sharing' } });
      expect(m.text).toContain('Sharing');
      expect(m.metadata).toMatchObject({ event_type: 'wol_prompt', event_payload: { programme: 'wol-week', day: 2 } });
      expect(typeof (m.metadata!.event_payload as any).delivery_id).toBe('string');
    }
    await waitFor(() => s.fake.responses.some((r) => r.path === '/response/p2'), 'follow-up');
    // Said again: nothing new is posted (the ledger already has day 2 in both channels).
    await post(s, slashCommand('post 2', { responseUrl: s.fake.responseUrl('p2b') }), { form: true });
    await waitFor(() => s.fake.responses.some((r) => r.path === '/response/p2b') || s.fake.responses.length >= 2, 'second answer');
    expect(s.fake.prompts()).toHaveLength(2);
    const exp = await s.app.core.exportPosts();
    expect(exp.posts.map((p) => [p.channel, p.day, p.theme, p.thread]).sort()).toEqual([
      ['C0WOL1', 2, 'Sharing', threads.C0WOL1],
      ['C0WOL2', 2, 'Sharing', threads.C0WOL2],
    ]);
  });

  test('/wol post 2 from a member posts nothing and says why, privately', async () => {
    const r = await post(s, slashCommand('post 2', { user: 'U0MEMBER' }), { form: true });
    expect(r.status).toBe(200);
    expect(r.json.response_type).toBe('ephemeral');
    expect(r.json.text).toMatch(/admin/i);
    await s.app.core.idle();
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  test('forged and stale requests get 401 and change nothing; malformed signed bodies get 400', async () => {
    const cmd = slashCommand('post 2');
    const forged = await postToSlackEndpoint(s.events, 'not-the-secret', cmd, { form: true });
    const stale = await post(s, cmd, { form: true, timestamp: Math.floor(Date.now() / 1000) - 301 - 60 });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    for (const raw of ['null', '{"type":"event_callback","event_id":"Ev1"}', '{"type":"event_callback","event_id":"Ev1","event":null}', '{oops']) {
      expect((await post(s, raw)).status).toBe(400);
    }
    await s.app.core.idle();
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);
    expect((await s.app.core.exportPosts()).posts).toHaveLength(0);
  });

  test('replies, edits, deletions and reactions show in the export; duplicates, bots and chatter do not', async () => {
    const t = await postDay2();
    const ch = 'C0WOL1';
    const msg = (ts: string, extra: Record<string, unknown> = {}) => ({ type: 'message', channel: ch, user: 'U0ANA', text: 'first draft', ts, thread_ts: t.C0WOL1, event_ts: ts, channel_type: 'channel', ...extra });
    const base = Number(t.C0WOL1);
    const ts = (n: number) => (base + n).toFixed(6);

    const r1 = envelope(msg(ts(1), { text: 'my plan &amp; a <https://example.com/plan|link>' }));
    expect((await post(s, r1)).status).toBe(200);
    expect((await post(s, r1, { headers: { 'x-slack-retry-num': '1' } })).status).toBe(200); // same event twice
    expect((await post(s, envelope(msg(ts(2), { user: 'U0BEN', text: 'to be deleted' })))).status).toBe(200);
    expect((await post(s, envelope(msg(ts(3), { user: 'U0CAT', text: 'broadcast too', subtype: 'thread_broadcast' })))).status).toBe(200);
    expect((await post(s, envelope(msg(ts(4), { user: 'U0DAN', text: 'a file', subtype: 'file_share', files: [{ id: 'F1', name: 'draft.pdf', permalink: 'https://files.example/draft.pdf' }] })))).status).toBe(200);
    // Not replies: another bot, our own bot, top-level chatter, a join, a thread that is not ours.
    await post(s, envelope(msg(ts(5), { bot_id: 'B0OTHER', subtype: 'bot_message', user: undefined, text: 'beep' })));
    await post(s, envelope(msg(ts(6), { user: 'UBOT', text: 'digest' })));
    await post(s, envelope({ type: 'message', channel: ch, user: 'U0EVE', text: 'lunch?', ts: ts(7), event_ts: ts(7) }));
    await post(s, envelope({ type: 'message', subtype: 'channel_join', channel: ch, user: 'U0FAY', text: '<@U0FAY> has joined', ts: ts(8) }));
    await post(s, envelope(msg(ts(9), { thread_ts: '1700000000.000001', text: 'other thread' })));
    // Edit the first, delete the second.
    await post(s, envelope({ type: 'message', subtype: 'message_changed', channel: ch, hidden: true, ts: ts(10), event_ts: ts(10),
      message: { type: 'message', user: 'U0ANA', text: 'my plan, revised', ts: ts(1), thread_ts: t.C0WOL1, edited: { user: 'U0ANA', ts: ts(10) } },
      previous_message: { type: 'message', user: 'U0ANA', text: 'my plan &amp; a <https://example.com/plan|link>', ts: ts(1), thread_ts: t.C0WOL1 } }));
    await post(s, envelope({ type: 'message', subtype: 'message_deleted', channel: ch, hidden: true, ts: ts(11), event_ts: ts(11), deleted_ts: ts(2),
      previous_message: { type: 'message', user: 'U0BEN', text: 'to be deleted', ts: ts(2), thread_ts: t.C0WOL1 } }));
    // Reactions: two on the prompt, one added and removed on a reply, one on the edited reply.
    const react = (type: string, user: string, item: string, reaction = 'tada') =>
      envelope({ type, user, reaction, item: { type: 'message', channel: ch, ts: item }, item_user: 'U0ANA', event_ts: ts(12) });
    await post(s, react('reaction_added', 'U0BEN', t.C0WOL1));
    const dupReaction = react('reaction_added', 'U0CAT', t.C0WOL1, 'heart');
    await post(s, dupReaction);
    await post(s, dupReaction);
    await post(s, react('reaction_added', 'U0BEN', ts(1)));
    await post(s, react('reaction_added', 'U0CAT', ts(3)));
    await post(s, react('reaction_removed', 'U0CAT', ts(3)));

    const exp = await s.app.core.exportPosts();
    const p = exp.posts.find((x) => x.channel === ch)!;
    expect(p.reactions).toBe(2);
    expect(p.replies.map((r) => [r.user, r.text, r.reactions])).toEqual([
      ['U0ANA', 'my plan, revised', 1],
      ['U0CAT', 'broadcast too', 0],
      ['U0DAN', 'a file', 0],
    ]);
    expect(p.replies[0].links ?? []).toEqual(['https://example.com/plan']);
    expect(p.replies[2].files).toEqual(['https://files.example/draft.pdf']);
    const other = exp.posts.find((x) => x.channel === 'C0WOL2')!;
    expect(other.replies).toHaveLength(0);
  });

  test('with the store failing an event gets 5xx; its redelivery after recovery is stored once', async () => {
    const t = await postDay2();
    const ev = envelope({ type: 'message', channel: 'C0WOL1', user: 'U0ANA', text: 'kept', ts: (Number(t.C0WOL1) + 1).toFixed(6), thread_ts: t.C0WOL1 });
    // Make the real SQLite store fail: hold an exclusive lock on the file from another connection.
    const Database = (await import('better-sqlite3')).default;
    const locker = new Database(`${s.dir}/w.db`, { timeout: 0 });
    locker.exec('BEGIN EXCLUSIVE');
    const failed = await post(s, ev);
    locker.exec('ROLLBACK');
    locker.close();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect((await s.app.core.exportPosts()).posts.find((p) => p.channel === 'C0WOL1')!.replies).toHaveLength(0);
    const again = await post(s, ev, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    const third = await post(s, ev, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } });
    expect([again.status, third.status]).toEqual([200, 200]);
    const replies = (await s.app.core.exportPosts()).posts.find((p) => p.channel === 'C0WOL1')!.replies;
    expect(replies.map((r) => r.text)).toEqual(['kept']);
  });

  test('a 429 on every first attempt still ends with exactly one post per channel', async () => {
    for (const ch of ['C0WOL1', 'C0WOL2']) s.fake.fail('chat.postMessage', { kind: 'ratelimit', retryAfter: 1 }, { match: (a) => a.channel === ch && !!a.metadata });
    await postDay2();
    expect(s.fake.callsOf('chat.postMessage').filter((c) => c.args.metadata)).toHaveLength(4);
    expect(s.fake.prompts('C0WOL1')).toHaveLength(1);
    expect(s.fake.prompts('C0WOL2')).toHaveLength(1);
  });

  test('the cron posts at each channel’s local time (London 09:00, New York 09:00)', async () => {
    await s.app.tick();
    expect(s.fake.prompts('C0WOL1')).toHaveLength(1);
    expect(s.fake.prompts('C0WOL2')).toHaveLength(0);
    // New York's day 1 is 5 hours away: its welcome (no prompt metadata) went out at this tick.
    expect(s.fake.posts('C0WOL2').map((m) => m.metadata)).toEqual([undefined]);
    s.clock.t = Date.parse('2026-11-16T14:00:30Z');
    await s.app.tick();
    await s.app.tick();
    expect(s.fake.prompts('C0WOL1')).toHaveLength(1);
    expect(s.fake.prompts('C0WOL2')).toHaveLength(1);
    expect((s.fake.prompts('C0WOL2')[0].blocks as any[])[0].text.text).toBe('Day 1 · Connection');
  });

  test('not_in_channel fails the delivery for good, shown by status, no retry storm', async () => {
    s.fake.channels.set('C0WOL2', { name: 'wol-ny', is_member: false });
    await post(s, slashCommand('post 2'), { form: true });
    await waitFor(() => s.fake.prompts('C0WOL1').length === 1 && s.fake.callsOf('chat.postMessage').length >= 2, 'attempts');
    await waitFor(async () => (await s.app.store.listDeliveries({ states: ['failed'], kinds: ['prompt'] })).length === 1, 'failed delivery');
    const [failed] = await s.app.store.listDeliveries({ states: ['failed'], kinds: ['prompt'] });
    expect(failed).toMatchObject({ channelId: 'C0WOL2', reason: expect.stringContaining('not_in_channel') });
    await s.app.tick();
    expect(s.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0WOL2')).toHaveLength(1);
  });
});
