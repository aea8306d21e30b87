/** The Slack adapter alone on a real express server, talking to the fake Web API. */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackAdapter, type SlackAdapterOptions } from '../../adapters/slack';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter';
import { silentLogger } from '../../src/core/ports/logger';
import { FakeSlack } from '../fakes/slack-api';
import { FakeClock, RecordingInbound } from './recording-inbound';

export const SECRET = 'test-signing-secret';

export interface Harness {
  fake: FakeSlack;
  inbound: RecordingInbound;
  clock: FakeClock;
  adapter: ChatAdapter;
  url: string;
  stop(): Promise<void>;
}

export async function startHarness(
  over: Omit<Partial<SlackAdapterOptions>, 'settings'> & { settings?: Partial<SlackAdapterOptions['settings']>; beforeStart?: (fake: FakeSlack) => void } = {},
): Promise<Harness> {
  const { beforeStart, ...rest } = over;
  const fake = await new FakeSlack().start();
  beforeStart?.(fake);
  const inbound = new RecordingInbound();
  const clock = new FakeClock();
  const installs = new Map<string, string>();
  const { adapter, router } = createSlackAdapter({
    inbound,
    logger: silentLogger,
    clock,
    installations: {
      saveInstallation: async (_p, id, data) => void installs.set(id, data),
      getInstallation: async (_p, id) => installs.get(id) ?? null,
      deleteInstallation: async (_p, id) => void installs.delete(id),
    },
    authRetryMaxMs: 50,
    ...rest,
    settings: { signingSecret: SECRET, botToken: 'xoxb-test', apiUrl: fake.url, maxPostsPerSecond: 20, mode: 'http', ...rest.settings },
  });
  const app = express();
  app.use(router);
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const { port } = server.address() as AddressInfo;
  await adapter.start();
  return {
    fake,
    inbound,
    clock,
    adapter,
    url: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await fake.stop();
    },
  };
}
