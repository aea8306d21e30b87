import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/store';
import { describeStoreContract } from './contract/store';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-store-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const contractDb = path.join(tmp, 'contract', 'wolbot.db');
describeStoreContract('sqlite', () => openStore(`sqlite:${contractDb}`, { cwd: tmp }));

describe('SQLite store specifics', () => {
  it('creates the parent folder, resolves a relative path from cwd, and runs in WAL mode', async () => {
    const store = await openStore('sqlite:nested/deeper/w.db', { cwd: tmp });
    try {
      const file = path.join(tmp, 'nested', 'deeper', 'w.db');
      expect(store.kind).toBe('sqlite');
      expect(store.description).toBe(`sqlite:${file}`);
      expect(fs.existsSync(file)).toBe(true);
      const raw = new Database(file, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
        const tables = raw.prepare("select name from sqlite_master where type = 'table'").all().map((r: any) => r.name);
        expect(tables).toEqual(expect.arrayContaining(['channels', 'deliveries', 'replies', 'reactions', 'processed_events', 'local_messages', 'installations', 'meta']));
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
    }
  });

  it('names the path it cannot open', async () => {
    const blocker = path.join(tmp, 'a-regular-file');
    fs.writeFileSync(blocker, 'not a folder');
    const bad = path.join(blocker, 'sub', 'w.db');
    await expect(openStore(`sqlite:${bad}`, { cwd: tmp })).rejects.toThrow(bad);
  });

  it('rejects an unknown scheme and an empty path clearly', async () => {
    await expect(openStore('mysql://localhost/db', { cwd: tmp })).rejects.toThrow(/unsupported scheme "mysql:".*sqlite:PATH.*postgres/);
    await expect(openStore('data/wolbot.db', { cwd: tmp })).rejects.toThrow(/unsupported scheme/);
    await expect(openStore('sqlite:', { cwd: tmp })).rejects.toThrow(/names no file/);
  });

  it('reopens an existing file without migrating again', async () => {
    const url = `sqlite:${path.join(tmp, 'reopen.db')}`;
    const a = await openStore(url, { cwd: tmp });
    await a.setMetaIfAbsent('k', 'v');
    await a.close();
    const b = await openStore(url, { cwd: tmp });
    expect(await b.getMeta('k')).toBe('v');
    await b.close();
  });

  it('names the column and the word when a row holds a word this version does not know (a newer wolbot, a hand edit)', async () => {
    const file = path.join(tmp, 'foreign-words.db');
    const store = await openStore(`sqlite:${file}`, { cwd: tmp });
    const T0 = new Date('2026-11-16T09:00:00.000Z');
    try {
      await store.saveChannel({ platform: 'sandbox', channelId: 'C1', name: null, timezone: null, time: null, active: true, paused: false, source: 'config', inactiveReason: null }, T0);
      await store.claimDelivery({
        id: 'd1', run: 'wol-week@2026-11-16', kind: 'prompt', programme: 'wol-week', day: 1, platform: 'sandbox', channelId: 'C1',
        round: 0, state: 'claimed', trigger: 'schedule', scheduledAt: T0, owner: 'o', leaseUntil: T0, now: T0,
      });
      await store.addLocalMessage({ id: 'm1', channelId: 'C1', threadId: null, user: 'U1', kind: 'reply', body: 'hi', at: T0 });
      expect((await store.getDelivery('d1'))?.kind).toBe('prompt');

      const raw = new Database(file);
      const edits: [string, RegExp, () => Promise<unknown>][] = [
        ["update deliveries set kind = 'reminder'", /deliveries\.kind holds 'reminder'.*prompt, digest, kickoff, wrapup/, () => store.getDelivery('d1')],
        ["update deliveries set kind = 'prompt', state = 'parked'", /deliveries\.state holds 'parked'/, () => store.listDeliveries()],
        ["update deliveries set state = 'sent', trigger = 'cron'", /deliveries\.trigger holds 'cron'/, () => store.getDelivery('d1')],
        ["update channels set source = 'imported'", /channels\.source holds 'imported'/, () => store.listChannels()],
        ["update local_messages set kind = 'poll'", /local_messages\.kind holds 'poll'/, () => store.listLocalMessages('C1')],
      ];
      try {
        for (const [statement, error, read] of edits) {
          raw.exec(statement);
          await expect(read()).rejects.toThrow(error);
        }
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
    }
  });

  it('backs up a consistent copy between writes of another connection', async () => {
    const url = `sqlite:${path.join(tmp, 'live.db')}`;
    const writer = await openStore(url, { cwd: tmp });
    const reader = await openStore(url, { cwd: tmp });
    const now = new Date('2026-11-16T09:00:00.000Z');
    try {
      for (let i = 0; i < 50; i++) await writer.setMetaIfAbsent(`before-${i}`, String(i));
      let writing = true;
      const writes = (async () => {
        let i = 0;
        while (writing) {
          await writer.addReaction(`bk-${i}`, { platform: 'local', channelId: 'c', itemId: `i${i}`, user: 'u', emoji: 'e', at: now }, now);
          i++;
          await new Promise((r) => setImmediate(r));
        }
        return i;
      })();
      const copy = path.join(tmp, 'backups', 'copy.db');
      expect(reader.backup).toBeDefined();
      await reader.backup!(copy);
      writing = false;
      expect(await writes).toBeGreaterThan(0);
      const restored = await openStore(`sqlite:${copy}`, { cwd: tmp });
      try {
        for (let i = 0; i < 50; i++) expect(await restored.getMeta(`before-${i}`)).toBe(String(i));
        await restored.ping();
      } finally {
        await restored.close();
      }
      const raw = new Database(copy, { readonly: true });
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        raw.close();
      }
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  describe('two processes on one fresh file', () => {
    const outDir = path.join(tmp, 'build');
    const repo = path.resolve(__dirname, '..');

    beforeAll(() => {
      // Compile only the store and what it imports, so others' unfinished files cannot break it.
      execFileSync(process.execPath, [
        require.resolve('typescript/bin/tsc'), '--outDir', outDir, '--rootDir', repo, '--module', 'commonjs', '--target', 'ES2022',
        '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--strict', '--types', 'node',
        path.join(repo, 'src/store/index.ts'),
      ], { cwd: repo, stdio: 'pipe' });
    }, 120_000);

    const spawnClaimer = (url: string, worker: string, keys: number, startAt: number) => new Promise<{ worker: string; won: number[] }>((resolve, reject) => {
      execFile(process.execPath, [path.join(repo, 'tests/helpers/store-claimer.js'), path.join(outDir, 'src/store/index.js'), url, worker, String(keys), String(startAt)], {
        cwd: tmp, env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') },
      }, (err, stdout, stderr) => (err ? reject(new Error(`${worker} failed: ${stderr || err.message}`)) : resolve(JSON.parse(stdout))));
    });

    it('backs up a consistent copy while another process writes', async () => {
      const url = `sqlite:${path.join(tmp, 'bk-live', 'w.db')}`;
      const store = await openStore(url, { cwd: tmp });
      try {
        for (let i = 0; i < 20; i++) await store.setMetaIfAbsent(`seed-${i}`, String(i));
        const firstBatch = 200;
        const child = spawn(process.execPath, [path.join(repo, 'tests/helpers/store-writer.js'), path.join(outDir, 'src/store/index.js'), url, String(firstBatch)], {
          cwd: tmp, env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') }, stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        let errText = '';
        child.stderr.on('data', (d) => (errText += d));
        const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (d) => {
            out += d;
            if (out.includes('ready')) resolve();
          });
          child.on('exit', () => reject(new Error(`writer exited early: ${errText}`)));
        });
        // The writer keeps writing until told to stop, so the backup runs while it writes.
        const copy = path.join(tmp, 'bk-live', 'copies', 'copy.db');
        await store.backup!(copy);
        child.stdin.end('stop\n');
        expect(await exited).toBe(0);
        const written = Number(/done (\d+)/.exec(out)?.[1]);
        expect(written).toBeGreaterThanOrEqual(firstBatch);

        const raw = new Database(copy, { readonly: true });
        try {
          expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
          const { c } = raw.prepare("select count(*) as c from reactions where channel_id = 'bk'").get() as { c: number };
          const { e } = raw.prepare("select count(*) as e from processed_events where event_key like 'w-%'").get() as { e: number };
          expect(c).toBe(e); // each write's two halves are both in the copy or both not
          // Everything written before the backup began is in the copy; nothing beyond what was written.
          expect(c).toBeGreaterThanOrEqual(firstBatch);
          expect(c).toBeLessThanOrEqual(written);
        } finally {
          raw.close();
        }
        const restored = await openStore(`sqlite:${copy}`, { cwd: tmp });
        try {
          for (let i = 0; i < 20; i++) expect(await restored.getMeta(`seed-${i}`)).toBe(String(i));
        } finally {
          await restored.close();
        }
      } finally {
        await store.close();
      }
    }, 60_000);

    it.each([1, 2, 3])('both migrate and every key is claimed exactly once (round %i)', async (round) => {
      const file = path.join(tmp, `race-${round}`, 'w.db');
      const url = `sqlite:${file}`;
      const keys = 60;
      const startAt = Date.now() + 1500; // both children load first, then open the file at this instant
      const [a, b] = await Promise.all([spawnClaimer(url, 'pa', keys, startAt), spawnClaimer(url, 'pb', keys, startAt)]);
      expect([...a.won, ...b.won].sort((x, y) => x - y)).toEqual(Array.from({ length: keys }, (_, i) => i));
      expect(a.won.filter((i) => b.won.includes(i))).toEqual([]);
      const store = await openStore(url, { cwd: tmp });
      try {
        const rows = await store.listDeliveries({ programme: 'race' });
        expect(rows).toHaveLength(keys);
        for (const r of rows) expect(r.id.startsWith(`${r.owner}-`)).toBe(true);
        // each event key stored once: one reaction per key, from whichever process got it first
        for (let i = 0; i < keys; i++) expect((await store.reactionCounts('local', `c${i}`, ['p'])).get('p')).toBe(1);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
});
