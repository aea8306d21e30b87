/** Whole app, Slack over HTTP: channel lifecycle events change what is posted, and status says why. */
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';

describe('Slack lifecycle (whole app)', () => {
  let s: SlackApp;
  const event = (e: Record<string, unknown>) => postToSlackEndpoint(s.events, SIGNING_SECRET, envelope(e));
  const channel = async (id: string) => (await s.app.core.status()).channels.find((c) => c.label === `slack:${id}`)?.channel;

  beforeAll(async () => {
    s = await startSlackApp();
  });
  afterAll(async () => s.stop());

  test('channel_id_changed moves the channel and its posts; the thread keeps collecting', async () => {
    await s.app.tick(); // day 1 in C0WOL1 (London 09:00)
    const [prompt] = s.fake.prompts('C0WOL1');
    expect((await event({ type: 'channel_id_changed', old_channel_id: 'C0WOL1', new_channel_id: 'C0MOVED', event_ts: '1' })).status).toBe(200);
    expect(await channel('C0WOL1')).toBeUndefined();
    expect(await channel('C0MOVED')).toMatchObject({ active: true });
    const { posts } = await s.app.core.exportPosts({ day: 1 });
    expect(posts.map((p) => p.channel)).toEqual(['C0MOVED']);
    const reply = await event({ type: 'message', channel: 'C0MOVED', channel_type: 'channel', user: 'UMEMBER', text: 'still here', ts: '1795300000.000200', thread_ts: prompt!.ts });
    expect(reply.status).toBe(200);
    expect((await s.app.core.exportPosts({ day: 1 })).posts[0]!.replies.map((r) => r.text)).toEqual(['still here']);
  });

  test("another workspace's signed channel_archive, delete, bot removal or id change changes nothing (#21)", async () => {
    const other = (e: Record<string, unknown>) => postToSlackEndpoint(s.events, SIGNING_SECRET, envelope(e, { teamId: 'T0OTHER' }));
    for (const e of [
      { type: 'channel_archive', channel: 'C0MOVED', user: 'UEVIL' },
      { type: 'channel_deleted', channel: 'C0MOVED' },
      { type: 'member_left_channel', channel: 'C0MOVED', user: 'UBOT' },
      { type: 'channel_id_changed', old_channel_id: 'C0MOVED', new_channel_id: 'C0STOLEN', event_ts: '2' },
    ]) {
      expect((await other(e)).status).toBe(200);
    }
    expect(await channel('C0MOVED')).toMatchObject({ active: true });
    expect(await channel('C0STOLEN')).toBeUndefined();
  });

  test('channel_archive deactivates the channel; status tells why; no more posts there', async () => {
    expect((await event({ type: 'channel_archive', channel: 'C0MOVED', user: 'UADMIN' })).status).toBe(200);
    const c = await channel('C0MOVED');
    expect(c).toMatchObject({ active: false });
    expect(c!.inactiveReason).toMatch(/archived/);
    const before = s.fake.callsOf('chat.postMessage').length;
    await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('post 2'), { form: true });
    // (C0WOL2 already has its kick-off from the first tick: count prompts.)
    await waitFor(() => s.fake.prompts('C0WOL2').length === 1, 'post in the other channel');
    expect(s.fake.callsOf('chat.postMessage').length - before).toBe(1);
  });

  test('app_uninstalled stops every channel of the single workspace, configured ones included', async () => {
    expect((await event({ type: 'app_uninstalled' })).status).toBe(200);
    const c = await channel('C0WOL2');
    expect(c).toMatchObject({ active: false, inactiveReason: 'app_uninstalled' });
    expect((await s.app.core.status()).channels.filter((x) => x.channel.platform === 'slack' && x.channel.active)).toEqual([]);
  });
});
