/** A weekly programme on the CLI: `post week 2` (and `post 2`) is week 2, i.e. day 8; `check` counts weeks. */
import { runCli } from './helpers/cli';
import { tempWorkspace } from './helpers/workspace';

describe('weeks on the CLI', () => {
  const ws = tempWorkspace('program: weekly-habits\nstart: 2026-11-16\ntime: "13:30"\ntimezone: Europe/Berlin\nadmins: [sandbox-user]\nchannels: [local:circle]\n');
  afterAll(() => ws.cleanup());
  const cli = (...args: string[]) => runCli(args, { cwd: ws.dir, env: { DATABASE_URL: ws.dbUrl, LOG_LEVEL: 'silent' } });

  test('post week 2 posts day 8 and says "week 2"; post 2 is the same week; post 9 names the weeks', async () => {
    const week = await cli('post', 'week', '2');
    expect(week.stderr).toBe('');
    expect(week.stdout).toContain('Week 2 posted in 1 channel: local:circle');
    const again = await cli('post', '2');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/local:circle: week 2 was already posted at \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/Berlin\)\. Say `wolbot post week 2 --again`/);
    // --day N stays the ledger's day, but the answer still names the week the organizer sees.
    expect((await cli('post', '--day', '8')).stdout).toMatch(/local:circle: week 2 was already posted[\s\S]*`wolbot post --day 8 --again`/);
    expect(`${week.stdout}${again.stdout}`).not.toMatch(/\bday 8\b/i);
    const none = await cli('post', '9');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no week 9; its weeks are 1, 2, 3, 4');
    const check = await cli('check');
    expect(check.stdout).toMatch(/4 weeks, day 1 = 2026-11-16/);
    expect(check.stdout).toMatch(/ {2}week 2 {3}Offer often, ask early .* posted/);
    const status = await cli('status');
    expect(status.stdout).toContain('Programme: Four Weeks of Working Out Loud (weekly-habits), week 1 = 2026-11-16, weeks 1, 2, 3, 4, posts at 13:30 Europe/Berlin');
    expect(status.stdout).toMatch(/^ {2}week 2 Offer often, ask early: posted \d{4}-\d\d-\d\d \d\d:\d\d$/m);
    expect(status.stdout).not.toMatch(/\bdays? \d/i);
  }, 120_000);
});
