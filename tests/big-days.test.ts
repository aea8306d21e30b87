/**
 * A big day: hundreds of sharers. The digest still lands in the day's thread on both platforms,
 * against fakes that refuse what Slack and Teams refuse (Slack: more than 12,000 characters of
 * block text, `msg_blocks_too_long`; Teams: a body over 80,000 bytes as UTF-16, 413), naming a
 * bounded number of people, then "and N others" with the gallery link.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningApp } from '../src/app';
import type { Platform } from '../src/core/ports';
import { postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, writeSlackConfig, type SlackApp } from './helpers/slack-app';
import { startTeamsApp, until } from './helpers/teams-app';
import { cardText, teamsBodyProblems } from './helpers/adaptive-cards';
import { FakeBotConnector, botAdded, mentionPost, postActivity, type Person } from './fakes/bot-connector';

/** Names exactly as people write them: punctuation Teams markdown would eat, right-to-left, emoji. */
const TRICKY = ['Ana-María López (R&D).', "Ben O'Neil - PM!", 'Cy #1 [Ops] > Dev', '*Dee_* ~bold~', 'سارة العلي', '👩🏽‍💻 Eve'];

/** Stores `n` people's replies under a prompt thread (the store the app itself uses), with names. */
async function seedShares(app: RunningApp, o: { platform: Platform; channelId: string; threadId: string; deliveryId: string; n: number; userId: (i: number) => string; at: number }): Promise<string[]> {
  const names: string[] = [];
  const now = new Date(o.at);
  for (let i = 0; i < o.n; i++) {
    const name = TRICKY[i] ?? `Colleague ${String(i).padStart(4, '0')} of the Long Department Name`;
    names.push(name);
    const user = o.userId(i);
    await app.store.saveName(o.platform, user, name, now);
    const text = i === 0 ? `Does anyone know a template for this? ${'🙂'.repeat(400)}` : `My work in progress number ${i}`;
    await app.store.addReply(`big-${o.platform}-${i}`, {
      platform: o.platform, channelId: o.channelId, messageId: `m${i}`, threadId: o.threadId, deliveryId: o.deliveryId,
      user, text, at: new Date(o.at + i * 1000), files: [], links: [], external: false,
    }, now);
  }
  return names;
}

const others = (text: string) => Number(/and (\d+) others/.exec(text)?.[1] ?? NaN);

describe('a 600-sharer day on Slack', () => {
  let s: SlackApp;
  beforeEach(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-big-slack-'));
    writeSlackConfig(dir);
    s = await startSlackApp({ dir, env: { PUBLIC_URL: 'https://wol.example.com' } });
  });
  afterEach(() => s.stop());

  async function dayWithSharers(n: number): Promise<{ thread: string; names: string[] }> {
    await s.app.tick();
    const thread = s.fake.prompts('C0WOL1')[0]!.ts;
    const [prompt] = await s.app.store.listDeliveries({ kinds: ['prompt'], channelId: 'C0WOL1' });
    const names = await seedShares(s.app, { platform: 'slack', channelId: 'C0WOL1', threadId: thread, deliveryId: prompt!.id, n, userId: (i) => `U${String(i).padStart(6, '0')}`, at: s.clock.now().getTime() });
    return { thread, names };
  }

  const digestIn = (thread: string) => s.fake.posts('C0WOL1').filter((m) => m.thread_ts === thread);
  const blockText = (blocks: unknown) => JSON.stringify(blocks).length; // an upper bound of its text

  test('/wol digest posts the digest in the day’s thread: some names, "and N others", the gallery, names as written', async () => {
    const { thread, names } = await dayWithSharers(600);
    const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('digest'), { form: true });
    expect(r.status).toBe(200);
    await waitFor(() => digestIn(thread).length === 1, 'the digest in the thread', 3000);
    const [digest] = digestIn(thread);
    // Nothing was refused: the message was measured before it was sent.
    expect(s.fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === thread)).toHaveLength(1);
    const texts = (digest!.blocks as any[]).flatMap((b) => (b.elements ?? []).flatMap((e: any) => e.elements ?? [])).filter((e: any) => e.type === 'text').map((e: any) => e.text as string);
    const thanks = texts.find((t) => t.startsWith('Thank you'))!;
    const shown = names.filter((n) => thanks.includes(`\u2068${n}\u2069`));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(shown.length + others(thanks)).toBe(600);
    for (const n of TRICKY) expect(thanks).toContain(`\u2068${n}\u2069`);
    expect(JSON.stringify(digest!.blocks)).toContain('{"type":"link","url":"https://wol.example.com/","text":"Everyone who shared, in the gallery"}');
    // Names are literal rich text: no mrkdwn anywhere, so `*Dee_* ~bold~` is not formatting.
    expect(JSON.stringify(digest!.blocks)).not.toMatch(/"type":"mrkdwn"/);
    // The long question is cut after a whole emoji, never inside one, and says so with "…".
    const quote = texts.find((t) => t.startsWith('Does anyone know'))!;
    expect(quote.endsWith('🙂…')).toBe(true);
    expect(quote).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(blockText(digest!.blocks)).toBeLessThan(20_000);
  });

  test('msg_blocks_too_long is permanent for that body: wolbot sends a shorter one once, never the same body again', async () => {
    const { thread } = await dayWithSharers(600);
    // This Slack counts stricter than wolbot measures: the first form is refused.
    s.fake.limits.blockTextChars = 2_500;
    await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('digest'), { form: true });
    await waitFor(() => digestIn(thread).length === 1, 'the shorter digest in the thread', 3000);
    const calls = s.fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === thread);
    expect(calls).toHaveLength(2);
    expect(JSON.stringify(calls[0]!.args.blocks)).not.toBe(JSON.stringify(calls[1]!.args.blocks));
    const named = (c: (typeof calls)[number]) => (JSON.stringify(c.args.blocks).match(/\u2068/g) ?? []).length;
    expect(named(calls[1]!)).toBeLessThan(named(calls[0]!));
    // Posted once; the ledger has it as sent, not to be retried.
    const [row] = await s.app.store.listDeliveries({ kinds: ['digest'] });
    expect(row).toMatchObject({ state: 'sent' });
  });
});

