import type { OpenedStore } from '../../../src/store';
import type { ContractHarness } from './harness';

/** StoreMeta: the store answers, says what it is, and keeps small values (first writer wins); OpenedStore adds its kind. */
export function describeMetaContract(h: ContractHarness): void {
  describe('StoreMeta', () => {
    const { uid, T0 } = h;
    let store: OpenedStore;
    beforeAll(() => {
      store = h.store();
    });

    it('answers ping and describes itself without credentials', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      expect(['sqlite', 'postgres']).toContain(store.kind);
      expect(store.description).toMatch(/^(sqlite|postgres(ql)?):/);
      expect(store.description).not.toMatch(/:[^/@:]+@/);
    });

    it('tells whether it holds anything from outside the sandbox', async () => {
      await store.saveChannel({ platform: 'teams', channelId: uid('19:'), workspaceId: null, name: null, timezone: null, time: null, active: true, paused: false, source: 'subscribed', inactiveReason: null }, T0);
      expect(await store.holdsPlatformData()).toBe(true);
    });

    it('lets the first meta writer win, also under concurrency', async () => {
      const key = uid('meta');
      expect(await store.getMeta(key)).toBeNull();
      expect(await store.setMetaIfAbsent(key, 'first')).toBe('first');
      expect(await store.setMetaIfAbsent(key, 'second')).toBe('first');
      expect(await store.getMeta(key)).toBe('first');
      const raced = uid('meta');
      const values = await Promise.all(Array.from({ length: 6 }, (_, i) => store.setMetaIfAbsent(raced, `v${i}`)));
      expect(new Set(values).size).toBe(1);
      expect(await store.getMeta(raced)).toBe(values[0]);
    });
  });
}
