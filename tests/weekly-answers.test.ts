/**
 * A weekly programme's answers and admin notices name the week ("week 2"), as its posts do, and
 * the command they advise works for that week; a daily programme's still name the day. Whole app,
 * fake Slack Web API, fake clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';
import { startWolbot, type RunningApp } from '../src/app';
import { FakeClock } from './helpers/fake-clock';

interface Case {
  program: string;
  /** The ledger's day of the third post: week 3 is day 15. */
  third: number;
  /** What each answer should say, in this programme's count. */
  said: {
    posting1: string;
    posted1: string;
    already1: string;
    digest: string;
    digestAgain: string;
    failed2: string;
    uncertain3: RegExp;
    advised3: string;
    posted3: string;
    programme: string;
    failedRow: RegExp;
    subscribed: string;
  };
  /** Words this programme never uses for its posts. */
  never: RegExp;
}

const WEEKLY: Case = {
  program: 'weekly-habits',
  third: 15,
  said: {
    posting1: 'Posting week 1 (Make your work visible) to 2 channels…',
    posted1: 'Week 1 posted in 2 channels: slack:C0WOL1, slack:C0WOL2.',
    already1: 'slack:C0WOL2: week 1 was already posted at 2026-11-16 10:00 (Europe/Berlin). Say `/wol post week 1 here again` to post it again.',
    digest: 'Posted the digest of week 1 in its thread.',
    digestAgain: 'The digest of week 1 is already in its thread; a thread gets one digest.',
    failed2: 'wolbot could not post week 2 in slack:C0WOL1: not_in_channel. Invite the bot to the channel again, then say `post N here` to send the missed week.',
    uncertain3: /^wolbot is not sure whether week 3 reached slack:C0WOL2 \(.+\)\. It will not post it again by itself: look in the channel, and if it is missing say `post week 3 here again`\.$/,
    advised3: 'post week 3 here again',
    posted3: 'Week 3 posted in 1 channel: slack:C0WOL2.',
    programme: 'Programme: Four Weeks of Working Out Loud (weekly-habits), week 1 = 2026-11-16, weeks 1, 2, 3, 4, posts at 09:00 Europe/Berlin unless a channel says otherwise',
    failedRow: /^ {2}week 2 Offer often, ask early: failed — not_in_channel$/m,
    subscribed: 'Subscribed: this channel will get the programme. Next post: week 2 (Offer often, ask early) on 2026-11-23 at 09:00 Europe/Berlin.',
  },
  never: /\bdays? \d/i,
};

const DAILY: Case = {
  program: 'wol-week',
  third: 3,
  said: {
    posting1: 'Posting day 1 (Connection) to 2 channels…',
    posted1: 'Day 1 posted in 2 channels: slack:C0WOL1, slack:C0WOL2.',
    already1: 'slack:C0WOL2: day 1 was already posted at 2026-11-16 10:00 (Europe/Berlin). Say `/wol post 1 here again` to post it again.',
    digest: 'Posted the digest of day 1 in its thread.',
    digestAgain: 'The digest of day 1 is already in its thread; a thread gets one digest.',
    failed2: 'wolbot could not post day 2 in slack:C0WOL1: not_in_channel. Invite the bot to the channel again, then say `post N here` to send the missed day.',
    uncertain3: /^wolbot is not sure whether day 3 reached slack:C0WOL2 \(.+\)\. It will not post it again by itself: look in the channel, and if it is missing say `post 3 here again`\.$/,
    advised3: 'post 3 here again',
    posted3: 'Day 3 posted in 1 channel: slack:C0WOL2.',
    programme: 'Programme: International Working Out Loud Week (wol-week), day 1 = 2026-11-16, days 1, 2, 3, 4, 5, posts at 09:00 Europe/Berlin unless a channel says otherwise',
    failedRow: /^ {2}day 2 Sharing: failed — not_in_channel$/m,
    subscribed: 'Subscribed: this channel will get the programme. Next post: day 2 (Sharing) on 2026-11-17 at 09:00 Europe/Berlin.',
  },
  never: /\bweeks? \d/i,
};

