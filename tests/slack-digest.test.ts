/**
 * The digest on Slack, through the fake Web API: names, not mentions (the adapter lists them; the
 * digest reads the list); links to what drew responses; the export keeps the text as written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { slackThreadReply, startSlackApp, waitFor, writeSlackConfig, type SlackApp } from './helpers/slack-app';

describe('Slack digest', () => {
  let s: SlackApp;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-slack-digest-'));
    writeSlackConfig(dir, 'digest: "17:00"');
    s = await startSlackApp({ dir });
    for (const [id, name] of [['U0ANA', 'Ana'], ['U0BEN', 'Ben'], ['U0CAT', 'Cat <!here>'], ['U0DAN', 'Dan'], ['U0EVE', 'Eve']]) s.fake.userNames.set(id, name);
  });
  afterAll(() => s.stop());

  test('names the sharers without pinging them, links the share that drew a response, invites help on the open question', async () => {
    await s.app.tick();
    const thread = s.fake.prompts('C0WOL1')[0]!.ts;
    let n = 0;
    const say = (user: string, text: string) => slackThreadReply(s, { channel: 'C0WOL1', thread, ts: (Number(thread) + ++n).toFixed(6), user, text });
    // Cat's name cannot be looked up when she shares: the digest asks again before it posts.
    s.fake.fail('users.info', { kind: 'error', error: 'internal_error' }, { match: (a) => a.user === 'U0CAT' });
    const ana = await say('U0ANA', 'My draft onboarding checklist');
    await say('U0BEN', '<@U0ANA> this helps me a lot, thank you');
    const cat = await say('U0CAT', 'Has anyone tried pairing on docs? <@U0DAN> you did, <@U0EVE|eve>?');
    await waitFor(() => s.fake.callsOf('users.info').length === 3, 'three look-ups');

    s.clock.t = Date.parse('2026-11-16T17:00:30Z');
    await s.app.tick();
    const digest = s.fake.posts('C0WOL1').find((m) => m.thread_ts === thread)!;
    expect(digest).toBeDefined();
    expect(digest.metadata).toBeUndefined();
    const all = JSON.stringify({ text: digest.text, blocks: digest.blocks });
    expect(all).not.toContain('<@');
    // Names and quotes are literal rich text (no broadcast or user elements); the fallback is escaped.
    expect(all).not.toMatch(/"type":"(broadcast|user|usergroup)"/);
    expect(digest.text).not.toContain('<!here>');
    const texts = (digest.blocks as any[]).flatMap((b) => (b.elements ?? []).flatMap((e: any) => e.elements ?? [])).filter((e: any) => e.type === 'text').map((e: any) => e.text as string);
    expect(texts).toContain('Thank you, \u2068Ana\u2069, \u2068Ben\u2069 and \u2068Cat <!here>\u2069, for working out loud today.');
    // Mentions in a quote read as the people's names (looked up before the digest posts), never as ids.
    expect(all).not.toMatch(/&lt;@|U0DAN|U0EVE/);
    expect(texts).toContain('Has anyone tried pairing on docs? @Dan you did, @Eve?');
    expect(digest.text).toContain('\n> Has anyone tried pairing on docs? @Dan you did, @Eve?');
    expect(digest.text).toContain('Thank you, \u2068Ana\u2069, \u2068Ben\u2069 and \u2068Cat &lt;!here&gt;\u2069, for working out loud today.');
    // No counts (Ben's reply to Ana is no "1 reply"); Cat's open question is an invitation, not a reproach.
    expect(digest.text).not.toMatch(/\d+ (repl(y|ies)|reactions?)\b|nobody|answered/);
    expect(digest.text).not.toContain(`p${ana.replace('.', '')}`);
    expect(digest.text).toContain('\u2068Cat &lt;!here&gt;\u2069 is looking for a pointer');
    expect(digest.text).toContain(`p${cat.replace('.', '')}`);
    expect((digest.blocks as any[])[0]).toMatchObject({ type: 'header', text: { text: 'Day 1 · Connection: thank you' } });
    // Slack parses nothing in the quoted words (a quoted @here or @Dan pings nobody).
    expect((digest.blocks as any[]).filter((b) => b.type === 'section').every((b) => b.text.verbatim === true)).toBe(true);
    // The export keeps what was written, markup and all.
    const exported = (await s.app.core.exportPosts()).posts[0]!.replies.map((r) => r.text);
    expect(exported).toEqual(['My draft onboarding checklist', '<@U0ANA> this helps me a lot, thank you', 'Has anyone tried pairing on docs? <@U0DAN> you did, <@U0EVE|eve>?']);
    // Once: a later tick posts no second digest.
    await s.app.tick();
    expect(s.fake.posts('C0WOL1').filter((m) => m.thread_ts === thread)).toHaveLength(1);
    // The store kept Cat's name from the digest's look-up.
    expect((await s.app.store.getNames('slack', ['U0CAT'])).get('U0CAT')?.name).toBe('Cat <!here>');
  });
});
