/**
 * Whole app: while wolbot was down, one reply was written and one deleted in a prompt's thread.
 * At start it reads the thread (conversations.replies): the new reply is stored, the deleted one
 * loses its text, the others stay.
 */
import { FakeSlack } from './fakes/slack-api';
import { FakeClock } from './helpers/recording-inbound';
import { envelope, postToSlackEndpoint } from './helpers/slack-sign';
import { DAY1_0900, SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';

describe('Slack catch-up at start (whole app)', () => {
  let fake: FakeSlack;
  let s: SlackApp;
  const clock = new FakeClock(DAY1_0900);

  beforeAll(async () => {
    fake = await new FakeSlack(() => clock.now().getTime()).start();
  });
  afterAll(async () => {
    await s?.stop();
    await fake.stop();
  });

  test('replies written and deleted while down are caught up', async () => {
    s = await startSlackApp({ fake, clockAt: DAY1_0900 });
    await s.app.tick();
    const [prompt] = fake.prompts('C0WOL1');
    expect(prompt).toBeDefined();
    const texts = async () => (await s.app.core.exportPosts({ day: 1 })).posts.find((p) => p.channel === 'C0WOL1')!.replies.map((r) => r.text);

    // Two replies arrive live while the bot runs.
    for (const text of ['kept reply', 'reply that will be deleted']) {
      const m = fake.addMessage({ channel: 'C0WOL1', thread_ts: prompt!.ts, user: 'UMEMBER', text, type: 'message' });
      const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'message', channel: 'C0WOL1', channel_type: 'channel', user: 'UMEMBER', text, ts: m.ts, thread_ts: prompt!.ts }));
      expect(r.status).toBe(200);
    }
    expect(await texts()).toEqual(['kept reply', 'reply that will be deleted']);
    const dir = s.dir;
    await s.app.stop();

    // While down: one reply deleted in Slack, one new written.
    const i = fake.messages.findIndex((m) => m.text === 'reply that will be deleted');
    fake.messages.splice(i, 1);
    clock.set(DAY1_0900 + 20 * 60_000);
    fake.addMessage({ channel: 'C0WOL1', thread_ts: prompt!.ts, user: 'UOTHER', text: 'written while wolbot was down', type: 'message' });
    clock.set(DAY1_0900 + 30 * 60_000);

    s = await startSlackApp({ fake, dir, clockAt: clock.now().getTime() });
    await waitFor(async () => (await texts()).length === 2 && (await texts()).includes('written while wolbot was down'), 'catch-up');
    expect(await texts()).toEqual(['kept reply', 'written while wolbot was down']);
    const deleted = (await s.app.store.listReplies({ includeDeleted: true })).find((r) => r.deletedAt !== null)!;
    expect(deleted.text).toBeNull();
  });
});
