import type { PlatformDescriptor } from '../../src/core/ports/platform-descriptor';
import { sandboxPlainText } from './plain-text';

/** The built-in sandbox: on when no real platform is, or when the config names one of its channels. */
export const localPlatform: PlatformDescriptor<null> = {
  name: 'local',
  commandPrefix: '',
  env: [],
  secretEnv: [],
  limits: {},
  behindWebGuard: true,
  readWritten: sandboxPlainText,
  isOn: ({ channels, othersOn }) => !othersOn || channels.some((c) => c.platform === localPlatform.name),
  async create(_settings, d) {
    const { createLocalAdapter } = await import('./index');
    return createLocalAdapter({ messages: d.store, inbound: d.inbound, logger: d.logger.child({ component: 'local' }), clock: d.clock, clientAddress: d.clientAddress });
  },
};
