import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { SERVER } from './helpers/cli';
import { tempWorkspace } from './helpers/workspace';

describe('npm start with nothing configured: the demo week', () => {
  const ws = tempWorkspace();
  let child: ChildProcess | undefined;
  afterAll(() => {
    // A failed assertion must not leave the server running.
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    ws.cleanup();
  });

  test('serves /healthz and a page with day 1 of the demo, then stops cleanly on SIGTERM', async () => {
    // A newcomer's environment: no credentials, no config, no DATABASE_URL.
    const server = spawn(process.execPath, [SERVER], { cwd: ws.dir, env: { PATH: process.env.PATH, PORT: '0' } });
    child = server;
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      server.stderr!.on('data', (d) => {
        stderr += d;
        const m = /running on port (\d+)/.exec(stderr);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      server.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stderr).toMatch(/with local; store sqlite:.*data\/wolbot\.db; config \(built-in demo\)/);
    expect(stderr).toMatch(/Running the built-in demo/);
    expect(fs.existsSync(`${ws.dir}/data/wolbot.db`)).toBe(true);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, store: 'sqlite', platforms: ['local'] });

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<title>wolbot<\/title>/);

    // The first tick runs at start: day 1 is there within seconds.
    let posts: { day: number; theme: string }[] = [];
    for (let i = 0; i < 50 && posts.length === 0; i++) {
      posts = ((await (await fetch(`${url}/v1/export`)).json()) as { posts: typeof posts }).posts;
      if (!posts.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(posts.map((p) => [p.day, p.theme])).toEqual([[1, 'Connection']]);
    const local = (await (await fetch(`${url}/v1/local/messages?channel=general`)).json()) as { messages: { kind: string; body: { text: string; challenge: string; footer: string } }[] };
    const prompt = local.messages.find((m) => m.kind === 'prompt')!;
    expect(prompt.body.text.split(/\s+/).length).toBeGreaterThanOrEqual(60);
    expect(prompt.body.footer).toMatch(/gallery/);

    const exit = new Promise<number | null>((r) => server.on('exit', r));
    server.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toMatch(/"msg":"stopped"/);
  });
});
