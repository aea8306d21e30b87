import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './helpers/cli';
import { tempWorkspace } from './helpers/workspace';

describe('wolbot check / usage / bad input', () => {
  const ws = tempWorkspace(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [U0ADMIN01]
channels:
  - local:general
  - { id: "local:ny", timezone: America/New_York, time: "10:00" }
`);
  const env = { DATABASE_URL: 'sqlite:data/w.db', LOG_LEVEL: 'warn' };
  afterAll(() => ws.cleanup());

  test('prints the five themes in order with local and UTC times for every channel', async () => {
    const r = await runCli(['check', '--config', ws.config], { cwd: ws.dir, env });
    expect(r.code).toBe(0);
    const themes = [...r.stdout.matchAll(/day (\d)\s+(\S[\w ]*?)\s{2,}/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(themes.slice(0, 5)).toEqual(['1 Connection', '2 Sharing', '3 Learning', '4 Problem Solving', '5 Innovation']);
    expect(r.stdout).toMatch(/local:general — Europe\/London, 09:00/);
    expect(r.stdout).toMatch(/day 1\s+Connection\s+2026-11-16 09:00 Europe\/London\s+2026-11-16T09:00Z\s+(past|due|upcoming)/);
    expect(r.stdout).toMatch(/day 5\s+Innovation\s+2026-11-20 10:00 America\/New_York\s+2026-11-20T15:00Z/);
  });

  test('names the programme language: Japanese and German are complete (nothing missing, nothing in English)', async () => {
    const prog = path.join(ws.dir, 'nihongo.yaml');
    fs.writeFileSync(prog, ['title: 週次', 'language: ja', 'cadence: weekly', 'prompts:', '  - { day: 1, theme: 始める, text: テキスト, challenge: 課題 }', ''].join('\n'));
    const cfg = path.join(ws.dir, 'ja.yaml');
    fs.writeFileSync(cfg, ['program: nihongo.yaml', 'start: 2026-11-16', 'time: "09:00"', 'timezone: Asia/Tokyo', ''].join('\n'));
    const ja = await runCli(['check', '--config', cfg], { cwd: ws.dir, env });
    expect(ja.code).toBe(0);
    expect(ja.stdout).toMatch(/^Language: ja \(catalogue complete\)$/m);
    expect(ja.stdout).not.toMatch(/missing/);
    fs.writeFileSync(cfg, ['program: wol-woche', 'start: 2026-11-16', 'time: "09:00"', 'timezone: Europe/Berlin', ''].join('\n'));
    const de = await runCli(['check', '--config', cfg], { cwd: ws.dir, env });
    expect(de.stdout).toMatch(/^Language: de \(catalogue complete\)$/m);
    expect(de.stdout).toMatch(/day 4\s+Probleme lösen/);
  });

  test('exits 1 naming file, line and field for a bad time, an unknown timezone and an unknown platform', async () => {
    const bad = path.join(ws.dir, 'bad.yaml');
    fs.writeFileSync(bad, ['program: wol-week', 'start: 2026-11-16', 'time: "25:00"', 'timezone: Mars/Olympus', 'channels:', '  - irc:general', ''].join('\n'));
    const r = await runCli(['check', '--config', bad], { cwd: ws.dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^bad\.yaml:3: time: .+/),
      expect.stringMatching(/^bad\.yaml:4: timezone: .+/),
      expect.stringMatching(/^bad\.yaml:6: channels\[0\]: .*irc/),
    ]));
  });

  test('a missing config file named by WOLBOT_CONFIG: exit 1 naming it', async () => {
    const r = await runCli(['status'], { cwd: ws.dir, env: { ...env, WOLBOT_CONFIG: 'nope.yaml' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.yaml');
  });

  test('a database path that cannot be opened: exit 1 naming it', async () => {
    fs.writeFileSync(path.join(ws.dir, 'afile'), 'x');
    const r = await runCli(['status'], { cwd: ws.dir, env: { ...env, WOLBOT_CONFIG: ws.config, DATABASE_URL: 'sqlite:afile/sub/w.db' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(path.join(ws.dir, 'afile', 'sub', 'w.db'));
  });

  test.each([
    [['post'], /the day is required: post N \(or post --day N\)/],
    [['post', '--day', 'two'], /--day must be a positive whole number/],
    [['post', '--day', '2', '--channel', 'general'], /--channel must look like/],
    [['export', '--format', 'xml'], /--format must be json, csv or md/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['status', '--verbose'], /^wolbot: unknown option --verbose\n/],
  ])('usage error %j: a usage line, exit 2, nothing changed', async (args, message) => {
    const before = fs.existsSync(path.join(ws.dir, 'data', 'w.db')) ? fs.statSync(path.join(ws.dir, 'data', 'w.db')).mtimeMs : 0;
    const r = await runCli(args as string[], { cwd: ws.dir, env: { ...env, WOLBOT_CONFIG: ws.config } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage: wolbot/);
    expect(r.stdout).toBe('');
    const after = fs.existsSync(path.join(ws.dir, 'data', 'w.db')) ? fs.statSync(path.join(ws.dir, 'data', 'w.db')).mtimeMs : 0;
    expect(after).toBe(before);
  });

  test('--help on each command prints its usage and exits 0', async () => {
    for (const c of ['check', 'post', 'export', 'status', 'backup']) {
      const r = await runCli([c, '--help'], { cwd: ws.dir, env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: wolbot ${c}`));
    }
  });
});
