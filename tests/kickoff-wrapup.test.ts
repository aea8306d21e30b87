/**
 * Kick-off before day 1 and wrap-up after the last day, through the fake Slack Web API and the
 * sandbox: once per channel per run (restarts too), never from `post`, nobody pinged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, writeSlackConfig, type SlackApp } from './helpers/slack-app';
import { FakeSlack } from './fakes/slack-api';

const at = (iso: string) => Date.parse(iso);
/** Text as a person sees it: the invisible isolates around each name left out. */
const visible = (s: string) => s.replace(/[\u2068\u2069]/g, '');
const kickoffs = (s: SlackApp, ch: string) => s.fake.posts(ch).filter((m) => !m.thread_ts && !m.metadata && /starts/.test(m.text ?? ''));
const isKickoff = (m: { thread_ts?: string; metadata?: unknown; text?: string }) => !m.thread_ts && !m.metadata && /starts/.test(m.text ?? '');

function dirWith(extra = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-give-'));
  writeSlackConfig(dir, extra);
  return dir;
}

describe('kick-off', () => {
  test('three days before day 1 each channel gets one welcome, also after a restart', async () => {
    const dir = dirWith();
    const fake = await new FakeSlack(() => Date.now()).start();
    try {
      let s = await startSlackApp({ dir, fake, clockAt: at('2026-11-13T09:00:00Z') });
      await s.app.tick();
      await s.app.tick();
      for (const ch of ['C0WOL1', 'C0WOL2']) expect(kickoffs(s, ch)).toHaveLength(1);
      const [london] = kickoffs(s, 'C0WOL1');
      const [ny] = kickoffs(s, 'C0WOL2');
      expect(london!.metadata).toBeUndefined();
      expect(london!.text).toContain('International Working Out Loud Week starts Monday 16 November');
      expect(london!.text).toContain('09:00 (Europe/London)');
      expect(ny!.text).toContain('09:00 (America/New_York)');
      // What is stored, who sees it, that it is quoted everywhere, for how long, and the exact words on Slack.
      expect(london!.text).toContain('wolbot stores what you write there, the reactions on it and your display name.');
      expect(london!.text).toContain('Everyone in this channel sees your replies, and so does everyone who can open the programme’s gallery; the organizers can export names and words.');
      expect(london!.text).toContain('quote some replies, in every channel of the programme');
      expect(london!.text).toMatch(/kept for 365 days/);
      expect(london!.text).toContain('Write “/wol forget me”');
      expect(london!.text).not.toMatch(/everything you wrote is removed/);
      expect(london!.text).toContain('<https://workingoutloud.com|What is Working Out Loud?>');
      expect(JSON.stringify(london!.blocks)).toContain('{"type":"link","url":"https://workingoutloud.com","text":"What is Working Out Loud?"}');
      // Introductions are opt-in: the kick-off names the words (issue 25).
      expect(london!.text).toMatch(/Say “connect on” to wolbot/);
      expect(JSON.stringify(london)).not.toContain('<@');
      await s.stop();
      // A restart (a new process on the same store) posts nothing again.
      s = await startSlackApp({ dir, fake, clockAt: at('2026-11-14T09:00:00Z') });
      await s.app.tick();
      for (const ch of ['C0WOL1', 'C0WOL2']) expect(kickoffs(s, ch)).toHaveLength(1);
      await s.stop();
    } finally {
      await fake.stop();
    }
  });

  test('none where day 1 is due within the hour; the later channel still gets its own', async () => {
    const s = await startSlackApp({ dir: dirWith(), clockAt: at('2026-11-16T08:30:00Z') }); // London 08:30, New York 03:30
    try {
      await s.app.tick();
      expect(kickoffs(s, 'C0WOL1')).toHaveLength(0);
      expect(kickoffs(s, 'C0WOL2')).toHaveLength(1);
    } finally {
      await s.stop();
    }
  });

  test('a day 1 posted by hand (`post 1`) before the kick-off window brings its kick-off first, once', async () => {
    const s = await startSlackApp({ dir: dirWith(), clockAt: at('2026-11-01T09:00:00Z') });
    try {
      await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('post 1 here'), { form: true });
      await waitFor(() => s.fake.prompts('C0WOL1').length === 1, 'day 1 posted by hand');
      expect(s.fake.posts('C0WOL1').map((m) => (isKickoff(m) ? 'kickoff' : m.metadata ? 'prompt' : 'other'))).toEqual(['kickoff', 'prompt']);
      await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand('post 1 here again'), { form: true });
      await waitFor(() => s.fake.prompts('C0WOL1').length === 2, 'day 1 posted again');
      s.clock.t = at('2026-11-13T09:00:00Z');
      await s.app.tick();
      expect(kickoffs(s, 'C0WOL1')).toHaveLength(1);
      expect(kickoffs(s, 'C0WOL2')).toHaveLength(1);
    } finally {
      await s.stop();
    }
  });
});

