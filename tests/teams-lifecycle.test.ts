/**
 * Install, channel list, removal, personal chat, follow-ups and admin notices: the whole app over
 * real HTTP (activities POSTed to /api/messages, botbuilder's calls going to a fake Bot Connector).
 */
import type { RunningApp } from '../src/app';
import { teamsAppForTests, until } from './helpers/teams-app';
import {
  BOT, FakeBotConnector, TEAM, TENANT, botAdded, botRemoved, channelEvent, installation, mentionPost, personalMessage, postActivity, type Person,
} from './fakes/bot-connector';
import { FakeClock } from './helpers/fake-clock';

const CONFIGURED = '19:from-config@thread.tacv2';
const OTHER = '19:random@thread.tacv2';
const ADMIN: Person = { id: '29:admin-teams-id', aadObjectId: 'aad-admin-1', name: 'Ada Admin' };
const MEMBER: Person = { id: '29:member-teams-id', aadObjectId: 'aad-member-2', name: 'Mo Member' };
const START = '2030-11-18'; // a Monday; 09:00 London = 09:00Z


function config(channels: string[] = []): string {
  return [
    'program: wol-week',
    `start: ${START}`,
    'time: "09:00"',
    'timezone: Europe/London',
    'admins: [aad-admin-1]',
    `channels: [${channels.map((c) => JSON.stringify(c)).join(', ')}]`,
    '',
  ].join('\n');
}

/** The same activity, in another team (its id is its General channel's). */
function inTeam<T extends { conversation: object; channelData: object }>(a: T, team: string): T {
  const cd = a.channelData as { team?: object; channel?: { id?: string } };
  const general = !cd.channel || cd.channel.id === TEAM;
  return {
    ...a,
    conversation: { ...a.conversation, id: team },
    channelData: { ...cd, team: { ...(cd.team ?? {}), id: team }, teamsTeamId: team, ...(general ? { channel: { id: team }, teamsChannelId: team } : {}) },
  };
}

const ok = async (app: RunningApp, a: unknown) => expect((await postActivity(app.url, a)).status).toBe(200);

const GREETING = /subscribe/;

