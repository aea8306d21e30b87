/** Runs on the CLI: a new start is a new run; past runs stay in status and export; check only reads. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { runCli } from './helpers/cli';
import { tempWorkspace } from './helpers/workspace';

const config = (start: string, extra = '') => `program: wol-week
start: ${start}
time: "9:00"
timezone: UTC
admins: [sandbox-user]
channels: [local:general${extra}]
`;

describe('runs on the CLI (sandbox platform, SQLite)', () => {
  // Dates from the real clock (the CLI runs on it): the first run is over, the second is ahead.
  const today = DateTime.utc();
  const oldStart = today.minus({ days: 21 }).toFormat('yyyy-MM-dd');
  const newStart = today.plus({ days: 14 }).toFormat('yyyy-MM-dd');
  const ws = tempWorkspace(config(oldStart));
  const env = { DATABASE_URL: 'sqlite:data/w.db', WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'warn' };
  const cli = (...args: string[]) => runCli(args, { cwd: ws.dir, env });
  afterAll(() => ws.cleanup());

  test('a run posted on one start, then a later start: day 1 is upcoming again, `post 1` posts it, the old thread stays in `export --run`', async () => {
    const first = await cli('post', '1');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Day 1 posted in 1 channel: local:general/);
    const [oldPost] = (JSON.parse((await cli('export')).stdout) as { posts: { thread: string; run: string }[] }).posts;
    expect(oldPost).toMatchObject({ run: `wol-week@${oldStart}` });

    fs.writeFileSync(ws.config, config(newStart));
    const status = await cli('status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`day 1 = ${newStart}`);
    expect(status.stdout).toMatch(new RegExp(`next: day 1 Connection at ${newStart} 09:00 UTC`));
    expect(status.stdout).not.toMatch(/day 1 Connection: posted/);

    const again = await cli('post', '1');
    expect(again.stdout).toMatch(/Day 1 posted in 1 channel: local:general/);
    const current = JSON.parse((await cli('export')).stdout) as { posts: { thread: string; run: string }[] };
    expect(current.posts.map((p) => p.run)).toEqual([`wol-week@${newStart}`]);
    expect(current.posts[0]!.thread).not.toBe(oldPost!.thread);

    const past = JSON.parse((await cli('export', '--run', oldStart)).stdout) as { posts: { thread: string }[] };
    expect(past.posts.map((p) => p.thread)).toEqual([oldPost!.thread]);
    const pastStatus = await cli('status', '--run', oldStart);
    expect(pastStatus.stdout).toMatch(new RegExp(`Run wol-week@${oldStart}: a past run`));
    expect(pastStatus.stdout).toMatch(/day 1 Connection: posted/);
    expect((await cli('status', '--run', 'last-year')).code).toBe(2);
  });

  test('`channels remove` forgets a channel a draft config left behind, and refuses one still in the config', async () => {
    fs.writeFileSync(ws.config, config(newStart, ', local:draft'));
    expect((await cli('status')).stdout).toContain('local:draft');
    fs.writeFileSync(ws.config, config(newStart));
    expect((await cli('status')).stdout).toMatch(/local:draft .*inactive: removed from config/);
    const kept = await cli('channels', 'remove', 'local:general');
    expect(kept.code).toBe(1);
    expect(kept.stderr).toMatch(/local:general is in the config/);
    const gone = await cli('channels', 'remove', 'local:draft');
    expect(gone.code).toBe(0);
    expect(gone.stdout).toMatch(/Forgot local:draft/);
    expect((await cli('status')).stdout).not.toContain('local:draft');
    expect((await cli('channels', 'remove', 'local:draft')).code).toBe(1);
    expect((await cli('channels', 'remove', 'draft')).code).toBe(2);
  });

  test('usage errors say what is wrong in wolbot\'s words: a day no programme has, an option a command does not take', async () => {
    const noDay = await cli('export', '--day', '9', '--format', 'md');
    expect(noDay.code).toBe(2);
    expect(noDay.stdout).toBe('');
    expect(noDay.stderr).toMatch(/^wolbot: no programme has a day 9; its days are 1, 2, 3, 4, 5\n/);
    const option = await cli('status', '--programme', 'wol-week');
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^wolbot: unknown option --programme\n/);
    expect(option.stderr).not.toContain("'--'");
    const noRun = await cli('status', '--run', '2020-01-01');
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toMatch(/^wolbot: no run started on 2020-01-01; the runs are .*wol-week@\d{4}-\d{2}-\d{2} \(current\)/);
  });
});

describe('wolbot check only reads', () => {
  const files = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
  const digest = (dir: string) =>
    Object.fromEntries(files(dir).map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]));

  test('a database path that does not exist: nothing is created', async () => {
    const ws = tempWorkspace(config('2026-11-19'));
    try {
      const r = await runCli(['check'], { cwd: ws.dir, env: { DATABASE_URL: 'sqlite:data/never.db', WOLBOT_CONFIG: ws.config } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Store: no store yet at .*never\.db \(check does not create one\)/);
      expect(fs.existsSync(path.join(ws.dir, 'data'))).toBe(false);
    } finally {
      ws.cleanup();
    }
  });

  test('an existing store is byte-identical afterwards, and check still shows what it holds', async () => {
    const ws = tempWorkspace(config('2026-11-19'));
    const env = { DATABASE_URL: 'sqlite:data/w.db', WOLBOT_CONFIG: ws.config };
    try {
      expect((await runCli(['post', '1'], { cwd: ws.dir, env })).code).toBe(0);
      // A draft config naming another channel: check must not add it to the store.
      fs.writeFileSync(ws.config, config('2026-11-19', ', local:draft'));
      const before = digest(path.join(ws.dir, 'data'));
      const r = await runCli(['check'], { cwd: ws.dir, env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/day 1\s+Connection\s+2026-11-19 09:00 UTC\s+2026-11-19T09:00Z\s+posted/);
      expect(r.stdout).toMatch(/local:draft — UTC, 09:00/);
      expect(digest(path.join(ws.dir, 'data'))).toEqual(before);
    } finally {
      ws.cleanup();
    }
  });

  test('a Thursday start with `days: weekdays` shows day 3 on Monday; skipped dates move; every programme with its own times', async () => {
    const ws = tempWorkspace(`programmes:
  - program: wol-week
    start: 2026-11-19
    time: "9:00"
    timezone: Europe/London
    days: weekdays
    skip: [2026-11-24]
    channels: [local:general]
  - program: weekly-habits
    start: 2026-11-16
    time: "13:30"
    timezone: Europe/Berlin
    channels: [local:circle]
`);
    try {
      const r = await runCli(['check'], { cwd: ws.dir, env: { DATABASE_URL: 'sqlite:data/w.db', WOLBOT_CONFIG: ws.config } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/day 1 = 2026-11-19 \(weekdays only, skipping 2026-11-24\), run wol-week@2026-11-19/);
      expect(r.stdout).toMatch(/day 3\s+Learning\s+2026-11-23 09:00 Europe\/London/);
      expect(r.stdout).toMatch(/day 4\s+Problem Solving\s+2026-11-25 09:00/);
      expect(r.stdout).toMatch(/local:circle — Europe\/Berlin, 13:30/);
      expect(r.stdout).toMatch(/week 2\s+.*2026-11-23 13:30 Europe\/Berlin/); // the weekly series counts weeks
    } finally {
      ws.cleanup();
    }
  });

  test('a Slack channel name where its id belongs is refused with what to do', async () => {
    const ws = tempWorkspace('program: wol-week\nstart: 2026-11-16\ntime: "09:00"\ntimezone: UTC\nchannels:\n  - slack:general\n');
    try {
      const r = await runCli(['check'], { cwd: ws.dir, env: { DATABASE_URL: 'sqlite:data/w.db', WOLBOT_CONFIG: ws.config } });
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(/^wolbot\.yaml:6: channels\[0\]: "general" is not a Slack channel id: use the channel id \(C…\), not its name: open the channel's details in Slack/);
    } finally {
      ws.cleanup();
    }
  });
});