describe('wrap-up', () => {
  test('after the last day one wrap-up per channel, crediting sharers from every channel and platform', async () => {
    const dir = dirWith('  - local:general');
    const s = await startSlackApp({ dir, clockAt: at('2026-11-16T09:00:30Z'), env: { PUBLIC_URL: 'https://wol.example.com/' } });
    try {
      s.fake.userNames.set('U0ANA', 'Ana');
      s.fake.userNames.set('U0BEN', 'Ben');
      await s.app.core.postDay(1);
      await s.app.core.postDay(2);
      const t1 = s.fake.prompts('C0WOL1')[0]!.ts;
      const t2 = s.fake.prompts('C0WOL2')[0]!.ts;
      const say = async (ch: string, thread: string, user: string, text: string, n: number) => {
        const ts = (Number(thread) + n).toFixed(6);
        s.fake.addMessage({ channel: ch, user, text, ts, thread_ts: thread });
        await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'message', channel: ch, user, text, ts, thread_ts: thread, event_ts: ts }));
        return ts;
      };
      const ana = await say('C0WOL1', t1, 'U0ANA', 'My first draft, out in the open, thanks to <@U0BEN>', 1);
      await say('C0WOL2', t2, 'U0BEN', 'A question I am stuck on', 1);
      await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'reaction_added', user: 'U0BEN', reaction: 'tada', item: { type: 'message', channel: 'C0WOL1', ts: ana }, event_ts: ana }));
      const local = (await s.app.core.exportPosts()).posts.find((p) => p.platform === 'local' && p.day === 1)!;
      const res = await fetch(`${s.app.url}/v1/replies`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer web-token-for-tests-0123456789' },
        body: JSON.stringify({ channel: 'general', thread: local.thread, text: 'Shared from the sandbox' }),
      });
      expect([res.status, await res.text()]).toEqual([201, expect.any(String)]);
      await waitFor(async () => (await s.app.store.getNames('slack', ['U0ANA', 'U0BEN'])).size === 2, 'names');

      // Before the wrap-up time (day 5, London 09:00 + 8 h): nothing.
      s.clock.t = at('2026-11-20T16:59:00Z');
      await s.app.tick();
      const wrapups = () => s.fake.posts().filter((m) => !m.thread_ts && /: thank you/.test(m.text ?? ''));
      expect(wrapups()).toHaveLength(0);
      s.clock.t = at('2026-11-20T17:00:30Z');
      await s.app.tick();
      expect(wrapups().map((m) => m.channel)).toEqual(['C0WOL1']);
      s.clock.t = at('2026-11-20T22:00:30Z'); // New York 17:00
      await s.app.tick();
      await s.app.tick();
      expect(wrapups().map((m) => m.channel).sort()).toEqual(['C0WOL1', 'C0WOL2']);
      const sandbox = (await s.app.store.listLocalMessages('general')).filter((m) => m.kind === 'wrapup');
      expect(sandbox).toHaveLength(1);

      const [first] = wrapups();
      expect(first!.metadata).toBeUndefined();
      // Names are isolated (U+2068…U+2069) in the sentence; read here as shown.
      const text = visible(first!.text!);
      expect(text).toContain('3 people shared 3 pieces of work in 3 channels.');
      // Ben wrote in the other channel; everyone is new (a first run, veterans maybe among them): nobody is called new.
      expect(text).toContain('Thank you, Ana, Ben and Sandbox User, for working out loud.');
      expect(text).not.toMatch(/A special welcome|first time/);
      expect(text).toContain('Day 1 · Connection: 3 shares');
      expect(text).toContain('Day 3 · Learning: a quiet one');
      expect(text).toContain('Ana, Day 1 · Connection');
      expect(text).not.toMatch(/\d+ reactions?\b/); // no counts, no ranking
      expect(text).toContain(`<https://test.slack.com/archives/C0WOL1/p${ana.replace('.', '')}?thread_ts=${t1}&amp;cid=C0WOL1|View>`);
      expect(text).toContain('<https://wol.example.com/|Everything shared, in the gallery>');
      expect(JSON.stringify(wrapups())).not.toMatch(/<@|&lt;@/);
      expect(text).toContain('\n> My first draft, out in the open, thanks to @Ben'); // a mention in a quote reads as the name
      expect((sandbox[0]!.body as { text: string }).text).toContain('Ben');
    } finally {
      await s.stop();
    }
  });
});

