import type { PlatformDescriptor } from '../../src/core/ports/platform-descriptor';
import { slackChannelIdProblem } from './channel-id';
import { slackPreview } from './preview';
import { readSlackEnv, SLACK_ENV } from './env';
import { slackPlainText } from './plain-text';
import { SLACK_LIMITS } from './limits';
import type { SlackSettings } from './settings';
import { slackSignin } from './signin';

/** Slack: on when one of its credential sets is complete (readSlackEnv reads them into SlackSettings). */
export const slackPlatform: PlatformDescriptor<SlackSettings> = {
  name: 'slack',
  commandPrefix: '/wol ',
  env: SLACK_ENV,
  secretEnv: ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'],
  secretFields: ['botToken', 'appToken', 'signingSecret', 'clientSecret', 'stateSecret', 'access_token', 'bot_token'],
  readEnv: readSlackEnv,
  endpoints: ['/slack/events'],
  channelIdProblem: slackChannelIdProblem,
  preview: (m) => slackPreview(m),
  limits: SLACK_LIMITS,
  signin: slackSignin,
  isOn: ({ settings }) => settings !== null,
  // The written text keeps Slack's tokens (<@U…|label>, <!here>, <#C…|name>): read them as live.
  readWritten: slackPlainText,
  // On, it serves a real team: Slack's servers call in (HTTP mode) and people open the page.
  reachableFromOutside: (settings) => settings !== null,
  async create(settings, d) {
    if (!settings) throw new Error('Slack is off: no credentials');
    // Loaded only when on: the Slack libraries are heavy to require.
    const { createSlackAdapter } = await import('./index');
    return createSlackAdapter({ settings, inbound: d.inbound, logger: d.logger, clock: d.clock, installations: d.store, seen: d.store, bodyBudget: d.bodyBudget });
  },
};
