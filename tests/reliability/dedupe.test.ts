/**
 * The same event delivered 5 times at once is stored once: through the InboundPort (any adapter's
 * path) and over real signed HTTP to /slack/events (Slack's retries carry the same event_id).
 */
import { FakeSlack } from '../fakes/slack-api';
import { envelope, postToSlackEndpoint } from '../helpers/slack-sign';
import { startHarness, type Harness } from './app-harness';
import { slackEnv } from './slack-posts';

describe('the same event 5 times concurrently', () => {
  let fake: FakeSlack;
  let h: Harness;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    h = await startHarness(['local:general', 'slack:C0DEDUP'], slackEnv(fake));
  });
  afterAll(async () => {
    await h?.close();
    await fake.stop();
  });

  async function repliesIn(channel: string): Promise<{ user: string; text: string }[]> {
    const { posts } = await h.app.core.exportPosts({ day: 1 });
    return posts.filter((p) => p.channel === channel).flatMap((p) => p.replies);
  }

  test('sandbox / InboundPort: one eventKey → stored once, four duplicates', async () => {
    const thread = await h.thread('local:general');
    const e = { eventKey: 'local:same-5', platform: 'local' as const, channelId: 'general', threadId: thread, messageId: 'Lsame5', user: 'U_FIVE', text: 'only once please', at: new Date() };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => h.app.core.reply(e)));
    expect(outcomes.filter((o) => o === 'stored')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(4);
    // Reactions too: five deliveries of one reaction event count once.
    const r = { eventKey: 'local:react-5', platform: 'local' as const, channelId: 'general', itemId: 'Lsame5', user: 'U_R', emoji: 'tada', at: new Date() };
    const rOut = await Promise.all(Array.from({ length: 5 }, () => h.app.core.reactionAdded(r)));
    expect(rOut.filter((o) => o === 'stored')).toHaveLength(1);
    const replies = await repliesIn('general');
    expect(replies.filter((x) => x.text === 'only once please')).toEqual([expect.objectContaining({ user: 'U_FIVE', reactions: 1 })]);
  });

  test('Slack: one event_id posted 5 times at once (signed) → all acknowledged, stored once', async () => {
    const thread = await h.thread('slack:C0DEDUP');
    const ts = `${Math.floor(Date.now() / 1000)}.000777`;
    const body = envelope({ type: 'message', channel: 'C0DEDUP', user: 'U0FIVE', text: 'slack retry storm', ts, thread_ts: thread, event_ts: ts, channel_type: 'channel' }, { eventId: 'Ev0SAME5' });
    const url = `${h.app.url}/slack/events`;
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) =>
      postToSlackEndpoint(url, 'reliability-signing-secret', body, { headers: i ? { 'x-slack-retry-num': String(i), 'x-slack-retry-reason': 'http_timeout' } : {} })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const replies = await repliesIn('C0DEDUP');
    expect(replies.filter((x) => x.text === 'slack retry storm')).toHaveLength(1);
  });
});
