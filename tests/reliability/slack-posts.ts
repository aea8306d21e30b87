import type { FakeSlack } from '../fakes/slack-api';

/** Prompts of `day` that landed in each channel of the fake Slack (chat.postMessage by the bot). */
export function postsPerChannel(fake: FakeSlack, day: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of fake.posts()) {
    if ((m.metadata?.event_payload as { day?: number } | undefined)?.day !== day || m.thread_ts) continue;
    counts.set(m.channel, (counts.get(m.channel) ?? 0) + 1);
  }
  return counts;
}

/** The env a server needs to post to the fake Slack (HTTP mode). */
export function slackEnv(fake: FakeSlack, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: 'reliability-signing-secret',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: fake.url,
    WEB_TOKEN: 'reliability-web-token-0123456789',
    ...extra,
  };
}
