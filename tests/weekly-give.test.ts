/**
 * What a weekly programme gives back counts weeks, as its posts do: the wrap-up ("Week by week",
 * "came back in more than one week", rows "Week 2 · …") and the Markdown report (a Week column
 * with 1, 2, 3, 4, "shared in two or more weeks"), in English and German; a daily programme
 * beside it still counts days. Whole app on the sandbox, fake clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startWolbot, type RunningApp } from '../src/app';
import { FakeClock } from './helpers/fake-clock';
import { localPeople } from './helpers/local-people';
import { tempWorkspace } from './helpers/workspace';

/** Text as a person sees it: the invisible isolates around each name left out. */
const visible = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('a weekly programme’s wrap-up and report say weeks; a daily one’s still say days', () => {
  const ws = tempWorkspace();
  const woche = path.join(ws.dir, 'woche.yaml');
  fs.writeFileSync(woche, ['title: Zwei Wochen', 'language: de', 'cadence: weekly', 'prompts:',
    '  - { day: 1, theme: Sichtbar, text: t, challenge: c }', '  - { day: 8, theme: Fragen, text: t, challenge: c }', ''].join('\n'));
  fs.writeFileSync(ws.config, [
    'admins: [sandbox-user]',
    'programmes:',
    '  - { program: weekly-habits, start: 2026-11-16, time: "09:00", timezone: Europe/London, channels: [local:weekly] }',
    '  - { program: wol-week, start: 2026-11-16, time: "09:00", timezone: Europe/London, channels: [local:daily] }',
    `  - { program: ${woche}, start: 2026-11-16, time: "09:00", timezone: Europe/Berlin, channels: [local:woche] }`,
    '',
  ].join('\n'));
  const clock = new FakeClock('2026-11-16T09:00:30Z');
  let app: RunningApp;
  let md = '';
  const wrapup = async (channel: string) => {
    const [m, ...more] = (await app.store.listLocalMessages(channel)).filter((x) => x.kind === 'wrapup');
    expect(more).toEqual([]);
    return visible((m!.body as { text: string }).text);
  };

  beforeAll(async () => {
    app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
    const people = localPeople(app, () => clock.now());
    /** `user` replies in `channel` under the prompt of `day` (the ledger's day: week 2 is day 8). */
    const share = async (user: string, name: string, channel: string, day: number) => {
      const post = (await app.core.exportPosts({ day })).posts.find((p) => p.channel === channel)!;
      expect((await people.reply(user, channel, post.thread, `${name} shares a draft`, name)).outcome).not.toBe('ignored');
    };
    const at = async (iso: string) => {
      clock.set(iso);
      await app.tick();
      await app.tick();
    };
    await at('2026-11-16T09:00:30Z'); // day 1 / week 1 everywhere
    await share('ana', 'Ana', 'weekly', 1);
    await share('ana', 'Ana', 'daily', 1);
    await share('jonas', 'Jonas', 'woche', 1);
    await at('2026-11-17T09:00:30Z');
    await share('ana', 'Ana', 'daily', 2);
    await share('ben', 'Ben', 'daily', 2);
    for (const d of ['18', '19', '20']) await at(`2026-11-${d}T09:00:30Z`);
    await at('2026-11-20T17:00:30Z'); // the daily programme's wrap-up
    await at('2026-11-23T09:00:30Z'); // week 2 of both weekly programmes
    await share('ana', 'Ana', 'weekly', 8);
    await share('ben', 'Ben', 'weekly', 8);
    await share('jonas', 'Jonas', 'woche', 8);
    await share('lea', 'Lea', 'woche', 8);
    await at('2026-11-23T16:00:30Z'); // the German programme's wrap-up (09:00 Berlin + 8 h)
    await at('2026-11-30T09:00:30Z');
    await at('2026-12-07T09:00:30Z');
    await at('2026-12-07T17:00:30Z'); // the English weekly programme's wrap-up
    md = await (await fetch(`${app.url}/v1/export?format=md`)).text();
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    ws.cleanup();
  });

  /** The report's section under `title`, up to the next run's title. */
  const section = (title: string) => {
    const from = md.indexOf(`# ${title}\n`);
    expect(from).toBeGreaterThanOrEqual(0);
    const next = md.indexOf('\n# ', from + 1);
    return md.slice(from, next < 0 ? undefined : next);
  };

  test('the weekly wrap-up: week by week, people who came back in another week, rows by week', async () => {
    const text = await wrapup('weekly');
    expect(text).toContain('2 people shared 3 pieces of work in one channel.');
    expect(text).toContain('1 person came back in more than one week.');
    expect(text).toContain('Week by week');
    expect(text).toContain('Week 1 · Make your work visible: 1 share');
    expect(text).toContain('Week 2 · Offer often, ask early: 2 shares');
    expect(text).toContain('Week 4 · Keep what works: a quiet one');
    expect(text).not.toMatch(/\bdays?\b/i);
  });

  test('the daily wrap-up beside it still reads day by day', async () => {
    const text = await wrapup('daily');
    expect(text).toContain('1 person came back on more than one day.');
    expect(text).toContain('Day by day');
    expect(text).toContain('Day 2 · Sharing: 2 shares');
    expect(text).not.toMatch(/Week \d|Week by week|more than one week/);
  });

  test('German: Woche für Woche, in mehr als einer Woche dabei', async () => {
    const text = await wrapup('woche');
    expect(text).toContain('1 Person war in mehr als einer Woche dabei.');
    expect(text).toContain('Woche für Woche');
    expect(text).toContain('Woche 2 · Fragen: 2 Beiträge');
    expect(text).not.toMatch(/\bTage?\b|Tag für Tag/);
  });

  test('the weekly report counts and names weeks: a Week column numbered 1–4, two or more weeks', () => {
    const weekly = section('Four Weeks of Working Out Loud');
    expect(weekly).toContain('- 1 person shared in two or more weeks\n');
    expect(weekly).toContain('| Week | Theme | Shares | People |\n');
    expect(weekly).toContain('| 1 | Make your work visible | 1 | 1 |\n');
    expect(weekly).toContain('| 2 | Offer often, ask early | 2 | 2 |\n');
    expect(weekly).toContain('| 4 | Keep what works | 0 | 0 |\n');
    expect(weekly).toContain('## Week 2 · Offer often, ask early\n');
    expect(weekly).not.toMatch(/\bdays?\b|\| (8|15|22) \|/i);
  });

  test('the daily report still counts days; the German weekly one counts Wochen', () => {
    const daily = section('International Working Out Loud Week');
    expect(daily).toContain('- 1 person shared on two or more days\n');
    expect(daily).toContain('| Day | Theme | Shares | People |\n');
    expect(daily).toContain('| 2 | Sharing | 2 | 2 |\n');
    expect(daily).toContain('## Day 2 · Sharing\n');
    expect(daily).not.toMatch(/Week \d|\| Week \||two or more weeks/);
    const german = section('Zwei Wochen');
    expect(german).toContain('- 1 Person hat in zwei oder mehr Wochen geteilt\n');
    expect(german).toContain('| Woche | Thema | Beiträge | Personen |\n');
    expect(german).toContain('| 2 | Fragen | 2 | 2 |\n');
    expect(german).toContain('## Woche 2 · Fragen\n');
    expect(german).not.toMatch(/\bTage?\b|\| 8 \|/);
  });
});
