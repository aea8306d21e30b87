import { microsoftSignin } from './signin';
import type { PlatformDescriptor } from '../../src/core/ports/platform-descriptor';
import { teamsPreview } from './preview';
import { readTeamsEnv, TEAMS_ENV } from './env';
import { teamsPlainText } from './plain-text';
import { TEAMS_LIMITS } from './limits';
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
  endpoints: ['/api/messages'],
  preview: (m) => teamsPreview(m),
  limits: TEAMS_LIMITS,
  isOn: ({ settings }) => settings !== null,
  packageApp: async (vars) => {
    const { packageFromEnv } = await import('./package-app');
    return packageFromEnv(vars);
  },
  // The written text keeps <at>Name</at> tags, not their entities: each reads as a name, its id unknown.
  readWritten: (text) => teamsPlainText(text, undefined),
  // Anonymous Teams is for a local emulator: only an app with its id takes activities from outside.
  reachableFromOutside: (settings) => settings !== null && teamsAuthMode(settings) === 'authenticated',
  async create(settings, d) {
    if (!settings) throw new Error('Teams is off: no app id');
    // Loaded only when on: botbuilder is heavy to require.
    const { createTeamsAdapter } = await import('./index');
    const parts = createTeamsAdapter({ settings, inbound: d.inbound, logger: d.logger, clock: d.clock, bodyBudget: d.bodyBudget });
    const warnings: string[] = [];
    if (settings.allowAnonymous && !settings.appId) warnings.push('TEAMS_ALLOW_ANONYMOUS=true: /api/messages accepts unauthenticated activities from loopback service URLs only. Use it only with a local emulator.');
    if (settings.allowAnonymous && settings.appId) warnings.push('TEAMS_ALLOW_ANONYMOUS=true is ignored: MICROSOFT_APP_ID is set, so every activity must carry a valid Bot Framework token.');
    return { ...parts, warnings };
  },
};
