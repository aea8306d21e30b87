/**
 * `wolbot preview` and GET /v1/preview: a message as its channel would get it, in its programme's
 * language, zone and labels, in the platform's text rendering, and nothing sent.
 */
import { startWolbot, type RunningApp } from '../src/app';
import { runCli } from './helpers/cli';
import { FakeClock } from './helpers/fake-clock';
import { tempWorkspace } from './helpers/workspace';

const CONFIG = `admins: [sandbox-user]
programmes:
  - program: wol-week
    start: 2026-12-07
    time: "09:00"
    timezone: Europe/London
    digest: "17:00"
    channels: [local:general, slack:C0123ABC]
  - program: wol-woche
    start: 2026-12-07
    time: "08:30"
    timezone: Europe/Berlin
    channels: [local:de]
  - program: weekly-habits
    start: 2026-12-07
    time: "13:30"
    timezone: Europe/Berlin
    channels: [local:circle]
`;

describe('wolbot preview (CLI)', () => {
  const ws = tempWorkspace(CONFIG);
  afterAll(() => ws.cleanup());
  const preview = (...args: string[]) => runCli(['preview', ...args], { cwd: ws.dir, env: { DATABASE_URL: ws.dbUrl, LOG_LEVEL: 'silent' } });

  test('day 2 in a Slack channel: English, its zone, Slack mrkdwn; nothing is sent', async () => {
    const r = await preview('day', '2', '--channel', 'slack:C0123ABC');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Preview of day 2 · wol-week (en) for slack:C0123ABC — Europe/London, 09:00. Goes out: 2026-12-08 09:00 Europe/London. Nothing is sent.');
    expect(r.stdout).toContain('Day 2 · Sharing');
    expect(r.stdout).toContain("*Today's challenge*");
  });

  test('the kick-off in German for the German programme, at its own time', async () => {
    const r = await preview('kickoff', '--programme', 'wol-woche');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wol-woche (de) for local:de — Europe/Berlin, 08:30');
    expect(r.stdout).toContain('Internationale Working-Out-Loud-Woche: Start am Montag, 7. Dezember');
    expect(r.stdout).toContain('forget me');
  });

  test('week 2 of the weekly series is its day 8; week N of a daily programme is a usage error', async () => {
    const r = await preview('week', '2', '--channel', 'local:circle');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Week 2 · Offer often, ask early');
    const bad = await preview('week', '2', '--programme', 'wol-week');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('wol-week counts days, not weeks');
    const several = await preview('kickoff');
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('several programmes (wol-week, wol-woche, weekly-habits)');
  });
});

describe('GET /v1/preview', () => {
  const ws = tempWorkspace(CONFIG);
  let app: RunningApp;
  beforeAll(async () => {
    app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent', WEB_TOKEN: 't'.repeat(32) }, cwd: ws.dir, clock: new FakeClock('2026-12-01T09:00:00Z'), cron: false, port: 0 });
  });
  afterAll(async () => {
    await app.stop();
    ws.cleanup();
  });
  const get = (q: string, auth = true) => fetch(`${app.url}/v1/preview?${q}`, { headers: auth ? { authorization: `Bearer ${'t'.repeat(32)}` } : {} });

  test('a German digest with sample people, and an English wrap-up; nothing is posted', async () => {
    type Doc = { programme: string; language: string; channel: string; timezone: string; when: string; whenValues: Record<string, string>; text: string };
    const de = (await (await get('kind=digest&channel=local:de')).json()) as Doc;
    expect(de).toMatchObject({ programme: 'wol-woche', language: 'de', channel: 'local:de', timezone: 'Europe/Berlin' });
    expect(de.text).toContain('Tag 1 · Verbindung: danke');
    expect(de.text).toContain('Danke, \u2068Ana\u2069, \u2068Ben\u2069 und \u2068Chiara\u2069');
    // When it goes out: a sentence for the command line, and its parts for the page's own language.
    expect(de.when).toMatch(/^(in the day's thread at|only when an admin says)/);
    expect(de.whenValues).toMatchObject({ weekly: 'no' });
    expect(['digest', 'manualDigest']).toContain(de.whenValues.kind);
    const en = (await (await get('kind=wrapup&programme=wol-week')).json()) as Doc;
    expect(en.language).toBe('en');
    expect(en.text.replace(/[\u2068\u2069]/g, '')).toMatch(/Ana, Ben and Chiara/);
    expect(en.when).toContain("after the last day's digest");
    expect(await app.store.listDeliveries({})).toEqual([]);
  });

  test('the weekly series’ wrap-up counts weeks; the daily programme’s still counts days', async () => {
    const text = async (q: string) => ((await (await get(q)).json()) as { text: string }).text;
    const weekly = await text('kind=wrapup&programme=weekly-habits');
    expect(weekly).toContain('1 person came back in more than one week.');
    expect(weekly).toContain('Week by week');
    expect(weekly).toContain('Week 2 · Offer often, ask early: 2 shares');
    expect(weekly).not.toMatch(/Day by day|more than one day|Day \d/);
    const daily = await text('kind=wrapup&programme=wol-week');
    expect(daily).toContain('1 person came back on more than one day.');
    expect(daily).toContain('Day by day');
    expect(daily).toContain('Day 2 · Sharing: 2 shares');
  });

  test('bad parameters are a 400; without the token a 401', async () => {
    expect((await get('kind=poem')).status).toBe(400);
    expect((await get('kind=day&n=9&programme=wol-week')).status).toBe(400);
    expect((await get('kind=day&n=1&programme=wol-week', false)).status).toBe(401);
  });
});
