/**
 * Whole app with Slack on (fake Web API) and with Teams: a programme's language, cadence and `gather` reach what
 * people see — the prompt and its frame, the digest, `help` — and what is kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';
import { startTeamsApp, until } from './helpers/teams-app';
import { FakeBotConnector, TEAM, botAdded, mentionPost, postActivity, type Person } from './fakes/bot-connector';
import type { RunningApp } from '../src/app';
import { promptMessage as slackPrompt } from '../adapters/slack/blocks';
import { promptActivity } from '../adapters/teams/card';

const post = (s: SlackApp, body: string | object, opts?: Parameters<typeof postToSlackEndpoint>[3]) =>
  postToSlackEndpoint(s.events, SIGNING_SECRET, body, opts);

async function appWith(program: string): Promise<SlackApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-lang-'));
  fs.writeFileSync(
    path.join(dir, 'wolbot.yaml'),
    [`program: ${program}`, 'start: 2026-11-16', 'time: "09:00"', 'timezone: Europe/Berlin', 'admins: [UADMIN]', 'channels:', '  - slack:C0WOL1', ''].join('\n'),
  );
  return startSlackApp({ dir });
}

/** `/wol TEXT` as `user`; returns the immediate (private) answer. */
async function say(s: SlackApp, text: string, user = 'UADMIN'): Promise<string> {
  const r = await post(s, slashCommand(text, { user, responseUrl: s.fake.responseUrl(`r${Math.random()}`) }), { form: true });
  expect(r.status).toBe(200);
  return String(r.json.text);
}

/** `words`: what the admin says (in a weekly programme `post 2` is week 2, i.e. day 8). */
async function postDay(s: SlackApp, day: number, words = `post ${day}`) {
  await say(s, words);
  await waitFor(async () => (await s.app.store.listDeliveries({ states: ['sent'] })).some((d) => d.day === day), `day ${day} sent`);
  return s.fake.prompts('C0WOL1').find((m) => !m.thread_ts)!;
}

async function reply(s: SlackApp, thread: string, user: string, text: string, n: number) {
  const ts = (Number(thread) + n).toFixed(6);
  const r = await post(s, envelope({ type: 'message', channel: 'C0WOL1', user, text, ts, thread_ts: thread, event_ts: ts, channel_type: 'channel' }, { eventId: `Ev${n}${user}` }));
  expect(r.status).toBe(200);
  return ts;
}

describe('a programme’s language, cadence and gather (whole app, fake Slack)', () => {
  let s: SlackApp | undefined;
  afterEach(async () => {
    await s?.stop();
    s = undefined;
  });

  test('program: wol-woche — the prompt, its frame, the digest and help are German', async () => {
    s = await appWith('wol-woche');
    expect(await say(s, 'post 2')).toBe('Tag 2 (Teilen) wird in slack:C0WOL1 gepostet …');
    await waitFor(() => s!.fake.prompts('C0WOL1').length === 1, 'the prompt');
    const prompt = s.fake.prompts('C0WOL1')[0]!;
    const blocks = prompt.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Tag 2 · Teilen' } });
    const all = JSON.stringify(prompt);
    expect(all).toContain('*Die Aufgabe für heute*');
    expect(all).toContain('Antworte in diesem Thread');
    expect(all).toContain('Galerie des Programms');
    expect(all).not.toMatch(/Today|Reply in this thread|challenge|gallery/);
    expect(prompt.text).toMatch(/^Tag 2 · Teilen\n.*\nDie Aufgabe für heute: Teile hier etwas/s);
    // Exactly one sentence invites a reply in the thread.
    expect(all.match(/Antworte in diesem Thread/g)).toHaveLength(1);

    await reply(s, prompt.ts, 'U0ANA', 'Mein Entwurf für das Onboarding', 1);
    await reply(s, prompt.ts, 'U0BEN', 'Eine Skizze, Fragen willkommen', 2);
    await waitFor(async () => (await s!.app.store.listReplies({})).length === 2, 'two replies stored');
    expect(await say(s, 'digest')).toBe('Die Zusammenfassung von Tag 2 steht jetzt in seinem Thread.');
    const digest = s.fake.posts('C0WOL1').find((m) => m.thread_ts === prompt.ts)!;
    expect((digest.blocks as any[])[0].text.text).toBe('Tag 2 · Teilen: danke');
    expect(digest.text).toMatch(/Danke, .+, dass ihr heute eure Arbeit gezeigt habt\./);
    expect(JSON.stringify(digest)).not.toMatch(/Thank|today|shared/);

    const help = await say(s, 'help', 'U0ANA');
    expect(help).toMatch(/^wolbot begleitet das Working-Out-Loud-Programm/);
    expect(help).toContain('Für alle:');
    expect(help).toContain('`/wol help` — diese Liste');
    expect(await say(s, 'post 2', 'U0ANA')).toMatch(/^Tut mir leid, `post` ist den Admins des Programms vorbehalten/);
  });

  test('a weekly programme: "Week 2" and "this week", never "today"', async () => {
    s = await appWith('weekly-habits');
    const prompt = await postDay(s, 8, 'post week 2');
    expect((prompt.blocks as any[])[0].text.text).toBe('Week 2 · Offer often, ask early');
    const all = JSON.stringify(prompt);
    expect(all).toContain("This week's challenge");
    expect(all).not.toMatch(/today/i);
  });

  test('gather: false (circle companion) — the prompt links the guides; a reply there is not stored and not exported', async () => {
    s = await appWith('circle-companion');
    const prompt = await postDay(s, 1);
    const all = JSON.stringify(prompt);
    expect(all).toContain('<https://workingoutloud.com/circle-guides|Open the Circle Guides>');
    expect(all).toContain('does not collect, store or export');
    expect(all).not.toMatch(/gallery|today/i);

    await reply(s, prompt.ts, 'U0ANA', 'Something said in confidence', 1);
    await s.app.core.idle();
    expect(await s.app.store.listReplies({ includeDeleted: true })).toEqual([]);
    expect((await s.app.core.exportPosts()).posts).toEqual([]);
    const web = await fetch(`${s.app.url}/v1/export?format=json`, { headers: { authorization: 'Bearer web-token-for-tests-0123456789' } });
    expect(web.status).toBe(200);
    expect(JSON.stringify(await web.json())).not.toContain('in confidence');
    expect(await say(s, 'digest')).toBe('This programme gathers nothing, so there is no digest.');
    expect(s.fake.posts('C0WOL1').filter((m) => m.thread_ts === prompt.ts)).toEqual([]);
  });
});

