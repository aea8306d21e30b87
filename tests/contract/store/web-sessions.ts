import type { WebSessions } from '../../../src/http/signin/web-sessions';
import type { ContractHarness } from './harness';

/** Sign-in sessions, the port src/http/signin owns: saved by hash, read until they expire, deleted, pruned. */
export function describeWebSessionsContract(h: ContractHarness): void {
  describe('WebSessions (src/http/signin)', () => {
    const { uid, T0, at } = h;
    let store: WebSessions;
    beforeAll(() => {
      store = h.store();
    });

    it('reads a session until it expires, and never after it is deleted', async () => {
      const id = uid('h');
      const s = { platform: 'slack', userId: uid('U'), workspaceId: uid('T'), name: 'Anna', createdAt: T0, expiresAt: at(60) };
      expect(await store.getSession(id, T0)).toBeNull();
      await store.saveSession(id, s);
      expect(await store.getSession(id, at(59))).toEqual(s);
      expect(await store.getSession(id, at(60))).toBeNull(); // expired: refused
      expect(await store.getSession(uid('h'), T0)).toBeNull();
      await store.deleteSession(id);
      expect(await store.getSession(id, T0)).toBeNull();
    });

    it('prunes only the expired sessions', async () => {
      const old = uid('h');
      const live = uid('h');
      const base = { platform: 'teams', userId: uid('oid'), workspaceId: uid('tid'), name: null, createdAt: T0 };
      await store.saveSession(old, { ...base, expiresAt: at(-10_000) });
      await store.saveSession(live, { ...base, expiresAt: at(10_000) });
      expect(await store.pruneSessions(at(-5_000))).toBeGreaterThanOrEqual(1);
      expect(await store.getSession(live, at(-5_000))).not.toBeNull();
      expect(await store.getSession(old, at(-20_000))).toBeNull(); // gone, whatever the clock says
    });
  });
}
