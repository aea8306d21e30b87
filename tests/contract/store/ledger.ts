import type { Platform, Store } from '../../../src/core/ports';
import type { ContractHarness } from './harness';

/** Ledger: one row a key, claimed once under a lease, then sent, retried, failed or reclaimed. */
export function describeLedgerContract(h: ContractHarness): void {
  describe('Ledger: deliveries', () => {
    const { open, uid, T0, at, newDelivery } = h;
    let store: Store;
    beforeAll(() => {
      store = h.store();
    });

    it('claims a key once and returns the full record', async () => {
      const d = newDelivery({ reason: null });
      const rec = await store.claimDelivery(d);
      expect(rec).toEqual({
        id: d.id, run: 'wol-week@2026-11-16', kind: 'prompt', programme: 'wol-week', day: 1, platform: 'slack', channelId: d.channelId, round: 0, state: 'claimed',
        trigger: 'schedule', scheduledAt: T0, owner: 'owner-a', leaseUntil: at(5), attempts: 0, lastAttemptAt: null,
        nextAttemptAt: null, reason: null, threadId: null, postedAt: null, adminsNotified: false,
        createdAt: T0, updatedAt: T0,
      });
      expect(await store.claimDelivery({ ...d, id: uid('d'), owner: 'owner-b' })).toBeNull();
      expect(await store.claimDelivery({ ...d, round: 1, owner: 'owner-b' })).toBeNull(); // same id
      expect(await store.getDelivery(d.id)).toMatchObject({ owner: 'owner-a' });
      expect(await store.claimDelivery({ ...d, id: uid('d'), round: 1 })).not.toBeNull(); // another round is another key
    });

    it('keys by run and kind: a new start date and a digest are other keys of the same day', async () => {
      const d = newDelivery();
      expect(await store.claimDelivery(d)).not.toBeNull();
      const nextRun = await store.claimDelivery({ ...d, id: uid('d'), run: 'wol-week@2027-11-15' });
      expect(nextRun).toMatchObject({ run: 'wol-week@2027-11-15', kind: 'prompt', day: 1, round: 0 });
      const digest = await store.claimDelivery({ ...d, id: uid('d'), kind: 'digest' });
      expect(digest).toMatchObject({ run: d.run, kind: 'digest' });
      expect(await store.claimDelivery({ ...d, id: uid('d'), kind: 'digest', owner: 'owner-b' })).toBeNull();
      for (const kind of ['kickoff', 'wrapup'] as const) expect(await store.claimDelivery({ ...d, id: uid('d'), kind })).toMatchObject({ kind });
      expect((await store.listDeliveries({ channelId: d.channelId, run: d.run })).map((r) => r.kind).sort()).toEqual(['digest', 'kickoff', 'prompt', 'wrapup']);
      expect((await store.listDeliveries({ channelId: d.channelId, kinds: ['prompt'] })).map((r) => r.run).sort()).toEqual([d.run, 'wol-week@2027-11-15']);
      expect(await store.listDeliveries({ channelId: d.channelId, kinds: [] })).toEqual([]);
      const runs = (await store.listRuns()).filter((r) => r.run === d.run || r.run === 'wol-week@2027-11-15');
      expect(runs.map((r) => r.run)).toEqual([d.run, 'wol-week@2027-11-15']);
      expect(runs[0]).toMatchObject({ programme: 'wol-week', firstAt: d.scheduledAt });
    });

    it('records a skipped occurrence with its reason', async () => {
      const rec = await store.claimDelivery(newDelivery({ state: 'skipped', owner: null, leaseUntil: null, reason: 'missed by more than grace' }));
      expect(rec).toMatchObject({ state: 'skipped', owner: null, leaseUntil: null, reason: 'missed by more than grace' });
    });

    it('gives a key to exactly one of 20 concurrent claimers', async () => {
      const base = newDelivery();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claimDelivery({ ...base, id: uid('d'), owner: `w${i}` })));
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      const stored = await store.listDeliveries({ channelId: base.channelId });
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ id: winners[0]!.id, owner: winners[0]!.owner });
    });

    it('races claims from two handles on the same database', async () => {
      const other = await open();
      try {
        const keys = Array.from({ length: 10 }, () => newDelivery());
        const results = await Promise.all(keys.flatMap((k) => [
          store.claimDelivery({ ...k, id: uid('d'), owner: 'h1' }),
          other.claimDelivery({ ...k, id: uid('d'), owner: 'h2' }),
        ]));
        for (let i = 0; i < keys.length; i++) {
          expect([results[2 * i], results[2 * i + 1]].filter((r) => r !== null)).toHaveLength(1);
        }
      } finally {
        await other.close();
      }
    });

    it('does not reclaim a live lease, a sent row, or a retry not yet due', async () => {
      const d = (await store.claimDelivery(newDelivery()))!;
      expect(await store.reclaimDelivery(d.id, 'owner-b', at(4), at(10))).toBeNull();
      expect(await store.reclaimDelivery(uid('missing'), 'owner-b', at(4), at(10))).toBeNull();
      await store.markRetry(d.id, 'owner-a', 'rate limited', at(30), at(1));
      expect(await store.reclaimDelivery(d.id, 'owner-b', at(29), at(40))).toBeNull();
      const sent = (await store.claimDelivery(newDelivery()))!;
      await store.markSent(sent.id, 'owner-a', 'TS', T0, T0);
      expect(await store.reclaimDelivery(sent.id, 'owner-b', at(100), at(110))).toBeNull();
    });

    it('reclaims an expired claim as claimed and a due retry as claimed', async () => {
      const d = (await store.claimDelivery(newDelivery()))!;
      expect(await store.listReclaimable(at(4), 1000)).not.toContainEqual(expect.objectContaining({ id: d.id }));
      expect((await store.listReclaimable(at(6), 1000)).map((r) => r.id)).toContain(d.id);
      const taken = await store.reclaimDelivery(d.id, 'owner-b', at(6), at(11));
      expect(taken).toMatchObject({ id: d.id, state: 'claimed', owner: 'owner-b', leaseUntil: at(11), updatedAt: at(6) });
      expect(await store.reclaimDelivery(d.id, 'owner-c', at(6), at(11))).toBeNull();
      expect(await store.markSending(d.id, 'owner-a', at(7))).toBe(false); // the old owner lost it

      const r = (await store.claimDelivery(newDelivery()))!;
      expect(await store.markRetry(r.id, 'owner-a', 'timeout', at(30), at(1))).toBe(true);
      expect(await store.getDelivery(r.id)).toMatchObject({ state: 'retry', reason: 'timeout', nextAttemptAt: at(30), leaseUntil: null });
      expect((await store.listReclaimable(at(30), 1000)).map((x) => x.id)).toContain(r.id);
      expect(await store.reclaimDelivery(r.id, 'owner-b', at(30), at(35))).toMatchObject({ state: 'claimed', owner: 'owner-b' });
    });

    it('turns an expired sending (or recovering) lease into recovering', async () => {
      const d = (await store.claimDelivery(newDelivery()))!;
      expect(await store.markSending(d.id, 'owner-a', at(1))).toBe(true);
      const rec = await store.reclaimDelivery(d.id, 'owner-b', at(6), at(12));
      expect(rec).toMatchObject({ state: 'recovering', owner: 'owner-b', attempts: 1 });
      expect(await store.reclaimDelivery(d.id, 'owner-c', at(13), at(20))).toMatchObject({ state: 'recovering', owner: 'owner-c' });
      expect(await store.markSending(d.id, 'owner-c', at(14))).toBe(true);
      expect(await store.getDelivery(d.id)).toMatchObject({ state: 'sending', attempts: 2, lastAttemptAt: at(14) });
    });

    it('gives a due row to exactly one of several concurrent reclaimers', async () => {
      const d = (await store.claimDelivery(newDelivery()))!;
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.reclaimDelivery(d.id, `r${i}`, at(10), at(20))));
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await store.getDelivery(d.id)).toMatchObject({ owner: winners[0]!.owner });
    });

    it('guards every mark by owner and state', async () => {
      const d = (await store.claimDelivery(newDelivery()))!;
      expect(await store.markSending(d.id, 'intruder', at(1))).toBe(false);
      expect(await store.markSent(d.id, 'intruder', 'TS', at(1), at(1))).toBe(false);
      expect(await store.markRetry(d.id, 'intruder', 'x', at(2), at(1))).toBe(false);
      expect(await store.markFailed(d.id, 'intruder', 'x', at(1))).toBe(false);
      expect(await store.markUncertain(d.id, 'intruder', 'x', at(1))).toBe(false);
      expect(await store.releaseClaim(d.id, 'intruder', at(1))).toBe(false);
      expect(await store.getDelivery(d.id)).toMatchObject({ state: 'claimed', owner: 'owner-a', attempts: 0 });

      expect(await store.markSending(d.id, 'owner-a', at(1))).toBe(true);
      expect(await store.markSending(d.id, 'owner-a', at(1))).toBe(false); // already sending
      expect(await store.markSent(d.id, 'owner-a', 'TS-1', at(2), at(2))).toBe(true);
      expect(await store.getDelivery(d.id)).toMatchObject({ state: 'sent', threadId: 'TS-1', postedAt: at(2), leaseUntil: null, attempts: 1 });
      // A finished row cannot be moved again.
      expect(await store.markRetry(d.id, 'owner-a', 'x', at(3), at(3))).toBe(false);
      expect(await store.markFailed(d.id, 'owner-a', 'x', at(3))).toBe(false);
      expect(await store.markUncertain(d.id, 'owner-a', 'x', at(3))).toBe(false);
      expect(await store.markSent(d.id, 'owner-a', 'TS-2', at(3), at(3))).toBe(false);
      expect(await store.getDelivery(d.id)).toMatchObject({ state: 'sent', threadId: 'TS-1' });

      const f = (await store.claimDelivery(newDelivery()))!;
      expect(await store.markFailed(f.id, 'owner-a', 'channel_not_found', at(1))).toBe(true);
      expect(await store.getDelivery(f.id)).toMatchObject({ state: 'failed', reason: 'channel_not_found' });
      const u = (await store.claimDelivery(newDelivery()))!;
      await store.markSending(u.id, 'owner-a', at(1));
      expect(await store.markUncertain(u.id, 'owner-a', 'socket hang up', at(2))).toBe(true);
      expect(await store.getDelivery(u.id)).toMatchObject({ state: 'uncertain', reason: 'socket hang up' });
      expect(await store.reclaimDelivery(u.id, 'owner-b', at(100), at(110))).toBeNull(); // a human decides
    });

    it('releases a claim as a retry due now, and a sending one as a lease ended now', async () => {
      const d = (await store.claimDelivery(newDelivery()))!;
      expect(await store.releaseClaim(d.id, 'owner-a', at(1))).toBe(true);
      expect(await store.getDelivery(d.id)).toMatchObject({ state: 'retry', nextAttemptAt: at(1), leaseUntil: null });
      expect(await store.reclaimDelivery(d.id, 'owner-b', at(1), at(6))).toMatchObject({ state: 'claimed', owner: 'owner-b' });

      const s = (await store.claimDelivery(newDelivery()))!;
      await store.markSending(s.id, 'owner-a', at(1));
      expect(await store.releaseClaim(s.id, 'owner-a', at(2))).toBe(true);
      expect(await store.getDelivery(s.id)).toMatchObject({ state: 'sending', leaseUntil: at(2) });
      expect(await store.reclaimDelivery(s.id, 'owner-b', at(3), at(8))).toMatchObject({ state: 'recovering' });
    });

    it('renews only the leases its owner still holds, and a renewed lease is not reclaimed', async () => {
      const a = (await store.claimDelivery(newDelivery()))!;
      const b = (await store.claimDelivery(newDelivery()))!;
      await store.markSending(b.id, 'owner-a', at(1));
      const other = (await store.claimDelivery(newDelivery({ owner: 'owner-b' })))!;
      const sent = (await store.claimDelivery(newDelivery()))!;
      await store.markSent(sent.id, 'owner-a', 'TS', at(1), at(1));
      const kept = await store.renewLeases([a.id, b.id, other.id, sent.id, uid('missing')], 'owner-a', at(4), at(9));
      expect(kept.sort()).toEqual([a.id, b.id].sort());
      expect(await store.getDelivery(a.id)).toMatchObject({ state: 'claimed', leaseUntil: at(9) });
      expect(await store.getDelivery(b.id)).toMatchObject({ state: 'sending', leaseUntil: at(9) });
      expect(await store.getDelivery(other.id)).toMatchObject({ leaseUntil: at(5) });
      expect(await store.getDelivery(sent.id)).toMatchObject({ state: 'sent', leaseUntil: null });
      // Past the first lease but inside the renewed one: nobody may take it.
      expect(await store.reclaimDelivery(a.id, 'owner-b', at(6), at(12))).toBeNull();
      expect(await store.reclaimDelivery(a.id, 'owner-b', at(10), at(15))).toMatchObject({ owner: 'owner-b' });
      expect(await store.renewLeases([a.id], 'owner-a', at(11), at(20))).toEqual([]);
      expect(await store.renewLeases([], 'owner-a', at(11), at(20))).toEqual([]);
    });

    it('lists lease holders and ends a gone owner\'s leases so they are reclaimed at once', async () => {
      const dead = uid('host:123');
      const c = (await store.claimDelivery(newDelivery({ owner: dead, leaseUntil: at(30) })))!;
      const s = (await store.claimDelivery(newDelivery({ owner: dead, leaseUntil: at(30) })))!;
      await store.markSending(s.id, dead, at(1));
      const done = (await store.claimDelivery(newDelivery({ owner: dead, leaseUntil: at(30) })))!;
      await store.markSent(done.id, dead, 'TS', at(1), at(1));
      const live = (await store.claimDelivery(newDelivery({ owner: 'owner-live', leaseUntil: at(30) })))!;
      const owners = await store.listLeaseOwners();
      expect(owners).toContain(dead);
      expect(owners).toContain('owner-live');
      expect(await store.expireLeases(dead, at(2))).toBe(2);
      expect((await store.listReclaimable(at(2), 1000)).map((r) => r.id)).toEqual(expect.arrayContaining([c.id, s.id]));
      expect(await store.reclaimDelivery(c.id, 'owner-b', at(2), at(7))).toMatchObject({ state: 'claimed', owner: 'owner-b' });
      expect(await store.reclaimDelivery(s.id, 'owner-b', at(2), at(7))).toMatchObject({ state: 'recovering', owner: 'owner-b' });
      expect(await store.getDelivery(done.id)).toMatchObject({ state: 'sent' });
      expect(await store.reclaimDelivery(live.id, 'owner-b', at(2), at(7))).toBeNull();
      expect(await store.listLeaseOwners()).not.toContain(dead);
    });

    it('tells admins once', async () => {
      const d = (await store.claimDelivery(newDelivery()))!;
      await store.markFailed(d.id, 'owner-a', 'not_in_channel', at(1));
      const notified = await Promise.all(Array.from({ length: 5 }, () => store.markAdminsNotified(d.id, at(2))));
      expect(notified.filter(Boolean)).toHaveLength(1);
      expect(await store.markAdminsNotified(d.id, at(3))).toBe(false);
      expect(await store.getDelivery(d.id)).toMatchObject({ adminsNotified: true });
      expect(await store.markAdminsNotified(uid('missing'), at(1))).toBe(false);
    });

    it('lists with filters, finds by thread, and knows the highest round', async () => {
      const programme = uid('prog');
      const channelId = uid('C');
      const key = { run: `${programme}@2026-11-16`, kind: 'prompt' as const, programme, day: 2, platform: 'teams' as Platform, channelId };
      expect(await store.maxRound(key)).toBe(-1);
      const r0 = (await store.claimDelivery(newDelivery({ ...key, round: 0, scheduledAt: at(0) })))!;
      const r1 = (await store.claimDelivery(newDelivery({ ...key, round: 1, trigger: 'manual', scheduledAt: at(1) })))!;
      const d3 = (await store.claimDelivery(newDelivery({ ...key, day: 3, scheduledAt: at(2) })))!;
      expect(await store.maxRound(key)).toBe(1);
      expect(await store.maxRound({ ...key, day: 3 })).toBe(0);
      await store.markSent(r1.id, 'owner-a', '19:x;messageid=1', at(1), at(1));
      expect((await store.listDeliveries({ programme })).map((d) => d.id)).toEqual([r0.id, r1.id, d3.id]);
      expect((await store.listDeliveries({ programme, day: 2 })).map((d) => d.id)).toEqual([r0.id, r1.id]);
      expect((await store.listDeliveries({ programme, states: ['sent'] })).map((d) => d.id)).toEqual([r1.id]);
      expect(await store.listDeliveries({ programme, states: [] })).toEqual([]);
      expect(await store.listDeliveries({ programme, platform: 'slack' })).toEqual([]);
      expect((await store.listDeliveries({ channelId })).length).toBe(3);
      expect((await store.listDeliveries({ run: key.run, day: 3 })).map((d) => d.id)).toEqual([d3.id]);
      expect(await store.findDeliveryByThread('teams', channelId, '19:x;messageid=1')).toMatchObject({ id: r1.id, trigger: 'manual' });
      // A digest posted later into the same thread is not the thread's prompt.
      const dg = (await store.claimDelivery(newDelivery({ ...key, kind: 'digest', scheduledAt: at(3), now: at(3) })))!;
      await store.markSent(dg.id, 'owner-a', '19:x;messageid=1', at(3), at(3));
      expect(await store.findDeliveryByThread('teams', channelId, '19:x;messageid=1')).toMatchObject({ id: r1.id, kind: 'prompt' });
      expect(await store.maxRound({ ...key, kind: 'digest' })).toBe(0);
      expect(await store.findDeliveryByThread('teams', channelId, 'nope')).toBeNull();
      expect(await store.getDelivery(uid('missing'))).toBeNull();
    });
  });
}