describe('wrap-up after a late last day', () => {
  test('back after the last digest time (within grace): the wrap-up waits for that day\'s digest, never comes before it', async () => {
    const dir = dirWith('digest: "17:00"\ngrace: 12h');
    // Day 5 (Friday 20 Nov) was due at 09:00 London; the bot comes back at 19:00, after the digest time.
    const s = await startSlackApp({ dir, clockAt: at('2026-11-20T19:00:00Z') });
    try {
      const wrapups = () => s.fake.posts('C0WOL1').filter((m) => !m.thread_ts && /: thank you/.test(m.text ?? ''));
      await s.app.tick();
      const day5 = s.fake.prompts('C0WOL1');
      expect(day5).toHaveLength(1);
      expect(wrapups()).toHaveLength(0);
      // The late prompt's digest is due at the next digest time; the wrap-up comes with it, after it.
      s.clock.t = at('2026-11-21T16:59:00Z');
      await s.app.tick();
      expect(wrapups()).toHaveLength(0);
      s.clock.t = at('2026-11-21T17:00:30Z');
      await s.app.tick();
      await s.app.tick();
      const order = s.fake.posts('C0WOL1').map((m) => (m.thread_ts === day5[0]!.ts ? 'digest' : wrapups().includes(m) ? 'wrapup' : 'other'));
      expect(order.filter((k) => k !== 'other')).toEqual(['digest', 'wrapup']);
    } finally {
      await s.stop();
    }
  });
});

describe('kick-off words', () => {
  const schedule = [{ day: 1, theme: 'One', timezone: 'Europe/Berlin', localDate: '2026-11-16', localTime: '09:00', at: new Date('2026-11-16T08:00:00Z') }];
  const base = { id: 'p', title: 'Circle', footer: 'f', prompts: [{ day: 1, theme: 'One', text: 't', challenge: 'c' }] };

  test('a programme that gathers nothing says so, and its own intro replaces the default line', async () => {
    const { kickoffContent } = await import('../src/core/give/kickoff-content');
    const { translator } = await import('../src/core/i18n/catalogue');
    const m = kickoffContent({ programme: { ...base, gather: false, intro: 'Our circle meets on Mondays.' }, schedule, retentionMs: 30 * 86_400_000, tr: translator('en') });
    expect(m.intro[0]).toBe('Our circle meets on Mondays.');
    expect(m.intro.join(' ')).toContain('This programme collects nothing');
    expect(m.intro.join(' ')).not.toMatch(/gallery|forget me|connect on/);
  });

  test('German reads naturally', async () => {
    const { kickoffContent } = await import('../src/core/give/kickoff-content');
    const { translator } = await import('../src/core/i18n/catalogue');
    const m = kickoffContent({ programme: { ...base, language: 'de' }, schedule, retentionMs: 30 * 86_400_000, tr: translator('de') });
    expect(m.title).toBe('Circle: Start am Montag, 16. November');
    expect(m.intro[1]).toBe('Ab Montag, 16. November postet wolbot hier jeden Tag um 9:00 Uhr (MEZ) einen kurzen Impuls, 1 Tag lang: One.');
    expect(m.intro).toContain('Antworten werden 30 Tage aufbewahrt und dann gelöscht.');
    expect(m.intro.join(' ')).toContain('Sag „connect on“ zu wolbot');
  });
});

