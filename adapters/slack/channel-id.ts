/**
 * What a Slack channel id looks like: C… (public), G… (older private) or D… (a DM), upper-case
 * letters and digits. Pure and library-free, so the config check can use it (see
 * its descriptor's channelIdProblem) without loading Slack's SDK.
 */
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]+$/;

/** Null when `id` can be a Slack channel id; else what the organizer should do instead. */
export function slackChannelIdProblem(id: string): string | null {
  if (SLACK_CHANNEL_ID.test(id)) return null;
  return `"${id}" is not a Slack channel id: use the channel id (C…), not its name: open the channel's details in Slack (the id is at the bottom)`;
}
