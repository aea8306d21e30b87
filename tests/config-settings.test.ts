import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadSettings, parseChannelSpec, parseDuration, demoAnchor, readDemoAnchor, schedulesDir } from '../src/config';

const NOW = new Date('2026-11-10T12:00:00Z');

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-config-'));
}

function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.message).toBe(e.problems.join('\n'));
    return e.problems;
  }
  throw new Error('expected a ConfigError');
}

const CONTRACT_EXAMPLE = `program: wol-week            # a file in schedules/ (schedules/wol-week.yaml) or a path
start: 2026-11-16            # local date of day 1
time: "09:00"                # local time of each day's post
timezone: Europe/London      # IANA zone; default for every channel
digest: "17:00"              # optional local time of the daily digest
grace: 4h                    # optional: how late a post missed by downtime is still made up
admins: [U0ADMIN01, "29:1a2b…"]   # platform user ids allowed to run admin commands
channels:                    # may be empty or absent: channels can be subscribed at run time
  - slack:C0123ABC
  - { id: "teams:19:abc@thread.tacv2", timezone: America/New_York, time: "10:00" }
`;

describe('loadSettings: organizer config', () => {
  test('the contract example from DESIGN.md loads (Teams id with colons kept whole)', () => {
    const dir = tmpdir();
    write(dir, 'wolbot.yaml', CONTRACT_EXAMPLE);
    const r = loadSettings('wolbot.yaml', dir, { now: NOW });
    expect(r.demo).toBe(false);
    expect(r.configFile).toBe(path.join(dir, 'wolbot.yaml'));
    expect(r.programmeFile).toBe(path.join(schedulesDir(), 'wol-week.yaml'));
    const s = r.settings;
    expect(s.start).toBe('2026-11-16');
    expect(s.time).toBe('09:00');
    expect(s.timezone).toBe('Europe/London');
    expect(s.digest).toBe('17:00');
    expect(s.graceMs).toBe(4 * 3600_000);
    expect(s.retentionMs).toBe(365 * 86_400_000);
    expect(s.admins).toEqual(['U0ADMIN01', '29:1a2b…']);
    expect(s.channels).toEqual([
      { platform: 'slack', channelId: 'C0123ABC' },
      { platform: 'teams', channelId: '19:abc@thread.tacv2', timezone: 'America/New_York', time: '10:00' },
    ]);
    expect(s.programme.id).toBe('wol-week');
    expect(s.programme.prompts.map((p) => p.day)).toEqual([1, 2, 3, 4, 5]);
  });

  test('defaults: no digest, grace 4h, retention 365d, admins and channels empty when absent', () => {
    const dir = tmpdir();
    write(dir, 'c.yaml', 'program: wol-week\nstart: 2026-11-16\ntime: "08:30"\ntimezone: UTC\nadmins:\n');
    const s = loadSettings(path.join(dir, 'c.yaml'), '/', { now: NOW }).settings;
    expect(s.digest).toBeUndefined();
    expect(s.graceMs).toBe(4 * 3600_000);
    expect(s.retentionMs).toBe(365 * 86_400_000);
    expect(s.admins).toEqual([]);
    expect(s.channels).toEqual([]);
  });

  test('JSON is accepted too', () => {
    const dir = tmpdir();
    write(
      dir,
      'wolbot.json',
      JSON.stringify({ program: 'wol-week', start: '2026-11-16', time: '09:00', timezone: 'Asia/Kolkata', grace: '1h30m', retention: '30d', channels: ['local:general'] }),
    );
    const s = loadSettings('wolbot.json', dir, { now: NOW }).settings;
    expect(s.graceMs).toBe(90 * 60_000);
    expect(s.retentionMs).toBe(30 * 86_400_000);
    expect(s.channels).toEqual([{ platform: 'local', channelId: 'general' }]);
  });

  test('a programme given as a path relative to the config file', () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'conf'));
    write(dir, 'conf/mine.yaml', 'title: Mine\nprompts:\n  - { day: 1, theme: Hello, text: Some text, challenge: Do a thing }\n');
    write(dir, 'conf/wolbot.yaml', 'program: ./mine.yaml\nstart: 2026-11-16\ntime: "09:00"\ntimezone: UTC\n');
    const r = loadSettings('conf/wolbot.yaml', dir, { now: NOW });
    expect(r.programmeFile).toBe(path.join(dir, 'conf', 'mine.yaml'));
    expect(r.settings.programme.id).toBe('mine');
    expect(r.settings.programme.footer).toMatch(/gallery/); // the default footer
  });

  test('every problem of both files is reported at once, each as FILE:LINE: field: problem', () => {
    const dir = tmpdir();
    write(
      dir,
      'prog.yaml',
      [
        'title: Broken', //                                   1
        'prompts:', //                                        2
        '  - day: 1', //                                      3
        '    theme: One', //                                  4
        '    text: Text', //                                  5
        '    challenge: Do it', //                            6
        '  - day: 1', //                                      7  duplicate
        '    theme: Again', //                                8
        '    text: Text', //                                  9
        '    challenge: Do it', //                            10
        '  - day: 0', //                                      11 not positive
        '    theme: Zero', //                                 12
        '    text: Text', //                                  13
        '    challenge: Do it', //                            14
        '  - day: 1.5', //                                    15 not whole
        '    theme: Half', //                                 16
        '    text: Text', //                                  17
        '    challenge: Do it', //                            18
        '  - day: "x"', //                                    19 not a number
        '    theme: Ex', //                                   20
        '    text: Text', //                                  21
        '    challenge: Do it', //                            22
        '  - day: 100', //                                    23
        `    theme: ${'T'.repeat(141)}`, //                   24 141 > 150 - "Day 100 · ".length = 140
        '    text: Text', //                                  25
        '    challenge: Do it', //                            26
        '  - day: 6', //                                      27 missing challenge → this line
        '    theme: Six', //                                  28
        '    text: ""', //                                    29 empty
        '',
      ].join('\n'),
    );
    write(
      dir,
      'wolbot.yaml',
      [
        'program: prog.yaml', //                              1
        'start: 2026-02-30', //                               2 not a real date
        'time: "25:00"', //                                   3
        'timezone: Europe/Londn', //                          4
        'timezon: UTC', //                                    5 unknown key
        'grace: soon', //                                     6
        'channels:', //                                       7
        '  - slack:C1', //                                    8
        '  - irc:general', //                                 9 unknown platform
        '  - slack:C1', //                                    10 duplicate
        '  - { id: "teams:19:a@thread.tacv2", time: "9am" }', // 11
        '  - { id: "local:", tz: UTC }', //                   12 empty id + unknown key
        '',
      ].join('\n'),
    );
    const problems = problemsOf(() => loadSettings('wolbot.yaml', dir, { now: NOW }));
    const expected = [
      /^wolbot\.yaml:2: start: expected a real date YYYY-MM-DD/,
      /^wolbot\.yaml:3: time: expected a time HH:MM/,
      /^wolbot\.yaml:4: timezone: unknown IANA time zone "Europe\/Londn"/,
      /^wolbot\.yaml:5: timezon: unknown key \(did you mean timezone\?\)/,
      /^wolbot\.yaml:6: grace: expected a duration/,
      /^wolbot\.yaml:9: channels\[1\]: unknown platform "irc"/,
      /^wolbot\.yaml:10: channels\[2\]: duplicate channel slack:C1/,
      /^wolbot\.yaml:11: channels\[3\]\.time: expected a time HH:MM/,
      /^wolbot\.yaml:12: channels\[4\]\.tz: unknown key/,
      /^wolbot\.yaml:12: channels\[4\]\.id: missing channel id after "local:"/,
      /^prog\.yaml:7: prompts\[1\]\.day: duplicate day 1/,
      /^prog\.yaml:11: prompts\[2\]\.day: expected a positive whole number, got 0$/,
      /^prog\.yaml:15: prompts\[3\]\.day: expected a positive whole number, got 1\.5$/,
      /^prog\.yaml:19: prompts\[4\]\.day: expected a positive whole number, got "x"$/,
      /^prog\.yaml:24: prompts\[5\]\.theme: is 141 characters; at most 140 fit/,
      /^prog\.yaml:27: prompts\[6\]\.challenge: is required$/,
      /^prog\.yaml:29: prompts\[6\]\.text: must not be empty$/,
    ];
    // In file order, then line order.
    expect(problems).toEqual(expected.map((re) => expect.stringMatching(re)));
  });

  test('programme limits: text over 3000 characters, a whole prompt over 28 KB, an unknown prompt key', () => {
    const dir = tmpdir();
    const emoji = '😀'.repeat(3000); // 3000 characters, 12000 bytes
    write(
      dir,
      'big.yaml',
      [
        'title: Big', //                                            1
        `footer: "${emoji}"`, //                                    2
        'prompts:', //                                              3
        `  - { day: 1, theme: A, text: "${'x'.repeat(3001)}", challenge: C }`, // 4
        `  - { day: 2, theme: B, text: "${emoji}", challenge: "${emoji}" }`, //   5
        '  - { day: 3, theme: C, text: T, challenge: C, challange: D }', //        6
        '',
      ].join('\n'),
    );
    write(dir, 'w.yaml', 'program: big.yaml\nstart: 2026-11-16\ntime: "09:00"\ntimezone: UTC\n');
    expect(problemsOf(() => loadSettings('w.yaml', dir, { now: NOW }))).toEqual([
      expect.stringMatching(/^big\.yaml:4: prompts\[0\]\.text: is 3001 characters; at most 3000/),
      expect.stringMatching(/^big\.yaml:5: prompts\[1\]: the whole prompt is \d+ bytes; a Teams message holds at most 28672$/),
      expect.stringMatching(/^big\.yaml:6: prompts\[2\]\.challange: unknown key \(did you mean challenge\?\)/),
    ]);
  });

  test('a problem is one line even when the quoted value holds line breaks (U+2028, CR)', () => {
    const dir = tmpdir();
    const file = write(dir, 'wolbot.yaml', 'program: wol-week\nstart: "2026-11-16\u2028x"\ntime: "09:00\\r"\ntimezone: Europe/London\n');
    const problems = problemsOf(() => loadSettings(file, dir, { now: NOW }));
    expect(problems).toEqual([
      expect.stringMatching(/^wolbot\.yaml:2: start: .*\\u2028x/),
      expect.stringMatching(/^wolbot\.yaml:3: time: .*\\r/),
    ]);
    for (const p of problems) expect(p).toMatch(/^[^\n\r\u2028\u2029]+$/);
  });

  test('a missing required field is reported on its parent line', () => {
    const dir = tmpdir();
    write(dir, 'w.yaml', '# organizer config\n\nprogram: wol-week\ntime: "09:00"\n');
    const problems = problemsOf(() => loadSettings('w.yaml', dir, { now: NOW }));
    expect(problems).toEqual([
      'w.yaml:3: start: is required',
      'w.yaml:3: timezone: is required',
    ]);
  });

  test('an unknown programme name names the known ones', () => {
    const dir = tmpdir();
    write(dir, 'w.yaml', 'start: 2026-11-16\nprogram: nope\ntime: "09:00"\ntimezone: UTC\n');
    const problems = problemsOf(() => loadSettings('w.yaml', dir, { now: NOW }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^w\.yaml:2: program: no programme "nope" in .*known: .*wol-week/);
  });

  test('YAML syntax errors and duplicate keys carry their line', () => {
    const dir = tmpdir();
    write(dir, 'dup.yaml', 'program: wol-week\nstart: 2026-11-16\ntime: "09:00"\ntimezone: UTC\ntime: "10:00"\n');
    expect(problemsOf(() => loadSettings('dup.yaml', dir, { now: NOW }))).toEqual([
      expect.stringMatching(/^dup\.yaml:5: yaml: Map keys must be unique/),
    ]);
    write(dir, 'bad.yaml', 'program: wol-week\nchannels: [slack:C1,\n');
    const p = problemsOf(() => loadSettings('bad.yaml', dir, { now: NOW }));
    expect(p.length).toBeGreaterThan(0);
    for (const line of p) expect(line).toMatch(/^bad\.yaml:\d+: yaml: /);
  });

  test('an empty file or a list at the top is refused clearly', () => {
    const dir = tmpdir();
    write(dir, 'empty.yaml', '');
    expect(problemsOf(() => loadSettings('empty.yaml', dir, { now: NOW }))).toEqual([
      expect.stringMatching(/^empty\.yaml:1: \(document\): expected a mapping of settings/),
    ]);
    write(dir, 'list.yaml', '- a\n- b\n');
    expect(problemsOf(() => loadSettings('list.yaml', dir, { now: NOW }))[0]).toMatch(/^list\.yaml:1: \(document\): expected a mapping/);
  });

  test('a missing config file is a ConfigError naming the path', () => {
    const dir = tmpdir();
    const problems = problemsOf(() => loadSettings(path.join(dir, 'missing.yaml'), '/', { now: NOW }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(path.join(dir, 'missing.yaml'));
    expect(problems[0]).toMatch(/file not found/);
  });
});

describe('loadSettings: demo', () => {
  test('null config path gives the built-in demo anchored at the given time', () => {
    const anchor = { start: '2026-11-10', time: '13:07', timezone: 'Europe/Berlin' };
    const r = loadSettings(null, tmpdir(), { demoAnchor: anchor, now: NOW });
    expect(r.demo).toBe(true);
    expect(r.configFile).toBe('(built-in demo)');
    expect(r.programmeFile).toBe(path.join(schedulesDir(), 'wol-week.yaml'));
    expect(r.settings).toMatchObject({
      start: '2026-11-10',
      time: '13:07',
      timezone: 'Europe/Berlin',
      admins: ['sandbox-user'],
      channels: [{ platform: 'local', channelId: 'general' }],
      graceMs: 4 * 3600_000,
    });
    expect(r.settings.digest).toBeUndefined();
    expect(r.settings.programme.id).toBe('wol-week');
  });

  test('demoAnchor: the machine zone, today, the current minute rounded down', () => {
    const now = new Date('2026-11-10T12:34:56.789Z');
    const a = demoAnchor(now);
    expect(a.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: a.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(now);
    const get = (t: string) => parts.find((p) => p.type === t)!.value;
    expect(a.start).toBe(`${get('year')}-${get('month')}-${get('day')}`);
    expect(a.time).toBe(`${get('hour')}:${get('minute')}`);
    // Without an explicit anchor, loadSettings uses demoAnchor(now).
    expect(loadSettings(null, tmpdir(), { now }).settings).toMatchObject({ start: a.start, time: a.time, timezone: a.timezone });
  });

  test('readDemoAnchor: reads back what the store kept, and names a stored text that is not one', () => {
    const a = demoAnchor(new Date('2026-11-10T12:34:56.789Z'));
    expect(readDemoAnchor(JSON.stringify(a))).toEqual(a);
    for (const bad of ['not json', 'null', '{"start":"2026-11-10","time":"9am","timezone":"UTC"}', '{"start":"2026-11-10","time":"09:00"}']) {
      expect(() => readDemoAnchor(bad)).toThrow(/demo\.anchor is not a demo start/);
    }
  });
});

describe('helpers', () => {
  test('parseDuration', () => {
    expect(parseDuration('30m')).toBe(30 * 60_000);
    expect(parseDuration('4h')).toBe(4 * 3600_000);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('2d')).toBe(2 * 86_400_000);
    expect(parseDuration('365d')).toBe(365 * 86_400_000);
    for (const bad of ['', '4', 'h', '30m4h', '1.5h', '-4h', '4 hours']) expect(parseDuration(bad)).toBeNull();
  });

  test('parseChannelSpec splits on the first colon only', () => {
    expect(parseChannelSpec('teams:19:abc@thread.tacv2')).toEqual({ platform: 'teams', channelId: '19:abc@thread.tacv2' });
    expect(parseChannelSpec('slack:C0123ABC')).toEqual({ platform: 'slack', channelId: 'C0123ABC' });
    expect(parseChannelSpec('local:general')).toEqual({ platform: 'local', channelId: 'general' });
    expect(parseChannelSpec('irc:x')).toEqual({ error: expect.stringMatching(/unknown platform "irc"/) });
    expect(parseChannelSpec('slack:')).toEqual({ error: expect.stringMatching(/missing channel id/) });
    expect(parseChannelSpec('C0123')).toEqual({ error: expect.stringMatching(/platform:id/) });
  });
});
