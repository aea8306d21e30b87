/** A post that fails for good is told to each admin privately, once, with the reason and what to do. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { slashCommand, postToSlackEndpoint } from './helpers/slack-sign';
import { startSlackApp, waitFor, SIGNING_SECRET, type SlackApp } from './helpers/slack-app';

describe('Slack: failures are told to the admins', () => {
  let s: SlackApp;
  beforeAll(async () => {
    s = await startSlackApp();
  });
  afterAll(async () => s.stop());

  test('not_in_channel: the channel is deactivated, status says why, UADMIN gets one DM', async () => {
    s.fake.channels.set('C0WOL2', { name: 'wol-ny', is_member: false });
    const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('post 2'), { form: true });
    expect(r.status).toBe(200);
    await waitFor(async () => (await s.app.store.listDeliveries({ states: ['failed'], kinds: ['prompt'] })).length === 1, 'failed delivery');
    const dms = () => s.fake.callsOf('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
    await waitFor(() => dms().length === 1, 'admin DM');
    expect(s.fake.callsOf('conversations.open').map((c) => c.args.users)).toEqual(['UADMIN']);
    // The channel's first post there is its kick-off (before day 2): that is what failed, and day 2 fails with it, quietly.
    expect(String(dms()[0]!.args.text)).toMatch(/could not post the kick-off in slack:C0WOL2: not_in_channel\. Invite the bot/);

    const status = (await s.app.core.status()).channels.find((c) => c.label === 'slack:C0WOL2')!;
    expect(status.channel.active).toBe(false);
    expect(status.channel.inactiveReason).toMatch(/not_in_channel/);

    // Later ticks neither post there nor tell the admins again.
    await s.app.tick();
    await s.app.tick();
    expect(dms()).toHaveLength(1);

    // /wol status names the failure everywhere, but says how to /invite only in the channel it is about.
    const statusIn = async (channel: string) => (await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('status', { channel }), { form: true })).json.text as string;
    const here = await statusIn('C0WOL1');
    expect(here).toMatch(/not_in_channel/);
    expect(here).not.toMatch(/\/invite/);
    expect(await statusIn('C0WOL2')).toMatch(/\/invite @wolbot/);
  });
});

describe('Slack: the notice is in the programme’s language', () => {
  test('a channel of the German programme (beside an English one) is told about in German', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-notice-de-'));
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), [
      'admins: [UADMIN]',
      'programmes:',
      '  - { program: wol-week, start: 2026-11-16, time: "09:00", timezone: Europe/London, channels: [slack:C0WOL1] }',
      '  - { program: wol-woche, start: 2026-11-16, time: "09:00", timezone: Europe/Berlin, channels: [slack:C0WOL2] }',
    ].join('\n'));
    const s = await startSlackApp({ dir });
    try {
      s.fake.channels.set('C0WOL2', { name: 'wol-de', is_member: false });
      await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('post 2', { channel: 'C0WOL2' }), { form: true });
      const dms = () => s.fake.callsOf('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
      await waitFor(() => dms().length === 1, 'admin DM');
      expect(String(dms()[0]!.args.text)).toMatch(/^wolbot konnte den Auftakt nicht in slack:C0WOL2 posten: not_in_channel\./); // the kick-off comes first (issue 22)
    } finally {
      await s.stop();
    }
  });
});
