import { spawn, type ChildProcess } from 'node:child_process';
import { runCli, SERVER } from './helpers/cli';
import { tempWorkspace } from './helpers/workspace';

// Far in the future: nothing posts by itself while the test runs.
const CONFIG = `program: wol-week
start: 2030-01-07
time: "09:00"
timezone: Europe/Berlin
admins: [sandbox-user]
channels: [local:general, local:second]
`;

function startServer(cwd: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER], { cwd, env: { PATH: process.env.PATH, ...env, PORT: '0' } });
    let err = '';
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /running on port (\d+)/.exec(err);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}`, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

describe('the CLI beside a running server on one SQLite file', () => {
  const ws = tempWorkspace(CONFIG);
  const env = { DATABASE_URL: 'sqlite:data/shared.db', WOLBOT_CONFIG: 'wolbot.yaml', LOG_LEVEL: 'info' };
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer(ws.dir, env);
  });
  afterAll(async () => {
    if (server.child.exitCode === null) {
      const exited = new Promise((r) => server.child.on('exit', r));
      server.child.kill('SIGTERM');
      await exited;
    }
    ws.cleanup();
  });

  test('`wolbot post --day 2` shows on the server, and a repeat says when it was posted', async () => {
    const first = await runCli(['post', '--day', '2'], { cwd: ws.dir, env });
    expect(first.stderr).not.toMatch(/"level":(50|60)/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Day 2 posted in 2 channels: local:general, local:second/);

    const exp = (await (await fetch(`${server.url}/v1/export`)).json()) as { posts: { channel: string; day: number; theme: string }[] };
    expect(exp.posts.map((p) => [p.channel, p.day, p.theme]).sort()).toEqual([['general', 2, 'Sharing'], ['second', 2, 'Sharing']]);
    const status = (await (await fetch(`${server.url}/v1/status`)).json()) as { channels: { channel: string; days: { day: number; state: string }[] }[] };
    expect(status.channels.find((c) => c.channel === 'local:general')!.days.find((d) => d.day === 2)!.state).toBe('posted');

    const again = await runCli(['post', '--day', '2', '--channel', 'local:general'], { cwd: ws.dir, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/local:general: day 2 was already posted at \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/Berlin\)\. Say `wolbot post --day 2 --channel local:general --again`/);
    const forced = await runCli(['post', '--day', '2', '--channel', 'local:general', '--again'], { cwd: ws.dir, env });
    expect(forced.stdout).toMatch(/Day 2 posted in 1 channel: local:general/);
    const after = (await (await fetch(`${server.url}/v1/export?day=2`)).json()) as { posts: unknown[] };
    expect(after.posts).toHaveLength(3);
  });

  test('a reply and a reaction made in the sandbox show in `wolbot export` (json, csv, md)', async () => {
    const exp = (await (await fetch(`${server.url}/v1/export?day=2`)).json()) as { posts: { channel: string; thread: string }[] };
    const post = exp.posts.find((p) => p.channel === 'second')!;
    const text = 'Draft of our onboarding guide — =SUM(A1) <!channel> & friends 🚀 שלום\u200b';
    const reply = await fetch(`${server.url}/v1/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'second', thread: post.thread, text }) });
    expect(reply.status).toBe(201);
    const { id } = (await reply.json()) as { id: string };
    for (const item of [post.thread, id]) {
      const r = await fetch(`${server.url}/v1/reactions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'second', item, emoji: 'tada' }) });
      expect(r.status).toBe(200);
    }

    const json = await runCli(['export', '--day', '2'], { cwd: ws.dir, env });
    expect(json.code).toBe(0);
    const posts = (JSON.parse(json.stdout) as { posts: { channel: string; reactions: number; replies: { user: string; text: string; reactions: number }[] }[] }).posts;
    const second = posts.find((p) => p.channel === 'second')!;
    expect(second.reactions).toBe(1);
    expect(second.replies).toEqual([expect.objectContaining({ user: 'sandbox-user', text, reactions: 1 })]);

    const csv = await runCli(['export', '--format', 'csv'], { cwd: ws.dir, env });
    expect(csv.stdout.split('\r\n')[0]).toBe('platform,channel,day,theme,thread,postedAt,user,name,at,reactions,text');
    expect(csv.stdout).toContain('"sandbox-user"');
    expect(csv.stdout).toContain('"Draft of our onboarding guide');

    const md = await runCli(['export', '--format', 'md'], { cwd: ws.dir, env });
    expect(md.stdout).toMatch(/## Day 2 · Sharing/);
    expect(md.stdout).toContain('— **Sandbox User** · ');
    expect(md.stdout).toContain('\\<!channel\\>');
  });

  test('status from the CLI tells what the server posted; neither process logged an error', async () => {
    const status = await runCli(['status'], { cwd: ws.dir, env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/local:general \(Europe\/Berlin, 09:00\)/);
    expect(status.stdout).toMatch(/day 2 Sharing: posted/);
    expect(status.stdout).toMatch(/next: day 1 Connection at 2030-01-07 09:00 Europe\/Berlin/);
    expect(server.stderr()).not.toMatch(/"level":(50|60)/);
    expect(server.stderr()).not.toMatch(/SQLITE_BUSY/);
  });
});