describe.each([
  ['a weekly programme says the week', WEEKLY],
  ['a daily programme still says the day', DAILY],
])('Slack: %s', (_name, c) => {
  let s: SlackApp;
  let n = 0;
  const dms = () => s.fake.callsOf('chat.postMessage').filter((x) => String(x.args.channel).startsWith('D')).map((x) => String(x.args.text));

  /** `/wol TEXT` by the admin in `channel`: the immediate answer, and the follow-up when `followUp`. */
  async function say(text: string, channel = 'C0WOL2', followUp = false): Promise<{ text: string; followUp?: string }> {
    const id = `r${++n}`;
    const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand(text, { channel, user: 'UADMIN', responseUrl: s.fake.responseUrl(id) }), { form: true });
    expect(r.status).toBe(200);
    if (!followUp) return { text: String(r.json.text) };
    const from = () => s.fake.responses.find((x) => x.path === `/response/${id}`);
    await waitFor(() => !!from(), `the follow-up of "${text}"`);
    return { text: String(r.json.text), followUp: String(from()!.body.text) };
  }

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-weekly-'));
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), [
      `program: ${c.program}`, 'start: 2026-11-16', 'time: "09:00"', 'timezone: Europe/Berlin', 'admins: [UADMIN]', 'channels: [slack:C0WOL1, slack:C0WOL2]', '',
    ].join('\n'));
    s = await startSlackApp({ dir }); // Monday 2026-11-16, 10:00 in Berlin
  });
  afterAll(async () => s.stop());

  test('post, post again and digest answer in the programme’s count', async () => {
    const first = await say('post 1', 'C0WOL2', true);
    expect(first.text).toBe(c.said.posting1);
    expect(first.followUp).toBe(c.said.posted1);
    expect((await say('post 1 here', 'C0WOL2', true)).followUp).toBe(c.said.already1);
    expect((await say('digest')).text).toBe(c.said.digest);
    expect((await say('digest 1')).text).toBe(c.said.digestAgain);
  });

  test('a failed post is told to the admin by its week (or day), with advice for that count', async () => {
    s.fake.channels.set('C0WOL1', { name: 'wol-one', is_member: false });
    const r = await say('post 2', 'C0WOL2', true);
    expect(r.followUp).toContain('slack:C0WOL1: failed — not_in_channel.');
    await waitFor(() => dms().length === 1, 'the admin notice');
    expect(dms()[0]).toBe(c.said.failed2);
  });

  test('an uncertain post is told with the exact command that posts that week (or day) again, and the command works', async () => {
    // The post's connection drops, and Slack's history cannot say whether it landed.
    s.fake.fail('chat.postMessage', { kind: 'drop' }, { match: (a) => a.channel === 'C0WOL2' && !!a.metadata });
    s.fake.fail('conversations.history', { kind: 'status', status: 503 }, { match: (a) => a.channel === 'C0WOL2' });
    const r = await say('post 3', 'C0WOL2', true);
    expect(r.followUp).toMatch(/^slack:C0WOL2: uncertain — /);
    await waitFor(() => dms().length === 2, 'the second admin notice');
    const notice = dms()[1]!;
    expect(notice).toMatch(c.said.uncertain3);
    // Doing what the notice says posts that very prompt again.
    const advised = /say `([^`]+)`\.$/.exec(notice)![1]!;
    expect(advised).toBe(c.said.advised3);
    const before = s.fake.prompts('C0WOL2').length;
    expect((await say(advised, 'C0WOL2', true)).followUp).toBe(c.said.posted3);
    const again = s.fake.prompts('C0WOL2');
    expect(again).toHaveLength(before + 1);
    expect(again.at(-1)!.metadata!.event_payload).toMatchObject({ day: c.third });
    for (const text of dms()) expect(text).not.toMatch(c.never);
  });

  test('status counts the programme’s way; subscribe names the next post the same way', async () => {
    const status = (await say('status')).text;
    expect(status).toContain(c.said.programme);
    expect(status).toMatch(c.said.failedRow);
    expect(status).not.toMatch(c.never);
    s.fake.channels.set('C0WOL3', { name: 'wol-three', is_member: true });
    expect((await say('subscribe', 'C0WOL3')).text).toBe(c.said.subscribed);
  });
});

describe('sandbox: German and Japanese weekly programmes say “Woche 2” and “第2週”; the German daily one still says “Tag”', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-weekly-lang-'));
  const clock = new FakeClock('2026-11-16T06:00:00Z'); // 07:00 in Berlin, 15:00 in Tokyo
  let app: RunningApp;
  const say = (channel: string, text: string) =>
    fetch(`${app.url}/v1/commands`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, text }) })
      .then((r) => r.json() as Promise<{ text: string; followUps: string[] }>);
  const programme = (file: string, lines: string[]) => fs.writeFileSync(path.join(dir, file), [...lines, 'cadence: weekly', 'prompts:',
    '  - { day: 1, theme: T1, text: t, challenge: c }', '  - { day: 8, theme: T2, text: t, challenge: c }', ''].join('\n'));

  beforeAll(async () => {
    programme('woche.yaml', ['title: Vier Wochen', 'language: de']);
    programme('shuu.yaml', ['title: 四週間', 'language: ja']);
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), [
      'admins: [sandbox-user]',
      'programmes:',
      `  - { program: ${path.join(dir, 'woche.yaml')}, start: 2026-11-16, time: "09:00", timezone: Europe/Berlin, channels: [local:woche] }`,
      `  - { program: ${path.join(dir, 'shuu.yaml')}, start: 2026-11-16, time: "09:00", timezone: Asia/Tokyo, channels: [local:shuu] }`,
      '  - { program: wol-woche, start: 2026-11-16, time: "09:00", timezone: Europe/Berlin, channels: [local:tag] }',
      '',
    ].join('\n'));
    app = await startWolbot({ env: { DATABASE_URL: `sqlite:${path.join(dir, 'w.db')}`, WOLBOT_CONFIG: path.join(dir, 'wolbot.yaml'), LOG_LEVEL: 'silent' }, cwd: dir, clock, cron: false, port: 0 });
  });
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('German', async () => {
    const posted = await say('woche', 'post 2');
    expect(posted.text).toBe('Woche 2 (T2) wird in local:woche gepostet …');
    expect(posted.followUps).toEqual(['Woche 2 wurde in 1 Kanal gepostet: local:woche.']);
    expect((await say('woche', 'post week 2')).followUps).toEqual([
      'local:woche: Woche 2 wurde schon gepostet (2026-11-16 07:00, Europe/Berlin). Sag `post week 2 again`, um sie noch einmal zu posten.',
    ]);
    expect((await say('woche', 'digest 2')).text).toBe('Die Zusammenfassung von Woche 2 steht jetzt in ihrem Thread.');
    expect((await say('tag', 'post 2')).followUps).toEqual(['Tag 2 wurde in 1 Kanal gepostet: local:tag.']);

    const status = (await say('woche', 'status')).text;
    expect(status).toContain('Programm: Vier Wochen (woche), Woche 1 = 2026-11-16, Wochen 1, 2, Impulse um 09:00 Uhr (Europe/Berlin), sofern ein Kanal nichts anderes sagt');
    expect(status).toContain('  als Nächstes: Woche 1 T1 am 2026-11-16 um 09:00 Uhr (Europe/Berlin; 2026-11-16T08:00:00.000Z)');
    expect(status).toContain('  Woche 2 T2: gepostet 2026-11-16 07:00');
    // The daily programme beside it: days, and the same natural times.
    expect(status).toContain('Programm: Internationale Working-Out-Loud-Woche (wol-woche), Tag 1 = 2026-11-16, Tage 1, 2, 3, 4, 5, Impulse um 09:00 Uhr (Europe/Berlin), sofern');
    expect(status).toContain('  Tag 2 Teilen: gepostet 2026-11-16 07:00');
    expect(status.slice(0, status.indexOf('wol-woche'))).not.toMatch(/Tag \d/);
  });

  test('Japanese', async () => {
    const posted = await say('shuu', 'post 2');
    expect(posted.text).toBe('第2週（T2）をlocal:shuuに投稿しています…');
    expect(posted.followUps).toEqual(['第2週のお題を1チャンネルに投稿しました：local:shuu。']);
    expect((await say('shuu', 'digest 2')).text).toBe('第2週のダイジェストをそのスレッドに投稿しました。');
    const status = (await say('shuu', 'status')).text;
    expect(status).toContain('プログラム：四週間（shuu）、第1週 2026-11-16、対象週 1, 2、投稿時刻 09:00（Asia/Tokyo、チャンネルごとの指定がない場合）');
    expect(status).toContain('  第2週 T2：2026-11-16 15:00 に投稿済み');
    expect(status.slice(0, status.indexOf('wol-woche'))).not.toMatch(/日目/);
    // The daily programme beside it still counts days.
    expect(status).toContain('  2日目 Teilen：2026-11-16 07:00 に投稿済み');
  });
});
