/** Several programmes in one config, each channel in its own programme's run, at its own times (fake clock). */
import { loadSettings } from '../src/config';
import { FakeClock } from './helpers/fake-clock';
import { sandboxAppForTests } from './helpers/sandbox-app';
import { tempWorkspace } from './helpers/workspace';
import { twoProgrammesYaml } from './helpers/two-programmes';

describe('several programmes in one config', () => {
  const clock = new FakeClock('2026-11-16T08:59:00Z');
  const app = sandboxAppForTests(twoProgrammesYaml('admins: [sandbox-user]\n'), clock);
  const prompts = async (channel: string) => (await app.store.listLocalMessages(channel)).filter((m) => m.kind === 'prompt');
  const api = (path: string, body: unknown) =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ text: string; followUps: string[] }>);

  test('WOL Week in two channels and a weekly series in a third each post at their own times, into their own runs', async () => {
    await app.tick();
    expect(await prompts('wol-a')).toHaveLength(0);
    clock.set('2026-11-16T09:00:30Z'); // 09:00 London
    await app.tick();
    expect((await prompts('wol-a')).map((m) => (m.body as { day: number }).day)).toEqual([1]);
    expect(await prompts('wol-b')).toHaveLength(0);
    expect(await prompts('circle')).toHaveLength(0);
    clock.set('2026-11-16T12:30:30Z'); // 13:30 Berlin
    await app.tick();
    expect(await prompts('circle')).toHaveLength(1);
    expect(await prompts('wol-b')).toHaveLength(0);
    clock.set('2026-11-16T14:00:30Z'); // 09:00 New York
    await app.tick();
    expect(await prompts('wol-b')).toHaveLength(1);
    // Tuesday: WOL Week's day 2 in its channels; the weekly series waits a week.
    clock.set('2026-11-17T09:00:30Z');
    await app.tick();
    clock.set('2026-11-17T14:00:30Z');
    await app.tick();
    expect(await prompts('wol-a')).toHaveLength(2);
    expect(await prompts('wol-b')).toHaveLength(2);
    expect(await prompts('circle')).toHaveLength(1);
    const rows = await app.store.listDeliveries({ kinds: ['prompt'], states: ['sent'] });
    expect([...new Set(rows.map((r) => `${r.channelId} ${r.run}`))].sort()).toEqual([
      'circle weekly-habits@2026-11-16', 'wol-a wol-week@2026-11-16', 'wol-b wol-week@2026-11-16',
    ]);
  });

  test('chat words act on the run of the channel they are said in', async () => {
    // In the weekly series N is the week (as its posts say "Week 2"): `post week 2` is day 8.
    const eight = await api('/v1/commands', { channel: 'circle', text: 'post 8' });
    expect(eight.text).toMatch(/has no week 8; its weeks are 1, 2, 3, 4/);
    const said = await api('/v1/commands', { channel: 'circle', text: 'post week 2' });
    expect(said.text).toMatch(/^Posting week 2 /);
    // Its answers count weeks too: the organizer said week 2, not day 8.
    expect(said.followUps.join('\n')).toMatch(/^Week 2 posted in 1 channel: local:circle\.$/m);
    const twice = await api('/v1/commands', { channel: 'circle', text: 'post 2' });
    expect(twice.followUps.join('\n')).toMatch(/^local:circle: week 2 was already posted at 2026-11-17 \d\d:\d\d \(Europe\/Berlin\)\. Say `post week 2 again` to post it again\.$/m);
    const inWol = await api('/v1/commands', { channel: 'wol-a', text: 'post 8' });
    expect(inWol.text).toMatch(/has no day 8; its days are 1, 2, 3, 4, 5/);
    expect((await api('/v1/commands', { channel: 'wol-a', text: 'post week 2' })).text).toMatch(/counts days, not weeks/);
    // `digest N`: an earlier week's digest, not only the latest.
    expect((await api('/v1/commands', { channel: 'circle', text: 'digest 3' })).text).toMatch(/Week 3 has not been posted in this channel/);
    expect((await api('/v1/commands', { channel: 'circle', text: 'digest 1' })).text).toBe('Posted the digest of week 1 in its thread.');
    expect((await api('/v1/commands', { channel: 'circle', text: 'digest 1' })).text).toBe('The digest of week 1 is already in its thread; a thread gets one digest.');
    // WOL Week, beside it, still counts days.
    expect((await api('/v1/commands', { channel: 'wol-a', text: 'digest 1' })).text).toBe('Posted the digest of day 1 in its thread.');
    expect((await prompts('circle')).map((m) => (m.body as { day: number }).day)).toEqual([1, 8]);
    expect(await prompts('wol-a')).toHaveLength(2);
    const status = await api('/v1/commands', { channel: 'wol-a', text: 'status' }); // sandbox-user is an admin: every channel
    expect(status.text).toMatch(/Four Weeks of Working Out Loud[\s\S]*local:circle \(Europe\/Berlin, 13:30\)/);
    expect(status.text).toMatch(/local:wol-b \(America\/New_York, 09:00\)/);
    // Each programme counts its own way: WOL Week by day, the weekly series by week (week 2 is its day 8).
    expect(status.text).toContain('Programme: International Working Out Loud Week (wol-week), day 1 = 2026-11-16, days 1, 2, 3, 4, 5, posts at');
    expect(status.text).toContain('Programme: Four Weeks of Working Out Loud (weekly-habits), week 1 = 2026-11-16, weeks 1, 2, 3, 4, posts at 13:30 Europe/Berlin');
    const circle = status.text.slice(status.text.indexOf('local:circle ('));
    expect(circle).toMatch(/^ {2}next: week 3 Pass on what you learn at 2026-11-30 13:30 Europe\/Berlin \(2026-11-30T12:30:00\.000Z\)$/m);
    expect(circle).toMatch(/^ {2}week 1 Make your work visible: posted 2026-11-16 13:30$/m);
    expect(circle).toMatch(/^ {2}week 2 Offer often, ask early: posted 2026-11-17 \d\d:\d\d$/m);
    expect(circle).not.toMatch(/\bday \d/);
    expect(status.text).toMatch(/^ {2}day 1 Connection: posted 2026-11-16 09:00$/m);
  });

  test('a channel in two programmes is a config error with file and line', () => {
    const bad = tempWorkspace(`programmes:
  - program: wol-week
    start: 2026-11-16
    time: "09:00"
    timezone: Europe/London
    channels: [local:shared]
  - program: weekly-habits
    start: 2026-11-16
    time: "09:00"
    timezone: Europe/London
    channels:
      - local:other
      - local:shared
start: 2026-11-16
`);
    try {
      let problems: string[] = [];
      try {
        loadSettings(bad.config, bad.dir, { now: clock.now() });
      } catch (err) {
        problems = (err as { problems: string[] }).problems;
      }
      expect(problems).toEqual([
        expect.stringMatching(/^wolbot\.yaml:13: programmes\[1\]\.channels\[1\]: channel local:shared is already in another programme \(programmes\[0\]\.channels\[0\]\)/),
        expect.stringMatching(/^wolbot\.yaml:14: start: belongs inside an item of `programmes:`/),
      ]);
    } finally {
      bad.cleanup();
    }
  });
});
