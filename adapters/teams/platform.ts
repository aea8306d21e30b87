import { microsoftSignin } from './signin';
import type { PlatformDescriptor } from '../../src/core/ports/platform-descriptor';
import { readTeamsEnv, TEAMS_ENV } from './env';
import { teamsAuthMode, type TeamsSettings } from './settings';

/** Microsoft Teams: on with an app id, or anonymously for a local emulator. */
export const teamsPlatform: PlatformDescriptor<TeamsSettings> = {
  signin: microsoftSignin,
  name: 'teams',
  commandPrefix: '@wolbot ',
  env: TEAMS_ENV,
  secretEnv: ['MICROSOFT_APP_PASSWORD'],
  secretFields: ['appPassword', 'MicrosoftAppPassword'],
  readEnv: readTeamsEnv,
  // An activity may be about 28 KB in all.
  limits: { messageBytes: 28 * 1024 },
  isOn: ({ settings }) => settings !== null,
  // Anonymous Teams is for a local emulator: only an app with its id takes activities from outside.
  reachableFromOutside: (settings) => settings !== null && teamsAuthMode(settings) === 'authenticated',
  async create(settings, d) {
    if (!settings) throw new Error('Teams is off: no app id');
    // Loaded only when on: botbuilder is heavy to require.
    const { createTeamsAdapter } = await import('./index');
    const parts = createTeamsAdapter({ settings, inbound: d.inbound, logger: d.logger, clock: d.clock });
    const warnings: string[] = [];
    if (settings.allowAnonymous && !settings.appId) warnings.push('TEAMS_ALLOW_ANONYMOUS=true: /api/messages accepts unauthenticated activities from loopback service URLs only. Use it only with a local emulator.');
    if (settings.allowAnonymous && settings.appId) warnings.push('TEAMS_ALLOW_ANONYMOUS=true is ignored: MICROSOFT_APP_ID is set, so every activity must carry a valid Bot Framework token.');
    return { ...parts, warnings };
  },
};
