import type { PlatformDescriptor } from '../../src/core/ports/platform-descriptor';
import type { SlackSettings } from './settings';

/** Slack: on when one of its credential sets is complete (the config reads them into SlackSettings). */
export const slackPlatform: PlatformDescriptor<SlackSettings> = {
  name: 'slack',
  commandPrefix: '/wol ',
  env: ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_API_URL', 'SLACK_MAX_POSTS_PER_SECOND', 'SLACK_COMMAND'],
  secretEnv: ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'],
  // A header block holds 150 characters, a section 3,000.
  limits: { headerChars: 150 },
  isOn: ({ settings }) => settings !== null,
  async create(settings, d) {
    if (!settings) throw new Error('Slack is off: no credentials');
    // Loaded only when on: the Slack libraries are heavy to require.
    const { createSlackAdapter } = await import('./index');
    return createSlackAdapter({ settings, inbound: d.inbound, logger: d.logger, clock: d.clock, installations: d.store, seen: d.store });
  },
};
