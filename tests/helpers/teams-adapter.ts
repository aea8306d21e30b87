/** The Teams adapter alone (no core: a RecordingInbound), posting through real botbuilder to a fake Bot Connector. */
import { createTeamsAdapter } from '../../adapters/teams';
import type { TeamsReference } from '../../adapters/teams/reference';
import { silentLogger, systemClock, type ChannelTarget, type ChatAdapter } from '../../src/core/ports';
import { BOT, FakeBotConnector, TEAM, TENANT } from '../fakes/bot-connector';
import { RecordingInbound } from './recording-inbound';

/**
 * For the tests of a describe block: the adapter (anonymous, 2 s request timeout) and `target`,
 * the channel `channelId` of the fake's team as the store would hand it over. The fake starts
 * before the tests (target's serviceUrl is set then), forgets its calls before each, stops after.
 */
export function teamsAdapterForTests(channelId: string): { fake: FakeBotConnector; adapter: ChatAdapter; target: ChannelTarget } {
  const fake = new FakeBotConnector();
  const adapter = createTeamsAdapter({ settings: { allowAnonymous: true, requestTimeoutMs: 2000 }, inbound: new RecordingInbound(), logger: silentLogger, clock: systemClock }).adapter;
  const reference: TeamsReference = { serviceUrl: '', tenantId: TENANT, teamId: TEAM, channelId, botId: BOT.id, botName: BOT.name };
  beforeAll(async () => {
    await fake.start();
    reference.serviceUrl = fake.url;
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.calls.length = 0;
  });
  return { fake, adapter, target: { platform: 'teams', channelId, workspaceId: TENANT, reference } };
}