describe('Teams lifecycle through the whole app', () => {
  let fake: FakeBotConnector;
  let errSpy: jest.SpyInstance;

  beforeAll(async () => {
    errSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake = await new FakeBotConnector().start();
  });
  afterAll(async () => {
    await fake?.stop();
    errSpy.mockRestore();
  });
  beforeEach(() => {
    fake.calls.length = 0;
    fake.teamChannels.clear();
  });

  describe('a channel named in wolbot.yaml', () => {
    const clock = new FakeClock(`${START}T08:00:00Z`);
    const app = teamsAppForTests(config([`teams:${CONFIGURED}`]), clock);

    it('gets a full reference when the bot is added to its team, stays active, and the cron opens a thread in it', async () => {
      fake.teamChannels.set(TEAM, [{ id: TEAM }, { id: CONFIGURED, name: 'wol-config' }, { id: OTHER, name: 'random' }]);
      // before the install the configured channel has nothing to post with
      expect(await app.store.getChannel('teams', CONFIGURED)).toMatchObject({ active: true, reference: null });

      await ok(app, botAdded(fake.url, ADMIN));
      await ok(app, installation(fake.url, 'add', ADMIN));

      const list = fake.of('fetchChannelList');
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list[0]).toMatchObject({ method: 'GET', path: `/v3/teams/${encodeURIComponent(TEAM)}/conversations`, conversationId: TEAM });
      const ch = await app.store.getChannel('teams', CONFIGURED);
      expect(ch).toMatchObject({ active: true, source: 'config', workspaceId: TENANT });
      expect(ch!.reference).toMatchObject({ serviceUrl: fake.url, tenantId: TENANT, teamId: TEAM, channelId: CONFIGURED, channelName: 'wol-config', botId: BOT.id });
      // a channel nobody chose is remembered, not activated
      expect(await app.store.getChannel('teams', OTHER)).toMatchObject({ active: false, source: 'known' });
      // the two install events greet once
      expect(fake.textsIn(TEAM).filter((t) => GREETING.test(t))).toHaveLength(1);

      await app.tick(); // 08:00 London: nothing due
      expect(fake.of('createConversation')).toHaveLength(0);
      clock.set(`${START}T09:00:00Z`);
      await app.tick();
      const [create] = fake.promptThreads();
      expect(fake.promptThreads()).toHaveLength(1);
      expect(create.body.channelData).toMatchObject({ channel: { id: CONFIGURED }, tenant: { id: TENANT } });
      const [d] = await app.store.listDeliveries({ states: ['sent'], kinds: ['prompt'] });
      expect(d).toMatchObject({ platform: 'teams', channelId: CONFIGURED, day: 1, threadId: create.response.id });
    });
  });

  describe('greeting once, across a restart', () => {
    const clock = new FakeClock(`${START}T08:00:00Z`);
    const TEAM2 = '19:second-team@thread.tacv2';
    const app = teamsAppForTests(config(), clock);

    it('greets a new team once; a restart on the same SQLite file and repeated install events do not greet again', async () => {
      await ok(app, botAdded(fake.url, ADMIN));
      expect(fake.textsIn(TEAM).filter((t) => GREETING.test(t))).toHaveLength(1);
      await app.restart(); // the same SQLite file
      await ok(app, botAdded(fake.url, ADMIN));
      await ok(app, installation(fake.url, 'add', ADMIN));
      expect(fake.textsIn(TEAM).filter((t) => GREETING.test(t))).toHaveLength(1);
      // a team the store never saw is still greeted by the restarted app
      await ok(app, inTeam(botAdded(fake.url, ADMIN), TEAM2));
      expect(fake.textsIn(TEAM2).filter((t) => GREETING.test(t))).toHaveLength(1);
    });

    // Teams sends conversationUpdate and installationUpdate together. (The race this guards against
    // is inside one store read-then-write; this test sees a double greeting only if it happens.)
    it('the two install events of one install, arriving at once, greet once', async () => {
      const TEAM3 = '19:third-team@thread.tacv2';
      const [a, b] = await Promise.all([
        postActivity(app.url, inTeam(botAdded(fake.url, ADMIN), TEAM3)),
        postActivity(app.url, inTeam(installation(fake.url, 'add', ADMIN), TEAM3)),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(fake.textsIn(TEAM3).filter((t) => GREETING.test(t))).toHaveLength(1);
    });
  });

  describe('in a team', () => {
    const CHANNEL = '19:wol@thread.tacv2';
    const clock = new FakeClock(`${START}T08:00:00Z`);
    const app = teamsAppForTests(config([`teams:${CONFIGURED}`]), clock);

    async function installAndSubscribe(channels: { id: string; name?: string }[]): Promise<void> {
      fake.teamChannels.set(TEAM, channels);
      await ok(app, botAdded(fake.url, ADMIN));
      const sub = mentionPost(fake.url, CHANNEL, 'subscribe', ADMIN);
      await ok(app, sub);
      expect(await app.store.getChannel('teams', CHANNEL)).toMatchObject({ active: true });
    }

    it('a renamed channel keeps working, under its new name', async () => {
      await installAndSubscribe([{ id: TEAM }, { id: CHANNEL, name: 'wol' }, { id: CONFIGURED, name: 'wol-config' }]);
      expect((await app.store.getChannel('teams', CHANNEL))!.reference).toMatchObject({ channelName: 'wol' });
      await ok(app, channelEvent(fake.url, 'channelRenamed', CHANNEL, 'wol-2030', ADMIN));
      const ch = await app.store.getChannel('teams', CHANNEL);
      expect(ch).toMatchObject({ active: true, source: 'subscribed' });
      expect(ch!.reference).toMatchObject({ channelName: 'wol-2030', channelId: CHANNEL, serviceUrl: fake.url, teamId: TEAM });

      const cmd = mentionPost(fake.url, CHANNEL, 'post 2 here', ADMIN);
      await ok(app, cmd);
      const create = await until('thread created', () => fake.promptThreads()[0]);
      expect(create.body.channelData.channel.id).toBe(CHANNEL);
    });

    it("`post N` answers at once, then follows up in the command's thread when the fan-out ends", async () => {
      const cmd = mentionPost(fake.url, CHANNEL, 'post 3', ADMIN);
      await ok(app, cmd);
      await until('follow-up', () => fake.textsIn(cmd.conversation.id).length >= 2);
      const texts = fake.textsIn(cmd.conversation.id);
      expect(texts[0]).toMatch(/^Posting day 3 \(Learning\) to 2 channels/);
      expect(texts[1]).toMatch(/Day 3 posted in 2 channels/);
      expect(texts[1]).toContain(`teams:${CHANNEL}`);
      expect(texts[1]).toContain(`teams:${CONFIGURED}`);
      expect(fake.promptThreads().map((c) => c.body.channelData.channel.id).sort()).toEqual([CHANNEL, CONFIGURED].sort());
      // nothing of it leaked into another conversation (e.g. the channel's top level)
      expect(fake.textsIn(CHANNEL)).toEqual([]);
    });

    it('help and status are answered in the personal chat; subscribe there is politely declined', async () => {
      const help = personalMessage(fake.url, 'help', MEMBER);
      await ok(app, help);
      expect(fake.textsIn(help.conversation.id).join('\n')).toMatch(/forget me/);

      // A member sees the programme and this chat's channel (none here); an admin sees every channel (#8).
      const status = personalMessage(fake.url, 'status', MEMBER);
      await ok(app, status);
      const st = fake.textsIn(status.conversation.id).at(-1)!;
      expect(st).toMatch(/^Programme: /);
      expect(st).not.toContain(`teams:${CHANNEL}`);
      const adminStatus = personalMessage(fake.url, 'status', { ...ADMIN, id: '29:admin-second-chat' });
      await ok(app, adminStatus);
      expect(fake.textsIn(adminStatus.conversation.id).at(-1)!).toContain(`teams:${CONFIGURED}`);

      const sub = personalMessage(fake.url, 'subscribe', ADMIN);
      await ok(app, sub);
      const answer = fake.textsIn(sub.conversation.id);
      expect(answer).toHaveLength(1);
      expect(answer[0]).toMatch(/only works in a team channel/);
      expect(answer[0]).toMatch(/Nothing was changed/);
      expect(await app.store.getChannel('teams', sub.conversation.id)).toBeNull();

      const pause = personalMessage(fake.url, 'pause', ADMIN);
      await ok(app, pause);
      expect(fake.textsIn(pause.conversation.id)[0]).toMatch(/only works in a team channel/);
      expect(await app.store.getChannel('teams', CHANNEL)).toMatchObject({ active: true, paused: false });
      // the chat was never passed to the core as a channel, nor answered anywhere else
      expect(fake.of('createConversation')).toHaveLength(0);
    });

    it('a post that fails for good (403) deactivates the channel and tells the admins once, each in a 1:1 chat', async () => {
      clock.set(`${START}T09:00:00Z`); // day 1 due in both channels
      fake.failNext({ kind: 'createConversation', status: 403 });
      await app.tick();
      const creates = fake.of('createConversation').filter((c) => c.body.isGroup);
      expect(creates).toHaveLength(2);
      const failedChannel = creates.find((c) => c.status === 403)!.body.channelData.channel.id as string;
      expect(await app.store.getChannel('teams', failedChannel)).toMatchObject({ active: false, inactiveReason: 'bot_removed' });
      // Privately: a 1:1 chat the bot opens with the organizer, nothing in the team's channels.
      const chats = () => fake.of('createConversation').filter((c) => c.body.isGroup === false);
      const notices = () => chats().flatMap((c) => fake.textsIn(c.response.id));
      expect(chats().map((c) => c.body.members)).toEqual([[{ id: ADMIN.aadObjectId ?? ADMIN.id }]]);
      expect(fake.textsIn(TEAM).filter((t) => /could not post/.test(t))).toEqual([]);
      expect(notices()).toHaveLength(1);
      expect(notices()[0]).toMatch(new RegExp(`could not post day 1 in teams:${failedChannel.replace(/[.]/g, '\\.')}: bot_removed`));

      fake.calls.length = 0;
      await app.tick(); // the same hour again
      clock.set(`${START.slice(0, 8)}19T09:00:00Z`); // day 2 in the channel still active
      await app.tick();
      expect(fake.of('createConversation').map((c) => c.body.channelData.channel.id)).not.toContain(failedChannel);
      expect(notices()).toHaveLength(0);
      const status = await app.core.status();
      expect(status.channels.find((c) => c.channel.channelId === failedChannel)!.channel).toMatchObject({ active: false, inactiveReason: 'bot_removed' });
    });
  });

  describe('leaving a team', () => {
    const CHANNEL = '19:wol@thread.tacv2';
    const LATER = '19:made-later@thread.tacv2';
    const ELSEWHERE = '19:other-team-chan@thread.tacv2';
    const TEAM2 = '19:other-team@thread.tacv2';
    const clock = new FakeClock(`${START}T08:00:00Z`);
    // A new store for each test.
    const app = teamsAppForTests(config([`teams:${CONFIGURED}`]), clock, { each: true });

    async function setUp(): Promise<void> {
      fake.teamChannels.set(TEAM, [{ id: TEAM }, { id: CHANNEL, name: 'wol' }, { id: CONFIGURED, name: 'wol-config' }]);
      await ok(app, botAdded(fake.url, ADMIN));
      await ok(app, mentionPost(fake.url, CHANNEL, 'subscribe', ADMIN));
      // a channel of another team, which must not be touched
      await ok(app, inTeam(botAdded(fake.url, ADMIN), TEAM2));
      await ok(app, inTeam(mentionPost(fake.url, ELSEWHERE, 'subscribe', ADMIN), TEAM2));
      for (const id of [CHANNEL, CONFIGURED, ELSEWHERE]) expect(await app.store.getChannel('teams', id)).toMatchObject({ active: true });
    }

    async function inactive(reason: string): Promise<void> {
      for (const id of [CHANNEL, CONFIGURED]) expect(await app.store.getChannel('teams', id)).toMatchObject({ active: false, inactiveReason: reason });
      expect(await app.store.getChannel('teams', ELSEWHERE)).toMatchObject({ active: true });
    }

    it('installationUpdate remove deactivates every channel of the team, with the reason in status', async () => {
      await setUp();
      await ok(app, installation(fake.url, 'remove', ADMIN));
      await inactive('app_uninstalled');
      const status = await app.core.status();
      const byId = new Map(status.channels.map((c) => [c.channel.channelId, c]));
      for (const id of [CHANNEL, CONFIGURED]) {
        expect(byId.get(id)!.channel).toMatchObject({ active: false, inactiveReason: 'app_uninstalled' });
        expect(byId.get(id)!.next).toBeUndefined();
      }
      expect(byId.get(ELSEWHERE)!.next).toBeDefined();
      // nothing is posted there any more
      clock.set(`${START}T09:00:00Z`);
      fake.calls.length = 0;
      await app.tick();
      expect(fake.promptThreads().map((c) => c.body.channelData.channel.id)).toEqual([ELSEWHERE]);
      clock.set(`${START}T08:00:00Z`);
    });

    it('the bot removed from the team deactivates every channel of the team, not only General', async () => {
      await setUp();
      await ok(app, botRemoved(fake.url, ADMIN));
      await inactive('bot_removed');
      expect(await app.store.getChannel('teams', TEAM)).toMatchObject({ active: false, inactiveReason: 'bot_removed' });
    });

    it('a channel subscribed after the install is found through the channel list at removal', async () => {
      await setUp();
      // created while the bot heard nothing of it, then subscribed
      fake.teamChannels.set(TEAM, [{ id: TEAM }, { id: CHANNEL, name: 'wol' }, { id: CONFIGURED, name: 'wol-config' }, { id: LATER, name: 'later' }]);
      await ok(app, mentionPost(fake.url, LATER, 'subscribe', ADMIN));
      await ok(app, botRemoved(fake.url, ADMIN));
      expect(await app.store.getChannel('teams', LATER)).toMatchObject({ active: false, inactiveReason: 'bot_removed' });
      await inactive('bot_removed');
    });

    it('when Teams refuses the channel list after the removal (403), the channels this process learned are deactivated', async () => {
      await setUp();
      fake.failNext({ kind: 'fetchChannelList', status: 403 });
      await ok(app, botRemoved(fake.url, ADMIN));
      expect(fake.of('fetchChannelList').at(-1)!.status).toBe(403);
      await inactive('bot_removed');
    });

    it('after a restart, with the channel list refused, every channel the store knows in the team is deactivated', async () => {
      await setUp();
      // created and subscribed while the list was not fetched again
      await ok(app, mentionPost(fake.url, LATER, 'subscribe', ADMIN));
      await app.restart(); // a new process: it has seen none of the team's channels
      fake.failNext({ kind: 'fetchChannelList', status: 403 });
      await ok(app, botRemoved(fake.url, ADMIN));
      expect(fake.of('fetchChannelList').at(-1)!.status).toBe(403);
      expect(await app.store.getChannel('teams', LATER)).toMatchObject({ active: false, inactiveReason: 'bot_removed' });
      await inactive('bot_removed');
    });
  });
});
