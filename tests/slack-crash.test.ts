import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeSlack } from './fakes/slack-api';

const repo = path.resolve(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-slack-crash-'));
const outDir = path.join(tmp, 'build');

/** The Sunday before the programme: nothing is due, so only the manual post 2 sends. */
const SUNDAY = Date.parse('2026-11-15T12:00:00Z');

function runChild(dir: string, apiUrl: string, offset: number, action: string): { child: ChildProcess; out: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(repo, 'tests/helpers/slack-app-child.js'), path.join(outDir, 'src/app.js'), dir, apiUrl, String(offset), action], {
    cwd: dir,
    env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  child.stdout!.on('data', (c) => out.push(String(c)));
  child.stderr!.on('data', (c) => out.push(String(c)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out, exited };
}

describe('Slack crash recovery (child process killed mid-post)', () => {
  beforeAll(() => {
    // Compile the app and what it imports into a private folder (others' dist/ is left alone).
    try {
      execFileSync(process.execPath, [
        require.resolve('typescript/bin/tsc'), '--outDir', outDir, '--rootDir', repo, '--module', 'commonjs', '--target', 'ES2022',
        '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--strict', '--resolveJsonModule', '--types', 'node',
        path.join(repo, 'src/app.ts'),
      ], { cwd: repo, stdio: 'pipe' });
    } catch (err) {
      // Type errors elsewhere still emit JavaScript; only a missing build is fatal.
      if (!fs.existsSync(path.join(outDir, 'src/app.js'))) throw err;
    }
    // Assets the compiled app reads next to its code (the web page).
    for (const f of fs.readdirSync(path.join(repo, 'src/http')).filter((n) => !n.endsWith('.ts'))) {
      fs.copyFileSync(path.join(repo, 'src/http', f), path.join(outDir, 'src/http', f));
    }
  }, 180_000);

  test('killed after Slack received chat.postMessage but before it answered; a restart leaves exactly one post per channel', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'run-'));
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), [
      `program: ${path.join(repo, 'schedules/wol-week.yaml')}`,
      'start: 2026-11-16', 'time: "09:00"', 'timezone: Europe/London', 'admins: [UADMIN]',
      'channels:', '  - slack:C0WOL1', '  - slack:C0WOL2', '  - slack:C0WOL3',
    ].join('\n'));
    const offset1 = SUNDAY - Date.now();
    const fake = await new FakeSlack(() => Date.now() + offset1).start();
    try {
      // C0WOL2: Slack posts the message, then the answer never comes.
      fake.fail('chat.postMessage', { kind: 'hang', commit: true }, { match: (a) => a.channel === 'C0WOL2' });
      const hung = fake.nextHang();
      const first = runChild(dir, fake.url, offset1, 'post2');
      await Promise.race([hung, first.exited.then((c) => Promise.reject(new Error(`child exited early (${c}): ${first.out.join('')}`)))]);
      // Let the other channels finish (they are not hung), then kill hard.
      for (let i = 0; i < 300 && fake.posts().length < 3; i++) await new Promise((r) => setTimeout(r, 20));
      first.child.kill('SIGKILL');
      await first.exited;
      expect(first.out.join('')).not.toContain('done');
      expect(fake.posts('C0WOL2')).toHaveLength(1); // it landed, but the first process never knew

      // Restart after the 5-minute lease: the ledger reclaims the abandoned delivery and looks first.
      const second = runChild(dir, fake.url, offset1 + 6 * 60_000, 'tick');
      const code = await second.exited;
      expect({ code, out: second.out.join('') }).toMatchObject({ code: 0 });
      for (const ch of ['C0WOL1', 'C0WOL2', 'C0WOL3']) {
        const day2 = fake.posts(ch).filter((m) => (m.metadata?.event_payload as any)?.day === 2);
        expect({ ch, posts: day2.length, first: first.out.join(''), second: second.out.join('') }).toMatchObject({ ch, posts: 1 });
      }
      const history = fake.callsOf('conversations.history');
      expect(history.length).toBeGreaterThanOrEqual(1);
      expect(history[0].args).toMatchObject({ channel: 'C0WOL2', include_all_metadata: true });
      expect(Number(history[0].args.latest) - Number(history[0].args.oldest)).toBeLessThanOrEqual(15 * 60);
    } finally {
      await fake.stop();
    }
  }, 120_000);
});