describe('wrap-up words', () => {
  const day = (d: number, shares: number) => ({ day: d, theme: `T${d}`, shares, people: shares });
  const share = (person: string, reactions: number, minute: number) => ({
    person: `slack:${person}`, name: person, day: 1, heading: 'Day 1 · One', text: `${person} ${minute}`, reactions, at: new Date(Date.UTC(2026, 10, 16, 9, minute)),
  });
  const build = async (lang: string, shares: ReturnType<typeof share>[], firstTimers: string[], channels = 1) => {
    const { wrapupContent } = await import('../src/core/give/wrapup-content');
    const { translator } = await import('../src/core/i18n/catalogue');
    const people = new Set(shares.map((s) => s.person)).size;
    const stats = {
      run: null, people, returning: 0, firstTime: firstTimers.length, shares: shares.length, days: [day(1, shares.length)], introductions: 0, circles: 0,
      channels: Array.from({ length: channels }, (_, i) => ({ platform: 'slack' as const, channel: `C${i}`, name: `c${i}`, shares: 1, people: 1 })),
    };
    return wrapupContent({ title: 'Circle', stats, headings: new Map([[1, 'Day 1 · One']]), shares, firstTimers: new Set(firstTimers.map((p) => `slack:${p}`)), tr: translator(lang) });
  };
  const lines = (m: { sections: { lines: { text: string }[] }[] }) => m.sections.flatMap((s) => s.lines.map((l) => visible(l.text)));

  test('only some first-timers: everyone thanked, the new ones welcomed by name', async () => {
    const m = await build('en', [share('Ana', 0, 1), share('Ben', 0, 2), share('Cem', 0, 3)], ['Cem']);
    expect(lines(m)).toContain('Thank you, Ana, Ben and Cem, for working out loud.');
    expect(lines(m)).toContain('A special welcome to Cem, who shared for the first time.');
  });

  test('highlights: at most one share a person, no counts, not ordered by reactions', async () => {
    const m = await build('en', [share('Ana', 9, 1), share('Ana', 8, 2), share('Ana', 7, 3), share('Ben', 2, 4), share('Cem', 0, 5)], []);
    const lines = m.sections.find((s) => s.heading === 'A few highlights')!.lines;
    expect(lines.map((l) => visible(l.text).split(',')[0])).toEqual(['Ana', 'Ben', 'Cem']); // Cem too, though nobody reacted
    expect(JSON.stringify(m)).not.toMatch(/reaction/);
    const two = await build('en', [share('Ana', 9, 1), share('Ana', 8, 2), share('Ana', 7, 3), share('Ben', 2, 4)], []);
    const quotes = two.sections.find((s) => s.heading === 'A few highlights')!.lines.map((l) => l.quote);
    expect(quotes).toHaveLength(2); // Ana is never picked twice
    expect(quotes[1]).toBe('Ben 4');
  });

  test('highlights vary from run to run, and stay the same within one', async () => {
    const { highlights } = await import('../src/core/give/wrapup-content');
    const many = ['Ana', 'Ben', 'Cem', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal'].map((p, i) => ({ ...share(p, 1, i), id: `m${i}`, where: 'slack:C1' }));
    const pick = (seed: string) => highlights(many, seed).map((s) => s.name).join();
    expect(pick('run-a')).toBe(pick('run-a'));
    const seen = new Set(['run-a', 'run-b', 'run-c', 'run-d', 'run-e'].map(pick));
    expect(seen.size).toBeGreaterThan(1);
  });

  test('first-time sharers are welcomed only when the store knows an earlier run; one person is thanked in the singular', async () => {
    expect(lines(await build('en', [share('Ana', 0, 1), share('Ben', 0, 2)], ['Ana', 'Ben']))).not.toContain(expect.stringMatching(/first time/));
    expect(lines(await build('de', [share('Ana', 0, 1)], ['Ana']))[0]).toBe('Danke, Ana, für dein Working Out Loud.');
    expect(lines(await build('de', [share('Ana', 0, 1), share('Ben', 0, 2)], []))[0]).toBe('Danke, Ana und Ben, für euer Working Out Loud.');
  });

  test('one channel is said in words, in English and German', async () => {
    expect((await build('en', [share('Ana', 0, 1)], [])).intro[0]).toBe('1 person shared 1 piece of work in one channel.');
    expect((await build('de', [share('Ana', 0, 1)], [])).intro[0]).toBe('1 Person hat in einem Kanal 1 Beitrag geteilt.');
    expect((await build('de', [share('Ana', 0, 1), share('Ben', 0, 2)], [], 2)).intro[0]).toBe('2 Personen haben in 2 Kanälen 2 Beiträge geteilt.');
    expect(lines(await build('de', [share('Ana', 0, 1)], ['Ana']))).toEqual(['Danke, Ana, für dein Working Out Loud.', 'Day 1 · One: 1 Beitrag', 'Ana, Day 1 · One',
      // The invitation to a circle (issue 25) ends every wrap-up.
      'Mach weiter in einem Working-Out-Loud-Circle: vier oder fünf Leute, die sich zwölf Wochen lang treffen. Sag „circle join“ zu wolbot, dann kommst du in einen Circle in deiner Zeitzone.',
    ]);
  });
});

describe('several programmes', () => {
  test('each channel is welcomed in its own programme’s words and language, once', async () => {
    const { startWolbot } = await import('../src/app');
    const { FakeClock } = await import('./helpers/fake-clock');
    const { tempWorkspace } = await import('./helpers/workspace');
    const ws = tempWorkspace(`admins: [sandbox-user]
programmes:
  - program: wol-week
    start: 2026-11-16
    time: "09:00"
    timezone: Europe/London
    channels: [local:wol]
  - program: wol-woche
    start: 2026-11-23
    time: "09:00"
    timezone: Europe/Berlin
    channels: [local:woche]
`);
    const clock = new FakeClock('2026-11-13T09:00:00Z');
    const app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
    try {
      const welcomes = async (ch: string) => (await app.store.listLocalMessages(ch)).filter((m) => m.kind === 'kickoff').map((m) => (m.body as { title: string }).title);
      await app.tick();
      expect(await welcomes('wol')).toEqual(['International Working Out Loud Week starts Monday 16 November']);
      const [plain] = (await app.store.listLocalMessages('wol')).map((m) => (m.body as { text: string }).text);
      expect(plain).toContain('\n\nWhat is Working Out Loud? https://workingoutloud.com'); // the label's "?" is enough, no "?:"
      expect(await welcomes('woche')).toEqual([]); // ten days away
      clock.set('2026-11-17T09:00:00Z');
      await app.tick();
      await app.tick();
      expect(await welcomes('wol')).toHaveLength(1);
      expect(await welcomes('woche')).toEqual(['Internationale Working-Out-Loud-Woche: Start am Montag, 23. November']);
    } finally {
      await app.stop();
      ws.cleanup();
    }
  });
});

describe('circle companion (gather: false)', () => {
  test('its wrap-up links no gallery and does not say the prompts stay; its meeting numbers add up', async () => {
    const { wrapupContent } = await import('../src/core/give/wrapup-content');
    const { translator } = await import('../src/core/i18n/catalogue');
    const stats = { run: null, people: 0, returning: 0, firstTime: 0, shares: 0, days: [], channels: [], introductions: 0, circles: 0 };
    const m = wrapupContent({ title: 'Circle', stats, headings: new Map(), shares: [], firstTimers: new Set(), galleryUrl: 'https://wol.example.com/', gathers: false, tr: translator('en') });
    expect(m.links).toEqual([]);
    expect(JSON.stringify(m)).not.toMatch(/gallery|stay here/i);
    const yaml = fs.readFileSync(path.join(__dirname, '..', 'schedules', 'circle-companion.yaml'), 'utf8');
    expect(yaml).not.toMatch(/Six meetings done|translated or internal/);
    expect(yaml).toContain('Five meetings done, and this week');
  });

  test('a prompt may close with its own line, or none', async () => {
    const { promptFrame } = await import('../src/core/frame');
    const p = { id: 'p', title: 'P', footer: 'f', prompts: [] };
    expect(promptFrame(p, { day: 1, theme: 'T', text: 't', challenge: 'c', footer: 'Reply with your goal and your offer.' }).invite).toBe('Reply with your goal and your offer.');
    expect(promptFrame(p, { day: 1, theme: 'T', text: 't', challenge: 'c', footer: null }).invite).toBe('');
    expect(promptFrame(p, { day: 1, theme: 'T', text: 't', challenge: 'c' }).invite).toMatch(/^Reply in this thread/);
  });
});
