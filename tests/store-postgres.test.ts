import type { NewDelivery, Store } from '../src/core/ports';
import { openStore } from '../src/store';
import { describeStoreContract } from './contract/store';
import { databases, describePg } from './helpers/pg';

describePg('PostgreSQL store', () => {
  const dbs = databases();
  const freshDatabase = async () => (await dbs.fresh()).url;

  let contractUrl = '';
  beforeAll(async () => {
    contractUrl = await freshDatabase();
  });
  afterAll(() => dbs.dropAll());

  describeStoreContract('postgres', () => openStore(contractUrl, { cwd: process.cwd() }));

  describe('PostgreSQL store specifics', () => {
    it('describes itself without credentials', async () => {
      const u = new URL(contractUrl);
      u.username = 'postgres';
      u.password = 's3cret-pw';
      const store = await openStore(u.toString(), { cwd: process.cwd() });
      try {
        expect(store.kind).toBe('postgres');
        expect(store.description).toBe(`postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`);
        expect(store.description).not.toContain('s3cret-pw');
        expect(store.backup).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('reports an unreachable server naming the database, without the password', async () => {
      const err = await openStore('postgres://user:hunter2@127.0.0.1:1/nowhere', { cwd: process.cwd() }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain('postgres://127.0.0.1:1/nowhere');
      expect((err as Error).message).not.toContain('hunter2');
    });

    it('lets 3 stores migrate one fresh database at once and gives each key to exactly one', async () => {
      const url = await freshDatabase();
      const stores: Store[] = await Promise.all([1, 2, 3].map(() => openStore(url, { cwd: process.cwd() })));
      try {
        const now = new Date('2026-11-16T09:00:00.000Z');
        const keys = 40;
        const attempt = (s: Store, owner: string, i: number): Promise<unknown> => {
          const d: NewDelivery = {
            id: `${owner}-${i}`, run: 'race@2026-11-16', kind: 'prompt', programme: 'race', day: 1, platform: 'slack', channelId: `C${i}`, round: 0, state: 'claimed',
            trigger: 'schedule', scheduledAt: now, owner, leaseUntil: now, now,
          };
          return s.claimDelivery(d);
        };
        const results = await Promise.all(
          Array.from({ length: keys }, (_, i) => Promise.all(stores.map((s, k) => attempt(s, `s${k}`, i)))),
        );
        for (const perKey of results) expect(perKey.filter((r) => r !== null)).toHaveLength(1);
        const rows = await stores[0]!.listDeliveries({ programme: 'race' });
        expect(rows).toHaveLength(keys);
        // Each expired lease is then reclaimed by exactly one of the three.
        const later = new Date(now.getTime() + 60_000);
        const reclaims = await Promise.all(rows.map((r) => Promise.all(stores.map((s, k) => s.reclaimDelivery(r.id, `r${k}`, later, later)))));
        for (const perRow of reclaims) expect(perRow.filter((r) => r !== null)).toHaveLength(1);
        // Ingest dedupe across stores: one event key, one effect.
        const outcomes = await Promise.all(stores.flatMap((s) => [0, 1].map(() => s.addReaction('evt-shared', {
          platform: 'slack', channelId: 'C0', itemId: 'p', user: 'U1', emoji: 'tada', at: now,
        }, now))));
        expect(outcomes.filter((o) => o === 'stored')).toHaveLength(1);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  });
});
