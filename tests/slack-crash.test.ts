import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { FakeSlack } from './fakes/slack-api';

const repo = path.resolve(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-slack-crash-'));
const outDir = path.join(tmp, 'build');

/** The Sunday before the programme: nothing is due, so only the manual post 2 sends. */
const SUNDAY = Date.parse('2026-11-15T12:00:00Z');

const children: ChildProcess[] = [];

/** Every wait here is bounded: a stuck child fails the test in seconds instead of holding CI. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Transpile (no type check: `npm run lint` does that) the app's sources into a private folder.
 * One file at a time with typescript's transpileModule: a second or two, where a full `tsc`
 * program took a minute on a loaded 2-core machine.
 */
function buildApp(): void {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
      return [p];
    });
  for (const file of [...walk(path.join(repo, 'src')), ...walk(path.join(repo, 'adapters'))]) {
    const rel = path.relative(repo, file);
    const out = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    if (file.endsWith('.d.ts')) continue;
    if (!file.endsWith('.ts')) {
      fs.copyFileSync(file, out); // assets read next to the code (the web page)
      continue;
    }
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
    });
    fs.writeFileSync(out.replace(/\.ts$/, '.js'), outputText);
  }
  // The page's scripts are a browser build of their own (`npm run build` made dist/web).
  fs.cpSync(path.join(repo, 'dist', 'web'), path.join(outDir, 'web'), { recursive: true });
}

/** Deliveries of day 2 the child has recorded as sent (read from its SQLite file). */
function sentChannels(dir: string): string[] {
  const file = path.join(dir, 'w.db');
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true, timeout: 1000 });
  try {
    return (db.prepare("select channel_id from deliveries where day = 2 and state = 'sent'").all() as { channel_id: string }[]).map((r) => r.channel_id).sort();
  } catch {
    return []; // not migrated yet
  } finally {
    db.close();
  }
}

function runChild(dir: string, apiUrl: string, offset: number, action: string): { child: ChildProcess; out: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(repo, 'tests/helpers/slack-app-child.js'), path.join(outDir, 'src/app.js'), dir, apiUrl, String(offset), action], {
    cwd: dir,
    env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out: string[] = [];
  child.stdout!.on('data', (c) => out.push(String(c)));
  child.stderr!.on('data', (c) => out.push(String(c)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out, exited };
}

describe('Slack crash recovery (child process killed mid-post)', () => {
  beforeAll(() => {
    // Build the app into a private folder (others' dist/ is left alone, and may be stale).
    buildApp();
  }, 60_000);

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

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
      fake.fail('chat.postMessage', { kind: 'hang', commit: true }, { match: (a) => a.channel === 'C0WOL2' && !!a.metadata });
      const hung = fake.nextHang();
      const first = runChild(dir, fake.url, offset1, 'post2');
      await within(
        Promise.race([hung, first.exited.then((c) => Promise.reject(new Error(`child exited early (${c}): ${first.out.join('')}`)))]),
        30_000,
        `the hung chat.postMessage to C0WOL2 (${first.out.join('')})`,
      );
      // Let the other channels finish (they are not hung) and be recorded as sent, then kill hard.
      // (Killing before the ledger recorded them only makes the restart look them up as well.)
      for (let i = 0; i < 1500 && sentChannels(dir).join() !== 'C0WOL1,C0WOL3'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(sentChannels(dir)).toEqual(['C0WOL1', 'C0WOL3']);
      first.child.kill('SIGKILL');
      await within(first.exited, 10_000, 'the killed child to exit');
      expect(first.out.join('')).not.toContain('done');
      expect(fake.prompts('C0WOL2')).toHaveLength(1); // it landed, but the first process never knew

      // Restart after the 5-minute lease: the ledger reclaims the abandoned delivery and looks first.
      const second = runChild(dir, fake.url, offset1 + 6 * 60_000, 'tick');
      const code = await within(second.exited, 45_000, `the restarted child (${second.out.join('')})`);
      expect({ code, out: second.out.join('') }).toMatchObject({ code: 0 });
      for (const ch of ['C0WOL1', 'C0WOL2', 'C0WOL3']) {
        const day2 = fake.posts(ch).filter((m) => (m.metadata?.event_payload as any)?.day === 2);
        expect({ ch, posts: day2.length, first: first.out.join(''), second: second.out.join('') }).toMatchObject({ ch, posts: 1 });
      }
      // The restart looked for the uncertain post in C0WOL2's history, in a bounded window, and only there.
      const history = fake.callsOf('conversations.history');
      expect(history.map((c) => c.args.channel)).toEqual(['C0WOL2']);
      expect(history[0].args).toMatchObject({ channel: 'C0WOL2', include_all_metadata: true });
      expect(Number(history[0].args.latest) - Number(history[0].args.oldest)).toBeLessThanOrEqual(15 * 60);
    } finally {
      await fake.stop();
    }
  }, 100_000);
});
