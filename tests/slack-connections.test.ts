/**
 * Introductions and circles on Slack, end to end (issue 25): real signed events and slash commands
 * into the running app, `wolbot introduce` / `wolbot circles` as a user runs them beside it, and
 * every conversation opened on the fake Slack Web API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/cli';
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, slackEnv, startSlackApp, waitFor, writeSlackConfig, type SlackApp } from './helpers/slack-app';

const SHARES: [string, string, string][] = [
  ['U0ANNA', 'Anna', 'Drafting our onboarding checklist for new engineers: which steps of your first week would you add?'],
  ['U0BEN', 'Ben', 'I rewrote the onboarding checklist for new support hires last year, happy to compare notes.'],
  ['U0DAN', 'Dan', 'Also working on an onboarding checklist for the sales team.'],
  ['U0CY', 'Cy', 'Planning next quarter’s budget and the travel costs spreadsheet.'],
  ['U0EVA', 'Eva', 'Building a Rust data pipeline that ingests sensor events into Parquet.'],
  ['U0FIN', 'Fin', 'Our ingestion pipeline moved from Python to Rust: ask me anything about Rust data tooling.'],
];

async function command(s: SlackApp, text: string, user: string, channel = 'C0WOL1') {
  const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand(text, { user, channel, responseUrl: s.fake.responseUrl(`${user}-${text.replace(/\W/g, '')}`) }), { form: true });
  expect(r.status).toBe(200);
  return r;
}

/** The group DMs opened with exactly these people, and what was posted in each. */
const groupsOf = (s: SlackApp) => [...s.fake.groups].map(([id, users]) => ({ id, users, posts: s.fake.posts(id) }));

