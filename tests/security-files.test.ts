/** Issue #8, finding 9: the SQLite file holds people's words, so it and its companions are owner-only. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/store';

const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);

test('a new SQLite store, its WAL and shared-memory files and a backup are created 0600 (folder 0700)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-files-'));
  const old = process.umask(0o022); // the usual umask, which would give 0644
  try {
    const db = path.join(dir, 'data', 'wolbot.db');
    const store = await openStore(`sqlite:${db}`, { cwd: dir });
    try {
      await store.setMetaIfAbsent('probe', 'x'); // a write: the WAL file exists while the store is open
      expect([mode(db), mode(`${db}-wal`), mode(`${db}-shm`), mode(path.dirname(db))]).toEqual(['600', '600', '600', '700']);
      const copy = path.join(dir, 'backups', 'copy.db');
      await store.backup!(copy);
      expect(mode(copy)).toBe('600');
    } finally {
      await store.close();
    }
  } finally {
    process.umask(old);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
