/**
 * Issue 22's done-when, end to end on Slack (signed requests, the fake Web API): a programme that
 * starts today with day 1 already due welcomes each channel before anything is gathered there; an
 * answer without a mention counts; the digest reads no counts and names nobody as ignored; and
 * after `/wol forget me` the digest that quoted Anna no longer shows her name or words.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, slackThreadReply, startSlackApp, waitFor, writeSlackConfig, type SlackApp } from './helpers/slack-app';

const kind = (m: { thread_ts?: string; metadata?: unknown; text?: string }) => (m.thread_ts ? 'reply' : m.metadata ? 'prompt' : /forget me/.test(m.text ?? '') ? 'kickoff' : 'other');

describe('consent before gathering, answers counted, forget me reaching the digest (Slack)', () => {
  let s: SlackApp;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-consent-'));
    writeSlackConfig(dir, 'digest: "17:00"');
    s = await startSlackApp({ dir, clockAt: Date.parse('2026-11-16T09:00:30Z') }); // day 1 (today) is due in London
    for (const [id, name] of [['U0ANNA', 'Anna Becker'], ['U0BEN', 'Ben'], ['U0CY', 'Cy Tanaka']]) s.fake.userNames.set(id, name);
  });
  afterAll(() => s.stop());

  let thread = '';
  let n = 0;
  const say = (user: string, text: string) => slackThreadReply(s, { channel: 'C0WOL1', thread, ts: (Number(thread) + ++n).toFixed(6), user, text });

  test('start today with day 1 due: in each channel the kick-off is the first post, with the exact words to take it back', async () => {
    await s.app.tick();
    expect(s.fake.posts('C0WOL1').map(kind)).toEqual(['kickoff', 'prompt']);
    expect(s.fake.posts('C0WOL2').map(kind)).toEqual(['kickoff']); // New York's day 1 is hours away
    expect(s.fake.posts('C0WOL1')[0]!.text).toContain('“/wol forget me”');
    thread = s.fake.prompts('C0WOL1')[0]!.ts;
  });

  test('an unmentioned answer counts; the digest has no counts and no "nobody answered"', async () => {
    const anna = await say('U0ANNA', 'My draft plan for the team offsite, open for comments');
    await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'reaction_added', user: 'U0BEN', reaction: 'tada', item: { type: 'message', channel: 'C0WOL1', ts: anna }, event_ts: anna }));
    await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'reaction_added', user: 'U0CY', reaction: 'clap', item: { type: 'message', channel: 'C0WOL1', ts: anna }, event_ts: `${anna}1` }));
    await say('U0CY', 'Does anyone have a pointer on facilitation games?');
    await say('U0BEN', 'Try the Liberating Structures site, it has dozens'); // no @mention of Cy
    await waitFor(async () => (await s.app.store.getNames('slack', ['U0ANNA', 'U0BEN', 'U0CY'])).size === 3, 'names');
    s.clock.t = Date.parse('2026-11-16T17:00:30Z');
    await s.app.tick();
    const digest = s.fake.posts('C0WOL1').find((m) => m.thread_ts === thread && m.bot_id)!;
    expect(digest.text).toContain('Thank you, \u2068Anna Becker\u2069, \u2068Cy Tanaka\u2069 and \u2068Ben\u2069, for working out loud today.');
    expect(digest.text).toContain('My draft plan for the team offsite');
    expect(digest.text).not.toMatch(/nobody|answered yet|unanswered|looking for a pointer/i);
    expect(digest.text).not.toMatch(/\d+ (reactions?|repl(y|ies))\b/);
  });

  test("after Anna's /wol forget me the digest that quoted her no longer shows her name or words", async () => {
    const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('forget me', { user: 'U0ANNA' }), { form: true });
    expect(r.status).toBe(200);
    expect(r.json.text).toMatch(/were removed from wolbot's store, with your display name\. wolbot is also taking your name and words out of the digest or wrap-up that showed them/);
    await s.app.core.idle();
    const updates = s.fake.callsOf('chat.update');
    expect(updates).toHaveLength(1);
    const digest = s.fake.posts('C0WOL1').find((m) => m.thread_ts === thread && m.bot_id)!;
    expect(updates[0]!.args).toMatchObject({ channel: 'C0WOL1', ts: digest.ts });
    const shown = JSON.stringify({ text: digest.text, blocks: digest.blocks });
    expect(shown).not.toMatch(/Anna|offsite/);
    expect(digest.text).toContain('Thank you, \u2068Cy Tanaka\u2069 and \u2068Ben\u2069, for working out loud today.');
    // Said again: nothing left, nothing edited twice.
    const again = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('forget me', { user: 'U0ANNA', responseUrl: s.fake.responseUrl('again') }), { form: true });
    expect(again.json.text).toMatch(/holds nothing you wrote/);
    await s.app.core.idle();
    expect(s.fake.callsOf('chat.update')).toHaveLength(1);
  });
});