describe('a 1,000-sharer day on Teams', () => {
  const CHANNEL = '19:big-day@thread.tacv2';
  const ADMIN: Person = { id: '29:admin-teams-id', aadObjectId: 'aad-admin-1', name: 'Ada Admin' };
  let fake: FakeBotConnector;
  let app: RunningApp;

  beforeEach(async () => {
    fake = await new FakeBotConnector().start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-big-teams-'));
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), 'program: wol-week\nstart: 2030-11-18\ntime: "09:00"\ntimezone: Europe/London\nadmins: [aad-admin-1]\n');
    app = await startTeamsApp({ dir, dbUrl: `sqlite:${dir}/w.db`, config: `${dir}/wolbot.yaml`, env: { PUBLIC_URL: 'https://wol.example.com' } });
    expect((await postActivity(app.url, botAdded(fake.url, ADMIN))).status).toBe(200);
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'subscribe', ADMIN))).status).toBe(200);
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'post 1 here', ADMIN))).status).toBe(200);
  });
  afterEach(async () => {
    await app?.stop().catch(() => undefined);
    await fake?.stop();
  });

  async function dayWithSharers(n: number): Promise<{ thread: string; names: string[] }> {
    const create = await until('the prompt', () => fake.promptThreads().find((c) => c.status === 201));
    const thread = create!.response.id as string;
    const prompt = await until('the ledger row', async () => (await app.store.listDeliveries({ kinds: ['prompt'], states: ['sent'] }))[0]);
    const names = await seedShares(app, { platform: 'teams', channelId: CHANNEL, threadId: thread, deliveryId: prompt!.id, n, userId: (i) => `29:user-${i}`, at: Date.now() });
    return { thread, names };
  }

  const digestCalls = (thread: string) => fake.of('sendToConversation').filter((c) => c.conversationId === thread);

  test('@wolbot digest posts the digest in the day’s thread, within 80,000 bytes as UTF-16, names exactly as written', async () => {
    const { thread, names } = await dayWithSharers(1000);
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'digest', ADMIN))).status).toBe(200);
    const [call] = (await until('the digest', () => (digestCalls(thread).length ? digestCalls(thread) : null)))!;
    expect(call!.status).toBe(201);
    expect(JSON.stringify(call!.body).length * 2).toBeLessThanOrEqual(80_000);
    expect(teamsBodyProblems(call!.body)).toEqual([]);
    expect(call!.body.text).toBeUndefined();
    const text = cardText(call!.body);
    for (const n of TRICKY) expect(text).toContain(`\u2068${n}\u2069`);
    const thanks = text.split('\n').find((t) => t.startsWith('Thank you'))!;
    const shown = names.filter((n) => thanks.includes(`\u2068${n}\u2069`));
    expect(shown.length + others(thanks)).toBe(1000);
    expect(call!.body.attachments[0].content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Everyone who shared, in the gallery', url: 'https://wol.example.com/' }]);
  });

  test('a 413 is permanent for that body: the next shorter form goes once, the digest lands', async () => {
    const { thread } = await dayWithSharers(1000);
    fake.bodyLimitUtf16Bytes = 12_000;
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'digest', ADMIN))).status).toBe(200);
    const calls = (await until('two sends', () => (digestCalls(thread).length >= 2 ? digestCalls(thread) : null)))!;
    expect(calls.map((c) => c.status)).toEqual([413, 201]);
    expect(JSON.stringify(calls[1]!.body).length).toBeLessThan(JSON.stringify(calls[0]!.body).length);
    expect(teamsBodyProblems(calls[1]!.body)).toEqual([]);
  });
});
