/** `export --format md` / `/v1/export?format=md`: a report a community manager can forward. */
import { FakeClock } from './helpers/fake-clock';
import { localPeople } from './helpers/local-people';
import { sandboxAppForTests } from './helpers/sandbox-app';

describe('Markdown report', () => {
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  const app = sandboxAppForTests(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [sandbox-user]
channels:
  - local:general
  - { id: "local:ny", timezone: America/New_York }
`, clock);

  test('days in order, local times, names, links, the sponsor figures, and a day posted twice in one channel counted right', async () => {
    const people = localPeople(app, () => clock.now());
    await app.tick(); // day 1 in local:general (London 09:00)
    clock.set('2026-11-16T09:30:00Z');
    await app.core.postDay(1, { channel: (await app.store.getChannel('local', 'general'))!, again: true }); // posted twice here
    const day1 = (await app.core.exportPosts({ day: 1 })).posts;
    await people.reply('ana', 'general', day1[0]!.thread, 'Draft plan | see https://example.com/plan', 'Ana');
    clock.set('2026-11-17T10:00:00Z');
    await app.core.postDay(2);
    const day2 = (await app.core.exportPosts({ day: 2 })).posts;
    await people.reply('ana', 'general', day2.find((p) => p.channel === 'general')!.thread, 'Back again', 'Ana');
    await people.reply('ben', 'ny', day2.find((p) => p.channel === 'ny')!.thread, 'First time here', 'Ben');

    const md = await (await fetch(`${app.url}/v1/export?format=md`)).text();
    expect(md.indexOf('## Day 1 · Connection')).toBeLessThan(md.indexOf('## Day 2 · Sharing'));
    expect(md).toContain('2 posts in 1 channel, 1 share.');
    expect(md).toContain('2 posts in 2 channels, 2 shares.');
    expect(md).toContain('Posted Monday, 16 November 2026 at 09:00 (Europe/London)\n');
    expect(md).toContain('Posted Tuesday, 17 November 2026 at 05:00 (America/New_York)');
    expect(md).toContain('Posted Monday, 16 November 2026 at 09:30 (Europe/London) — posted again');
    expect(md).toContain('**Ana** · Mon 09:30');
    expect(md).toContain('Draft plan \\| see https://example.com/plan');
    expect(md).toContain('- 2 people took part');
    expect(md).toContain('- 1 person shared on two or more days');
    expect(md).toContain('- 2 people shared for the first time');
    expect(md).toContain('| 2 | Sharing | 2 | 2 |');
    expect(md).toContain('| 3 | Learning | — | — |');
    expect(md).not.toMatch(/0 reactions/);

    // One day's report keeps the run's figures: the other posted days are not shown as gaps.
    const day2md = await (await fetch(`${app.url}/v1/export?format=md&day=2`)).text();
    expect(day2md).not.toContain('## Day 1 · Connection');
    expect(day2md).toContain('| 1 | Connection | 1 | 1 |');
    expect(day2md).toContain('| 2 | Sharing | 2 | 2 |');
    expect(day2md).toContain('| 3 | Learning | — | — |');
  });
});

describe('Markdown report of two programmes (wol-week and wol-woche)', () => {
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  const app = sandboxAppForTests(`admins: [sandbox-user]
programmes:
  - program: wol-week
    start: 2026-11-16
    time: "09:00"
    timezone: Europe/London
    channels: [local:general]
  - program: wol-woche
    start: 2026-11-16
    time: "09:00"
    timezone: Europe/Berlin
    channels: [local:de]
`, clock);

  test('one section per run, each under its own title, in its own language and zone, both shares present', async () => {
    const people = localPeople(app, () => clock.now());
    await app.tick();
    const posts = (await app.core.exportPosts()).posts;
    await people.reply('ana', 'general', posts.find((p) => p.channel === 'general')!.thread, 'My English share', 'Ana');
    await people.reply('jonas', 'de', posts.find((p) => p.channel === 'de')!.thread, 'Mein deutscher Beitrag', 'Jonas');

    const md = await (await fetch(`${app.url}/v1/export?format=md`)).text();
    const week = md.indexOf('# International Working Out Loud Week\n');
    const woche = md.indexOf('# Internationale Working-Out-Loud-Woche\n');
    expect(week).toBeGreaterThanOrEqual(0);
    expect(woche).toBeGreaterThan(week);
    const english = md.slice(week, woche);
    const german = md.slice(woche);
    expect(english).toContain('## Day 1 · Connection');
    expect(english).toContain('My English share');
    expect(english).toContain('(Europe/London)');
    expect(english).not.toMatch(/Tag \d|Mein deutscher Beitrag|Europe\/Berlin/);
    expect(german).toMatch(/## Tag 1 · /);
    expect(german).toContain('Mein deutscher Beitrag');
    expect(german).toContain('Gepostet Montag, 16. November 2026 um 10:00 (Europe/Berlin)');
    expect(german).not.toMatch(/Day \d|My English share|Europe\/London/);
  });
});
