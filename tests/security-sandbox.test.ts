/**
 * Issue #8, finding 1: the sandbox API with the web token, beside a real Slack workspace (fake Web
 * API, signed events). It acts as sandbox-user only, and only on `local:` channels.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';

const TOKEN = 'web-token-for-tests-0123456789';

describe('the sandbox is only the sandbox (#8 finding 1)', () => {
  let s: SlackApp;
  const sandbox = (route: string, body: unknown) =>
    fetch(`${s.app.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });

  beforeEach(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-sandbox-sec-'));
    fs.writeFileSync(
      path.join(dir, 'wolbot.yaml'),
      'program: wol-week\nstart: 2026-11-16\ntime: "09:00"\ntimezone: Europe/London\nadmins: [U0ADMIN01, sandbox-user]\nchannels: [slack:C0WOL1, local:general]\n',
    );
    s = await startSlackApp({ dir });
  });
  afterEach(() => s.stop());

  test('a caller-chosen user is refused on every write route, and nothing changes', async () => {
    const before = await s.app.store.listDeliveries();
    for (const [route, body] of [
      ['/v1/commands', { channel: 'general', text: 'post 2', user: 'U0ADMIN01' }],
      ['/v1/replies', { channel: 'general', thread: 'x', text: 'hi', user: 'U0ADMIN01' }],
      ['/v1/reactions', { channel: 'general', item: 'x', emoji: 'tada', user: 'U0ADMIN01' }],
    ] as const) {
      const r = await sandbox(route, body);
      expect([route, r.status]).toEqual([route, 400]);
      expect(JSON.stringify(await r.json())).toMatch(/user/);
    }
    expect(await s.app.store.listDeliveries()).toEqual(before);
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  test('post 2 and pause all from the sandbox reach only local: channels', async () => {
    const post = (await (await sandbox('/v1/commands', { channel: 'general', text: 'post 2' })).json()) as any;
    expect(post.text).toMatch(/Posting day 2 \(Sharing\) to local:general/);
    await waitFor(async () => (await s.app.store.listDeliveries({ states: ['sent'], kinds: ['prompt'] })).length === 1, 'the local post');
    expect([...new Set((await s.app.store.listDeliveries()).map((d) => `${d.platform}:${d.channelId}`))]).toEqual(['local:general']);
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);

    const pause = (await (await sandbox('/v1/commands', { channel: 'general', text: 'pause all' })).json()) as any;
    expect(pause.text).toMatch(/Paused/);
    const paused = (await s.app.store.listChannels()).map((c) => [`${c.platform}:${c.channelId}`, c.paused]).sort();
    expect(paused).toEqual([['local:general', true], ['slack:C0WOL1', false]]);
    await sandbox('/v1/commands', { channel: 'general', text: 'resume all' });
    // The Slack admin's `pause all` stays on Slack too.
    await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('pause all', { user: 'U0ADMIN01' }), { form: true });
    expect((await s.app.store.listChannels()).map((c) => [`${c.platform}:${c.channelId}`, c.paused]).sort()).toEqual([['local:general', false], ['slack:C0WOL1', true]]);
  });

  test('forget me from the sandbox leaves a Slack member’s replies alone', async () => {
    await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('post 1 here', { user: 'U0ADMIN01' }), { form: true });
    await waitFor(() => s.fake.prompts('C0WOL1').length === 1, 'the Slack post');
    await waitFor(async () => (await s.app.core.exportPosts()).posts.length === 1, 'marked sent');
    const thread = s.fake.prompts('C0WOL1')[0]!.ts;
    const ts = (Number(thread) + 1).toFixed(6);
    const ev = envelope({ type: 'message', channel: 'C0WOL1', user: 'U0EVE', text: 'Eve’s draft', ts, thread_ts: thread, event_ts: ts, channel_type: 'channel' });
    expect((await postToSlackEndpoint(s.events, SIGNING_SECRET, ev)).status).toBe(200);

    expect((await sandbox('/v1/commands', { channel: 'general', text: 'forget me', user: 'U0EVE' })).status).toBe(400);
    const forget = (await (await sandbox('/v1/commands', { channel: 'general', text: 'forget me' })).json()) as any;
    expect(forget.text).toMatch(/holds nothing you wrote/);
    const replies = (await s.app.core.exportPosts()).posts.flatMap((p) => p.replies);
    expect(replies.map((r) => [r.user, r.text])).toEqual([['U0EVE', 'Eve’s draft']]);
  });

  test('status: a member sees the programme and this channel; an admin sees every channel', async () => {
    const member = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('status', { user: 'U0MEMBER', channel: 'C0OTHER' }), { form: true });
    expect(member.json.text).toMatch(/International Working Out Loud Week/);
    expect(member.json.text).not.toMatch(/slack:C0WOL1|local:general/);
    const here = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('status', { user: 'U0MEMBER', channel: 'C0WOL1' }), { form: true });
    expect(here.json.text).toMatch(/C0WOL1/);
    expect(here.json.text).not.toMatch(/local:general/);
    const admin = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('status', { user: 'U0ADMIN01' }), { form: true });
    expect(admin.json.text).toMatch(/C0WOL1[\s\S]*local:general|local:general[\s\S]*C0WOL1/);
  });
});