describe('a German programme on Teams (whole app, fake Bot Connector)', () => {
  const CHANNEL = '19:wol-de@thread.tacv2';
  const ADMIN: Person = { id: '29:admin-de', aadObjectId: 'aad-admin-de', name: 'Ada Admin' };
  let fake: FakeBotConnector;
  let app: RunningApp;

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    fake = await new FakeBotConnector().start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-teams-de-'));
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), 'program: wol-woche\nstart: 2030-11-18\ntime: "09:00"\ntimezone: Europe/Berlin\nadmins: [aad-admin-de]\n');
    app = await startTeamsApp({ dir, dbUrl: `sqlite:${dir}/w.db`, config: `${dir}/wolbot.yaml` });
  });
  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    await fake?.stop();
  });

  test('the greeting, the card and help are German', async () => {
    expect((await postActivity(app.url, botAdded(fake.url, ADMIN))).status).toBe(200);
    expect(fake.textsIn(TEAM)[0]).toMatch(/^Hallo, ich bin wolbot/);

    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'subscribe', ADMIN))).status).toBe(200);
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'post 3', ADMIN))).status).toBe(200);
    const create = await until('createConversation', () => fake.promptThreads()[0]);
    const card = JSON.stringify(create.body.activity.attachments[0].content);
    expect(card).toContain('Tag 3 · Lernen');
    expect(card).toContain('Die Aufgabe für heute');
    expect(card).toContain('Antworte in diesem Thread');
    expect(card).not.toMatch(/Today|Reply in this thread|gallery/);
    expect(card).toContain('Schreib in zwei, drei Sätzen');
    // No text copy above the card; the notification line is the heading.
    expect(create.body.activity.text).toBeUndefined();
    expect(create.body.activity.summary).toBe('Tag 3 · Lernen');

    const help = mentionPost(fake.url, CHANNEL, 'help', ADMIN);
    expect((await postActivity(app.url, help)).status).toBe(200);
    expect(fake.textsIn(help.conversation.id).join('\n')).toContain('`@wolbot help` — diese Liste');
  });
});

describe('a prompt’s link, laid out by each adapter', () => {
  const base = {
    deliveryId: 'd', programme: 'p', programmeTitle: 'P', day: 8, theme: 'T', text: 't', challenge: 'c', footer: 'f',
    heading: 'Week 2 · T', challengeLabel: "This week's challenge", invite: 'i',
  };
  test('Slack: <url|label> that cannot be broken out of; Teams: a text run that opens the link, its words as written', () => {
    const link = { url: 'https://example.org/guide?a=1&b=2|x>y (z)', label: 'The <guide> & more' };
    const slack = slackPrompt({ ...base, link });
    expect(slack.blocks.map((b: any) => b.text?.text).join('\n')).toContain('<https://example.org/guide?a=1&amp;b=2%7Cx%3Ey%20(z)|The &lt;guide&gt; &amp; more>');
    const teams = promptActivity({ ...base, link });
    const runs = JSON.stringify(teams.attachments![0]!.content);
    expect(runs).toContain(JSON.stringify({ type: 'TextRun', text: link.label, selectAction: { type: 'Action.OpenUrl', url: link.url, title: link.label } }));
    expect(teams.text).toBeUndefined();
    expect(JSON.stringify(slackPrompt(base))).not.toContain('example.org');
  });
});
