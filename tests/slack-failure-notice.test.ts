/** A post that fails for good is told to each admin privately, once, with the reason and what to do. */
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
    await waitFor(async () => (await s.app.store.listDeliveries({ states: ['failed'] })).length === 1, 'failed delivery');
    const dms = () => s.fake.callsOf('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
    await waitFor(() => dms().length === 1, 'admin DM');
    expect(s.fake.callsOf('conversations.open').map((c) => c.args.users)).toEqual(['UADMIN']);
    expect(String(dms()[0]!.args.text)).toMatch(/could not post day 2 in slack:C0WOL2: not_in_channel\. Invite the bot/);

    const status = (await s.app.core.status()).channels.find((c) => c.label === 'slack:C0WOL2')!;
    expect(status.channel.active).toBe(false);
    expect(status.channel.inactiveReason).toMatch(/not_in_channel/);

    // Later ticks neither post there nor tell the admins again.
    await s.app.tick();
    await s.app.tick();
    expect(dms()).toHaveLength(1);
  });
});
