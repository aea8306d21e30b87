/**
 * The whole app with Teams on (anonymous, for a local emulator): activities are POSTed to the real
 * /api/messages, botbuilder's outgoing calls go to a fake Bot Connector on 127.0.0.1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningApp } from '../src/app';
import { startTeamsApp, until } from './helpers/teams-app';
import { teamsBodyProblems } from './helpers/adaptive-cards';
import {
  BOT, FakeBotConnector, TEAM, TENANT, botAdded, channelEvent, edited, mentionPost, postActivity, reaction, softDeleted, threadReply, type Person,
} from './fakes/bot-connector';

const CHANNEL = '19:wol-channel@thread.tacv2';
const ADMIN: Person = { id: '29:admin-teams-id', aadObjectId: 'aad-admin-1', name: 'Ada Admin' };
const MEMBER: Person = { id: '29:member-teams-id', aadObjectId: 'aad-member-2', name: 'Mo Member' };

function tmpConfig(extra = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-teams-'));
  fs.writeFileSync(
    path.join(dir, 'wolbot.yaml'),
    `program: wol-week\nstart: 2030-11-18\ntime: "09:00"\ntimezone: Europe/London\nadmins: [aad-admin-1]\n${extra}`,
  );
  return dir;
}

describe('Teams end to end (anonymous emulator mode)', () => {
  let fake: FakeBotConnector;
  let app: RunningApp;
  let dir: string;
  let errSpy: jest.SpyInstance;

  beforeAll(async () => {
    // CloudAdapter.process prints the errors it turns into 500/401 with console.error.
    errSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake = await new FakeBotConnector().start();
    dir = tmpConfig();
    app = await startTeamsApp({ dir, dbUrl: `sqlite:${dir}/w.db`, config: `${dir}/wolbot.yaml` });
  });
  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    await fake?.stop();
    errSpy.mockRestore();
  });

  let root = '';
  let thread = '';
  let plain: ReturnType<typeof threadReply>;

  it('bot added to a team: keeps the team reference and greets once in General', async () => {
    const added = botAdded(fake.url, ADMIN);
    expect((await postActivity(app.url, added)).status).toBe(200);
    expect((await postActivity(app.url, { type: 'installationUpdate', action: 'add', id: 'inst-1', serviceUrl: fake.url, conversation: { id: TEAM, tenantId: TENANT }, recipient: BOT, from: ADMIN, channelData: { team: { id: TEAM }, tenant: { id: TENANT } } })).status).toBe(200);
    const ch = await app.store.getChannel('teams', TEAM);
    expect(ch).toMatchObject({ active: false, workspaceId: TENANT });
    expect(ch!.reference).toMatchObject({ serviceUrl: fake.url, tenantId: TENANT, teamId: TEAM, channelId: TEAM, botId: BOT.id });
    const greetings = fake.textsIn(TEAM);
    expect(greetings).toHaveLength(1);
    expect(greetings[0]).toMatch(/subscribe/);
  });

  it('a channel created is remembered, not subscribed', async () => {
    expect((await postActivity(app.url, channelEvent(fake.url, 'channelCreated', CHANNEL, 'wol', ADMIN))).status).toBe(200);
    const ch = await app.store.getChannel('teams', CHANNEL);
    expect(ch).toMatchObject({ active: false });
    expect(ch!.reference).toMatchObject({ channelId: CHANNEL, channelName: 'wol', serviceUrl: fake.url });
  });

  it('an admin subscribes the channel (the channel, not the thread of the message)', async () => {
    const msg = mentionPost(fake.url, CHANNEL, 'subscribe', ADMIN);
    expect((await postActivity(app.url, msg)).status).toBe(200);
    const ch = await app.store.getChannel('teams', CHANNEL);
    expect(ch).toMatchObject({ active: true, source: 'subscribed', workspaceId: TENANT });
    expect(ch!.reference).toMatchObject({ channelId: CHANNEL, serviceUrl: fake.url, tenantId: TENANT, teamId: TEAM, botId: BOT.id });
    expect(await app.store.getChannel('teams', msg.conversation.id)).toBeNull();
    // the answer went into the thread of the command
    expect(fake.textsIn(msg.conversation.id).join('\n')).toMatch(/subscri/i);
  });

  it("a non-admin's post is refused and posts nothing", async () => {
    const msg = mentionPost(fake.url, CHANNEL, 'post 3', MEMBER);
    expect((await postActivity(app.url, msg)).status).toBe(200);
    const answer = fake.textsIn(msg.conversation.id).join('\n');
    expect(answer).toMatch(/admin/i);
    expect(fake.of('createConversation')).toHaveLength(0);
    expect(await app.store.listDeliveries({})).toHaveLength(0);
  });

  it('post 3 opens a new thread in the channel with the Learning card', async () => {
    const msg = mentionPost(fake.url, CHANNEL, 'post 3', ADMIN);
    expect((await postActivity(app.url, msg)).status).toBe(200);
    const create = await until('createConversation', () => fake.promptThreads()[0]);
    expect(JSON.stringify(fake.of('createConversation')[0]!.body.activity)).toContain('@wolbot forget me'); // the kick-off came first
    expect(create.body.isGroup).toBe(true);
    expect(create.body.channelData).toMatchObject({ channel: { id: CHANNEL }, tenant: { id: TENANT } });
    const att = create.body.activity.attachments[0];
    expect(att.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(att.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(att.content)).toContain('Learning');
    // As Teams shows it: a valid card, no text copy above it, no escapes or entities.
    expect(create.body.activity.text).toBeUndefined();
    expect(create.body.activity.summary).toContain('Learning');
    expect(teamsBodyProblems(create.body)).toEqual([]);
    root = create.response.activityId;
    thread = create.response.id;
    expect(thread).toBe(`${CHANNEL};messageid=${root}`);
    await until('delivery sent', async () => (await app.store.listDeliveries({ states: ['sent'] })).length === 2);
    const [d] = await app.store.listDeliveries({ kinds: ['prompt'] });
    expect(d).toMatchObject({ day: 3, platform: 'teams', channelId: CHANNEL, threadId: thread });
  });

  it('replies in the thread, with and without mention, are collected under day 3 with the mention stripped', async () => {
    plain = threadReply(fake.url, CHANNEL, root, 'My draft plan:\n  1. ask Sam  \n2. *share* it', MEMBER);
    const withMention = threadReply(fake.url, CHANNEL, root, 'here is my  WIP doc', ADMIN, true);
    expect((await postActivity(app.url, plain)).status).toBe(200);
    expect((await postActivity(app.url, withMention)).status).toBe(200);
    // the same activity delivered twice is stored once
    expect((await postActivity(app.url, plain)).status).toBe(200);
    const { posts } = await app.core.exportPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ platform: 'teams', channel: CHANNEL, day: 3, theme: 'Learning', thread });
    const replies = posts[0].replies.map((r) => ({ user: r.user, text: r.text }));
    expect(replies).toEqual([
      { user: 'aad-member-2', text: 'My draft plan:\n  1. ask Sam  \n2. *share* it' },
      { user: 'aad-admin-1', text: 'here is my  WIP doc' },
    ]);
    // names come with the activity (from.name)
    await until('names stored', async () => (await app.core.exportPosts()).posts[0]!.replies.every((r) => r.name));
    expect((await app.core.exportPosts()).posts[0]!.replies.map((r) => r.name)).toEqual(['Mo Member', 'Ada Admin']);
    // a reply in a prompt thread is not treated as a command, even with the mention
    expect(fake.textsIn(thread)).toHaveLength(0);
  });

  it('a reaction on the card is counted, and removing it uncounts it', async () => {
    expect((await postActivity(app.url, reaction(fake.url, CHANNEL, root, root, MEMBER, 'like'))).status).toBe(200);
    expect((await postActivity(app.url, reaction(fake.url, CHANNEL, root, root, ADMIN, 'heart'))).status).toBe(200);
    expect((await app.core.exportPosts()).posts[0].reactions).toBe(2);
    expect((await postActivity(app.url, reaction(fake.url, CHANNEL, root, root, ADMIN, 'heart', true))).status).toBe(200);
    expect((await app.core.exportPosts()).posts[0].reactions).toBe(1);
  });

  it('an edit changes the reply and a delete removes it', async () => {
    expect((await postActivity(app.url, edited(plain, 'My final plan'))).status).toBe(200);
    let replies = (await app.core.exportPosts()).posts[0].replies;
    expect(replies.find((r) => r.user === 'aad-member-2')?.text).toBe('My final plan');
    expect((await postActivity(app.url, softDeleted(plain))).status).toBe(200);
    replies = (await app.core.exportPosts()).posts[0].replies;
    expect(replies.map((r) => r.user)).toEqual(['aad-admin-1']);
  });

  it('a message in an unrelated thread without mention is ignored', async () => {
    const other = threadReply(fake.url, CHANNEL, '999', 'chatting', MEMBER);
    expect((await postActivity(app.url, other)).status).toBe(200);
    expect((await app.core.exportPosts()).posts[0].replies).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"type": "message",'],
    ['an array', '[]'],
    ['a JSON string', '"message"'],
    ['no type', JSON.stringify({ id: '1', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'c' } })],
    ['a message without serviceUrl', JSON.stringify({ type: 'message', id: '1', conversation: { id: 'c' }, text: 'x' })],
    ['a message without conversation', JSON.stringify({ type: 'message', id: '1', serviceUrl: 'http://127.0.0.1:9' })],
  ])('answers 400 to %s', async (_n, body) => {
    expect((await postActivity(app.url, body)).status).toBe(400);
  });

  it('the same reply activity delivered 5 times at once is stored once', async () => {
    const burst = threadReply(fake.url, CHANNEL, root, 'five copies, one reply', MEMBER);
    const answers = await Promise.all(Array.from({ length: 5 }, () => postActivity(app.url, burst)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const replies = (await app.store.listReplies({})).filter((r) => r.text === 'five copies, one reply');
    expect(replies).toHaveLength(1);
  });

  it('forget me edits the digest that named the person (PUT activity in the thread), without their name or words', async () => {
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'digest', ADMIN))).status).toBe(200);
    await until('digest sent', async () => (await app.store.listDeliveries({ kinds: ['digest'], states: ['sent'] })).length === 1);
    const sent = fake.of('sendToConversation').find((c) => c.conversationId === thread)!;
    expect(JSON.stringify(sent.body)).toContain('Mo Member');
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'forget me', MEMBER))).status).toBe(200);
    await app.core.idle();
    const [update] = fake.of('updateActivity');
    expect(update).toMatchObject({ conversationId: thread, activityId: sent.response.id });
    expect(JSON.stringify(update!.body)).not.toMatch(/Mo Member|five copies/);
    expect(JSON.stringify(update!.body)).toContain('Ada Admin');
  });

  it('deleting the channel deactivates it', async () => {
    expect((await postActivity(app.url, channelEvent(fake.url, 'channelDeleted', CHANNEL, 'wol', ADMIN))).status).toBe(200);
    expect(await app.store.getChannel('teams', CHANNEL)).toMatchObject({ active: false, inactiveReason: 'channel_deleted' });
  });

  it('answers 500 when the store cannot take the event, so Teams redelivers', async () => {
    await app.store.close();
    const r = threadReply(fake.url, CHANNEL, root, 'lost?', MEMBER);
    const res = await postActivity(app.url, r);
    expect(res.status).toBe(500);
    expect(res.body).not.toMatch(/sqlite|database/i);
  });
});
