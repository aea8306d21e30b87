import type { PlatformDescriptor } from '../../src/core/ports/platform-descriptor';
import { readSlackEnv, SLACK_ENV } from './env';
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
  // A header block holds 150 plain-text characters, a section's text 3,000.
  limits: { headerChars: 150, sectionChars: 3000 },
  signin: slackSignin,
  isOn: ({ settings }) => settings !== null,
  // On, it serves a real team: Slack's servers call in (HTTP mode) and people open the page.
  reachableFromOutside: (settings) => settings !== null,
  async create(settings, d) {
    if (!settings) throw new Error('Slack is off: no credentials');
    // Loaded only when on: the Slack libraries are heavy to require.
    const { createSlackAdapter } = await import('./index');
    return createSlackAdapter({ settings, inbound: d.inbound, logger: d.logger, clock: d.clock, installations: d.store, seen: d.store });
  },
};
