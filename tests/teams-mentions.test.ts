/**
 * Teams mentions end to end: a reply that @mentions people (`<at>…</at>` with its mention entities)
 * is stored as written for the export, and the digest quotes it with plain `@Name`s and counts it
 * as an answer to the person it mentions (through the real /api/messages and a fake Bot Connector).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningApp } from '../src/app';
import { startTeamsApp, until } from './helpers/teams-app';
import { FakeBotConnector, mentionPost, postActivity, threadReply, type Person } from './fakes/bot-connector';

const CHANNEL = '19:wol-mentions@thread.tacv2';
const ADMIN: Person = { id: '29:admin-teams-id', aadObjectId: 'aad-admin-1', name: 'Ada Admin' };
const MEMBER: Person = { id: '29:member-teams-id', aadObjectId: 'aad-member-2', name: 'Mo Member' };

describe('Teams: a reply with mentions', () => {
  let fake: FakeBotConnector;
  let app: RunningApp;
  let dir: string;

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    fake = await new FakeBotConnector().start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-teams-mentions-'));
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), 'program: wol-week\nstart: 2030-11-18\ntime: "09:00"\ntimezone: Europe/London\nadmins: [aad-admin-1]\n');
    app = await startTeamsApp({ dir, dbUrl: `sqlite:${dir}/w.db`, config: `${dir}/wolbot.yaml` });
  });
  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('is exported as written and quoted in the digest as @Name, answering the person it mentions', async () => {
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'subscribe', ADMIN))).status).toBe(200);
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'post 3 here', ADMIN))).status).toBe(200);
    const created = await until('the prompt thread', () => fake.promptThreads()[0]);
    const root = created.response.activityId as string;
    const thread = created.response.id as string;
    await until('delivery sent', async () => (await app.store.listDeliveries({ kinds: ['prompt'], states: ['sent'] })).length === 1);

    const ask = threadReply(fake.url, CHANNEL, root, 'Could someone review my plan?', MEMBER);
    const written = '<at>Mo</at> happy to. <at>Sam Lee</at>, will you join?';
    const answer = {
      ...threadReply(fake.url, CHANNEL, root, written, ADMIN),
      entities: [
        { type: 'mention', text: '<at>Mo</at>', mentioned: { id: MEMBER.id, name: 'Mo Member' } },
        { type: 'mention', text: '<at>Sam Lee</at>', mentioned: { id: '29:sam-teams-id', name: 'Sam Lee' } },
      ],
    };
    expect((await postActivity(app.url, ask)).status).toBe(200);
    expect((await postActivity(app.url, answer)).status).toBe(200);
    const replies = (await app.core.exportPosts()).posts[0]!.replies;
    expect(replies.map((r) => r.text)).toEqual(['Could someone review my plan?', written]);

    const command = mentionPost(fake.url, CHANNEL, 'digest', ADMIN);
    expect((await postActivity(app.url, command)).status).toBe(200);
    const digest = (await until('the digest', () => fake.of('sendToConversation').find((c) => c.conversationId === thread)))!;
    const card = JSON.stringify(digest.body);
    expect(card).not.toContain('<at>');
    expect(card).not.toContain('&lt;at&gt;');
    // Ada's open question, quoted with plain names; Mo's was answered by Ada's mention.
    expect(card).toContain('\u2068Ada Admin\u2069 is looking for a pointer');
    expect(card).toContain('@Mo Member happy to. @Sam Lee, will you join?'); // plain text: no escapes
    expect(card).not.toContain('\u2068Mo Member\u2069 is looking');
  });
});