describe('Slack: introductions of people whose shares overlap', () => {
  let s: SlackApp;
  let thread: string;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-slack-connect-'));
    writeSlackConfig(dir);
    s = await startSlackApp({ dir });
    for (const [id, name] of SHARES) s.fake.userNames.set(id, name);
    await s.app.tick();
    thread = s.fake.prompts('C0WOL1')[0]!.ts;
    let n = 0;
    for (const [user, , text] of SHARES) {
      const m = s.fake.addMessage({ channel: 'C0WOL1', user, text, thread_ts: thread, ts: (Number(thread) + ++n).toFixed(6) });
      const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'message', channel: 'C0WOL1', user, text, ts: m.ts, thread_ts: thread, event_ts: m.ts, channel_type: 'channel' }));
      expect(r.status).toBe(200);
    }
    // Everyone but Dan says `connect on`.
    for (const user of ['U0ANNA', 'U0BEN', 'U0CY', 'U0EVA', 'U0FIN']) {
      const r = await command(s, 'connect on', user);
      expect(JSON.stringify(r.json ?? r.text)).toContain('You are in');
    }
  });
  afterAll(() => s.stop());

  test('`wolbot introduce` opens a group DM with Anna and Ben and introduces them; Dan and Cy never; a second run introduces nobody twice', async () => {
    const env = slackEnv(s.dir, s.fake.url);
    const first = await runCli(['introduce'], { cwd: s.dir, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Made 2 introductions.');
    const groups = groupsOf(s);
    expect(groups.map((g) => g.users.join('+')).sort()).toEqual(['U0ANNA+U0BEN', 'U0EVA+U0FIN']);
    const anna = groups.find((g) => g.users.includes('U0ANNA'))!;
    expect(anna.posts).toHaveLength(1);
    const text = anna.posts[0]!.text!;
    expect(text).toContain('Anna, meet Ben');
    expect(text).toMatch(/overlaps: .*onboarding/i);
    expect(text).toContain('rewrote the onboarding checklist');
    expect(text).toMatch(/A question to start with: how are you each approaching/);
    // A link to each share, names not mentions.
    expect(text).toContain(`https://test.slack.com/archives/C0WOL1/p`);
    expect(text).not.toContain('<@');
    const everyone = groups.flatMap((g) => g.users);
    expect(everyone).not.toContain('U0DAN');
    expect(everyone).not.toContain('U0CY');

    const second = await runCli(['introduce'], { cwd: s.dir, env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No new introductions now');
    expect(groupsOf(s).reduce((n, g) => n + g.posts.length, 0)).toBe(2);
    // The figures count them (not who).
    const stats = await fetch(`${s.app.url}/v1/stats`, { headers: { authorization: 'Bearer web-token-for-tests-0123456789' } });
    expect((await stats.json()) as Record<string, unknown>).toMatchObject({ introductions: 2 });
  });

  test('`connect off` and `forget me` take a person out; the admin word `introduce` answers with the round', async () => {
    await command(s, 'connect off', 'U0EVA');
    await command(s, 'forget me', 'U0FIN');
    const run = 'wol-week@2026-11-16';
    expect((await s.app.store.listOptIns(run, 'connect')).map((o) => o.userId).sort()).toEqual(['U0ANNA', 'U0BEN', 'U0CY']);
    const refused = await command(s, 'introduce', 'U0ANNA');
    expect(JSON.stringify(refused.json ?? refused.text)).toContain('is for the programme');
    await command(s, 'introduce', 'UADMIN');
    await waitFor(() => s.fake.responses.some((r) => r.path.includes('UADMIN-introduce')), 'the round’s follow-up');
    expect(JSON.stringify(s.fake.responses.find((r) => r.path.includes('UADMIN-introduce'))!.body)).toContain('No new introductions now');
  });
});

describe('Slack: circles by time zone', () => {
  let s: SlackApp;
  afterAll(() => s?.stop());

  test('nine say `/wol circle join`, five in Berlin and four in New York: `wolbot circles` opens two group DMs of 5 and 4, one zone each, nobody twice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-slack-circles-'));
    writeSlackConfig(dir);
    s = await startSlackApp({ dir });
    const berlin = ['U0B1', 'U0B2', 'U0B3', 'U0B4', 'U0B5'];
    const york = ['U0N1', 'U0N2', 'U0N3', 'U0N4'];
    for (const u of berlin) s.fake.userZones.set(u, 'Europe/Berlin');
    for (const u of york) s.fake.userZones.set(u, 'America/New_York');
    for (const u of [...berlin, ...york]) s.fake.userNames.set(u, `Name ${u.slice(3)}`);
    for (const u of [...berlin, ...york]) {
      const r = await command(s, 'circle join', u);
      expect(JSON.stringify(r.json ?? r.text)).toContain('on the list for a Working Out Loud circle');
    }
    const env = slackEnv(s.dir, s.fake.url);
    const out = await runCli(['circles'], { cwd: s.dir, env });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Formed 2 circles.');
    const groups = groupsOf(s);
    expect(groups.map((g) => g.users.length).sort()).toEqual([4, 5]);
    expect(groups.find((g) => g.users.length === 5)!.users).toEqual([...berlin].sort());
    expect(groups.find((g) => g.users.length === 4)!.users).toEqual([...york].sort());
    for (const g of groups) {
      expect(g.posts).toHaveLength(1);
      expect(g.posts[0]!.text).toContain('https://workingoutloud.com/circle-guides');
      expect(g.posts[0]!.text).toContain('gathers nothing that is said here');
    }
    expect(groups.find((g) => g.users.length === 4)!.posts[0]!.text).toMatch(/12:00 \(America\/New_York\)/);
    // A second round finds everyone seated: no circle twice, nobody in two.
    const again = await runCli(['circles'], { cwd: s.dir, env });
    expect(again.stdout).toContain('No new circles.');
    expect(s.fake.groups.size).toBe(2);
    const status = await runCli(['status'], { cwd: s.dir, env });
    expect(status.stdout).toContain('Circles: 9 joined, 2 circles formed.');
  });
});
