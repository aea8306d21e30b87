import type { Store } from '../../../src/core/ports';
import type { ContractHarness } from './harness';

/** Connections: opt-ins, an introduction claimed once a pair a run (and once a person a day), a circle a person a run. */
export function describeConnectionsContract(h: ContractHarness): void {
  describe('Connections: opt-ins, introductions, circles', () => {
    const { uid, T0, at } = h;
    let store: Store;
    beforeAll(() => {
      store = h.store();
    });
    const target = (channelId: string) => ({ platform: 'slack', channelId, workspaceId: 'T1' });

    it('keeps one opt-in a person, kind and run; removes it; forget me clears it in its scope', async () => {
      const run = uid('run');
      const u = uid('U');
      const o = { run, platform: 'slack', userId: u, kind: 'connect' as const, workspaceId: 'T1', target: target('C1') };
      expect(await store.setOptIn(o, T0)).toBe(true);
      expect(await store.setOptIn(o, at(1))).toBe(false);
      expect(await store.setOptIn({ ...o, kind: 'circle' }, T0)).toBe(true);
      expect((await store.listOptIns(run, 'connect')).map((x) => [x.userId, x.target.channelId, x.at.toISOString()])).toEqual([[u, 'C1', T0.toISOString()]]);
      expect(await store.removeOptIn(run, 'slack', u, 'connect')).toBe(true);
      expect(await store.removeOptIn(run, 'slack', u, 'connect')).toBe(false);
      expect(await store.forgetOptIns(u, { platform: 'slack', workspaceId: 'T2' })).toBe(0);
      expect(await store.forgetOptIns(u, { platform: 'slack', workspaceId: 'T1' })).toBe(1);
      expect(await store.listOptIns(run, 'circle')).toEqual([]);
    });

    it('claims a pair once a run and a person once a day, whichever order the pair is given in', async () => {
      const run = uid('run');
      const [a, b, c, d] = [uid('A'), uid('B'), uid('C'), uid('D')];
      const base = { run, platform: 'slack', workspaceId: 'T1', localDate: '2026-11-16', owner: 'o1' };
      const first = await store.claimIntroduction({ ...base, id: uid('i'), users: [b, a] }, T0);
      expect(first?.users).toEqual([a, b].sort());
      expect(first?.state).toBe('claimed');
      expect(await store.claimIntroduction({ ...base, id: uid('i'), users: [a, b], localDate: '2026-11-17' }, T0)).toBeNull();
      expect(await store.claimIntroduction({ ...base, id: uid('i'), users: [a, c] }, T0)).toBeNull();
      expect(await store.claimIntroduction({ ...base, id: uid('i'), users: [c, d] }, at(1))).not.toBeNull();
      expect(await store.claimIntroduction({ ...base, id: uid('i'), users: [a, c], localDate: '2026-11-17' }, at(2))).not.toBeNull();
      expect(await store.finishIntroduction(first!.id, 'sent', 'G1', null, at(1))).toBe(true);
      expect(await store.finishIntroduction(first!.id, 'failed', null, 'again', at(2))).toBe(false);
      const all = await store.listIntroductions(run);
      expect(all.map((i) => i.state)).toEqual(['sent', 'claimed', 'claimed']);
      expect(all[0]!.conversation).toBe('G1');
    });

    it('claims of the same pair racing from two handles: exactly one wins', async () => {
      const other = await h.open();
      try {
        const run = uid('run');
        const users: [string, string] = [uid('A'), uid('B')];
        const base = { run, platform: 'slack', workspaceId: null, localDate: '2026-11-16', users };
        const won = await Promise.all([store.claimIntroduction({ ...base, id: uid('i'), owner: 'o1' }, T0), other.claimIntroduction({ ...base, id: uid('i'), owner: 'o2' }, T0)]);
        expect(won.filter(Boolean)).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it('puts nobody in two circles of a run', async () => {
      const run = uid('run');
      const people = [1, 2, 3, 4, 5].map(() => uid('U'));
      const base = { run, platform: 'slack', workspaceId: 'T1', zone: 'Europe/Berlin', language: 'de', owner: 'o1' };
      const c1 = await store.claimCircle({ ...base, id: uid('c'), users: people.slice(0, 4) }, T0);
      expect(c1?.users).toEqual(people.slice(0, 4));
      expect(await store.claimCircle({ ...base, id: uid('c'), users: [people[3]!, people[4]!] }, T0)).toBeNull();
      expect(await store.claimCircle({ ...base, run: uid('run'), id: uid('c'), users: people.slice(0, 4) }, T0)).not.toBeNull();
      expect(await store.finishCircle(c1!.id, 'sent', 'G9', null, at(1))).toBe(true);
      const listed = await store.listCircles(run);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ state: 'sent', conversation: 'G9', zone: 'Europe/Berlin', language: 'de' });
      expect([...listed[0]!.users].sort()).toEqual(people.slice(0, 4).sort());
    });
  });
}
