import type { NewDelivery, NewReply, Platform, Store } from '../../src/core/ports';

/**
 * The one suite every Store implementation must pass. `open` returns a new handle to the same,
 * migrated database each time it is called (one handle serves the suite; a second one races it).
 * Tests share the database, so each uses its own ids (uid()) and asserts only on its own rows.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  // One block per role port of src/core/ports/store.ts, run on every back end.
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let seq = 0;
    const run = Math.random().toString(36).slice(2, 8);
    const uid = (p: string) => `${p}-${run}-${++seq}`;
    const T0 = new Date('2026-11-16T09:00:00.000Z');
    const at = (mins: number) => new Date(T0.getTime() + mins * 60_000);

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const newDelivery = (over: Partial<NewDelivery> = {}): NewDelivery => ({
      id: uid('d'),
      run: 'wol-week@2026-11-16',
      kind: 'prompt',
      programme: 'wol-week',
      day: 1,
      platform: 'slack',
      channelId: uid('C'),
      round: 0,
      state: 'claimed',
      trigger: 'schedule',
      scheduledAt: T0,
      owner: 'owner-a',
      leaseUntil: at(5),
      now: T0,
      ...over,
    });
    const newReply = (deliveryId: string, over: Partial<NewReply> = {}): NewReply => ({
      platform: 'slack',
      channelId: 'C-replies',
      messageId: uid('m'),
      threadId: 'T1',
      deliveryId,
      user: 'U1',
      text: 'hello',
      at: at(1),
      files: [],
      links: [],
      external: false,
      ...over,
    });

    describe('StoreMeta: basics', () => {
      it('answers ping and describes itself without credentials', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
        expect(['sqlite', 'postgres']).toContain(store.kind);
        expect(store.description).toMatch(/^(sqlite|postgres(ql)?):/);
        expect(store.description).not.toMatch(/:[^/@:]+@/);
      });
    });

    describe('Channels', () => {
      it('saves, reads back, and replaces a channel keeping createdAt', async () => {
        const id = uid('C');
        const reference = { serviceUrl: 'https://smba.example/emea/', conversation: { id: '19:abc@thread.tacv2' }, n: 3, ok: true, ü: 'é' };
        expect(await store.getChannel('teams', id)).toBeNull();
        await store.saveChannel({
          platform: 'teams', channelId: id, workspaceId: 'tenant-1', reference, name: 'General', timezone: 'Europe/Paris',
          time: '10:00', active: true, paused: false, source: 'subscribed', inactiveReason: null,
        }, T0);
        const got = await store.getChannel('teams', id);
        expect(got).toEqual({
          platform: 'teams', channelId: id, workspaceId: 'tenant-1', groupId: null, reference, name: 'General', timezone: 'Europe/Paris',
          time: '10:00', active: true, paused: false, source: 'subscribed', inactiveReason: null, createdAt: T0, updatedAt: T0,
        });
        await store.saveChannel({ ...got!, name: 'Renamed', timezone: null, time: null, paused: true }, at(10));
        const again = await store.getChannel('teams', id);
        expect(again).toMatchObject({ name: 'Renamed', timezone: null, time: null, paused: true, createdAt: T0, updatedAt: at(10) });
      });

      it('forgets a channel on request, once', async () => {
        const id = uid('C');
        await store.saveChannel({ platform: 'slack', channelId: id, name: null, timezone: null, time: null, active: false, paused: false, source: 'subscribed', inactiveReason: 'draft' }, T0);
        expect(await store.deleteChannel('slack', id)).toBe(true);
        expect(await store.getChannel('slack', id)).toBeNull();
        expect(await store.deleteChannel('slack', id)).toBe(false);
      });

      it('keeps an absent reference absent and a null workspace null', async () => {
        const id = uid('C');
        await store.saveChannel({
          platform: 'slack', channelId: id, name: null, timezone: null, time: null, active: true, paused: false,
          source: 'config', inactiveReason: null,
        }, T0);
        const got = await store.getChannel('slack', id);
        expect(got?.reference).toBeUndefined();
        expect(got?.workspaceId).toBeNull();
      });

      it('activates, deactivates with a reason, pauses, and lists active ones', async () => {
        const id = uid('C');
        const base = { platform: 'slack' as Platform, channelId: id, name: null, timezone: null, time: null, active: true, paused: false, source: 'config' as const, inactiveReason: null };
        await store.saveChannel(base, T0);
        expect(await store.setChannelActive('slack', id, false, 'archived', at(1))).toBe(true);
        expect(await store.getChannel('slack', id)).toMatchObject({ active: false, inactiveReason: 'archived', updatedAt: at(1) });
        expect((await store.listChannels({ activeOnly: true })).some((c) => c.channelId === id)).toBe(false);
        expect((await store.listChannels()).some((c) => c.channelId === id)).toBe(true);
        expect(await store.setChannelActive('slack', id, true, null, at(2))).toBe(true);
        expect(await store.getChannel('slack', id)).toMatchObject({ active: true, inactiveReason: null });
        expect((await store.listChannels({ activeOnly: true })).some((c) => c.channelId === id)).toBe(true);
        expect(await store.setChannelPaused('slack', id, true, at(3))).toBe(true);
        expect(await store.getChannel('slack', id)).toMatchObject({ paused: true, active: true });
        expect(await store.setChannelActive('slack', uid('nope'), false, 'x', at(3))).toBe(false);
        expect(await store.setChannelPaused('slack', uid('nope'), true, at(3))).toBe(false);
      });

      it('deactivates every active channel of one workspace only', async () => {
        const ws = uid('W');
        const mk = (channelId: string, workspaceId: string, platform: Platform = 'slack') => store.saveChannel({
          platform, channelId, workspaceId, name: null, timezone: null, time: null, active: true, paused: false,
          source: 'subscribed', inactiveReason: null,
        }, T0);
        const [a, b, other, otherPlatform] = [uid('C'), uid('C'), uid('C'), uid('C')];
        await mk(a, ws);
        await mk(b, ws);
        await mk(other, uid('W'));
        await mk(otherPlatform, ws, 'teams');
        expect(await store.deactivateWorkspace('slack', ws, 'uninstalled', at(1))).toBe(2);
        expect(await store.getChannel('slack', a)).toMatchObject({ active: false, inactiveReason: 'uninstalled' });
        expect(await store.getChannel('slack', b)).toMatchObject({ active: false });
        expect(await store.getChannel('slack', other)).toMatchObject({ active: true });
        expect(await store.getChannel('teams', otherPlatform)).toMatchObject({ active: true });
        expect(await store.deactivateWorkspace('slack', ws, 'uninstalled', at(2))).toBe(0);
      });

      it('deactivates every active channel of one group (a Teams team) only, and keeps the group id', async () => {
        const [team, tenant] = [uid('T'), uid('W')];
        const mk = (channelId: string, groupId: string | null) => store.saveChannel({
          platform: 'teams', channelId, workspaceId: tenant, groupId, name: null, timezone: null, time: null, active: true, paused: false,
          source: 'subscribed', inactiveReason: null,
        }, T0);
        const [a, b, elsewhere, noGroup] = [uid('C'), uid('C'), uid('C'), uid('C')];
        await mk(a, team);
        await mk(b, team);
        await mk(elsewhere, uid('T'));
        await mk(noGroup, null);
        expect(await store.getChannel('teams', a)).toMatchObject({ groupId: team, workspaceId: tenant });
        expect(await store.deactivateGroup('teams', team, 'bot_removed', at(1))).toBe(2);
        expect(await store.getChannel('teams', b)).toMatchObject({ active: false, inactiveReason: 'bot_removed' });
        expect(await store.getChannel('teams', elsewhere)).toMatchObject({ active: true });
        expect(await store.getChannel('teams', noGroup)).toMatchObject({ active: true, groupId: null });
        expect(await store.deactivateGroup('slack', team, 'bot_removed', at(2))).toBe(0);
      });

      it('renames a channel and moves its deliveries, replies and reactions', async () => {
        const [oldId, newId] = [uid('C'), uid('C')];
        await store.saveChannel({
          platform: 'slack', channelId: oldId, name: 'old', timezone: 'Asia/Tokyo', time: '08:00', active: true, paused: false,
          source: 'subscribed', inactiveReason: null,
        }, T0);
        const d = (await store.claimDelivery(newDelivery({ channelId: oldId })))!;
        await store.markSending(d.id, 'owner-a', T0);
        await store.markSent(d.id, 'owner-a', 'TS1', T0, T0);
        const reply = newReply(d.id, { channelId: oldId, threadId: 'TS1' });
        await store.addReply(uid('e'), reply, T0);
        await store.addReaction(uid('e'), { platform: 'slack', channelId: oldId, itemId: reply.messageId, user: 'U2', emoji: 'tada', at: T0 }, T0);
        await store.renameChannel('slack', oldId, newId, at(1));
        expect(await store.getChannel('slack', oldId)).toBeNull();
        expect(await store.getChannel('slack', newId)).toMatchObject({ name: 'old', timezone: 'Asia/Tokyo', createdAt: T0 });
        expect(await store.findDeliveryByThread('slack', newId, 'TS1')).toMatchObject({ id: d.id, channelId: newId });
        expect(await store.findDeliveryByThread('slack', oldId, 'TS1')).toBeNull();
        expect(await store.getReply('slack', newId, reply.messageId)).toMatchObject({ text: 'hello', channelId: newId });
        expect((await store.reactionCounts('slack', newId, [reply.messageId])).get(reply.messageId)).toBe(1);
        expect((await store.reactionCounts('slack', oldId, [reply.messageId])).get(reply.messageId) ?? 0).toBe(0);
        // The key moved too: day 1 round 0 cannot be claimed again under the new id.
        expect(await store.claimDelivery(newDelivery({ channelId: newId }))).toBeNull();
      });
    });

    describe('Ledger: deliveries', () => {
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

    describe('Replies: ingest and reads', () => {
      it('records a bare key once, whoever asks (a replayed request signature is refused on every replica)', async () => {
        const key = uid('slack:signature:v0=');
        const answers = await Promise.all([store.recordEvent(key, T0), store.recordEvent(key, T0), store.recordEvent(key, T0)]);
        expect(answers.filter(Boolean)).toHaveLength(1);
        expect(await store.recordEvent(key, T0)).toBe(false);
        expect(await store.hasEvent(key)).toBe(true);
      });

      it('tells whether it holds anything from outside the sandbox', async () => {
        await store.saveChannel({ platform: 'teams', channelId: uid('19:'), workspaceId: null, name: null, timezone: null, time: null, active: true, paused: false, source: 'subscribed', inactiveReason: null }, T0);
        expect(await store.holdsPlatformData()).toBe(true);
      });

      it('stores a reply once per event key, also under 5 concurrent deliveries', async () => {
        const deliveryId = uid('d');
        const key = uid('evt');
        const reply = newReply(deliveryId);
        expect(await store.hasEvent(key)).toBe(false);
        const results = await Promise.all(Array.from({ length: 5 }, () => store.addReply(key, reply, T0)));
        expect(results.filter((r) => r === 'stored')).toHaveLength(1);
        expect(results.filter((r) => r === 'duplicate')).toHaveLength(4);
        expect(await store.addReply(key, reply, T0)).toBe('duplicate');
        expect(await store.hasEvent(key)).toBe(true);
        const listed = await store.listReplies({ deliveryIds: [deliveryId] });
        expect(listed).toEqual([{ ...reply, editedAt: null, deletedAt: null }]);
        // The same message under another event key is not stored twice.
        expect(await store.addReply(uid('evt'), { ...reply, text: 'other' }, T0)).toBe('duplicate');
        expect((await store.getReply('slack', reply.channelId, reply.messageId))?.text).toBe('hello');
      });

      it('keeps files, links and the external flag', async () => {
        const deliveryId = uid('d');
        const reply = newReply(deliveryId, { files: ['https://f.example/a.png'], links: ['https://x.example/?a=1&b=2'], external: true });
        await store.addReply(uid('evt'), reply, T0);
        expect(await store.getReply('slack', reply.channelId, reply.messageId)).toMatchObject({
          files: ['https://f.example/a.png'], links: ['https://x.example/?a=1&b=2'], external: true,
        });
        expect(await store.getReply('slack', reply.channelId, uid('nope'))).toBeNull();
      });

      it('edits a known reply, ignores an unknown one but records its event', async () => {
        const reply = newReply(uid('d'));
        await store.addReply(uid('evt'), reply, T0);
        const unknownKey = uid('evt');
        expect(await store.editReply(unknownKey, 'slack', reply.channelId, uid('nope'), 'x', at(2), at(2))).toBe('ignored');
        expect(await store.hasEvent(unknownKey)).toBe(true);
        const editKey = uid('evt');
        expect(await store.editReply(editKey, 'slack', reply.channelId, reply.messageId, 'edited ✏️', at(3), at(3))).toBe('stored');
        expect(await store.editReply(editKey, 'slack', reply.channelId, reply.messageId, 'again', at(4), at(4))).toBe('duplicate');
        expect(await store.getReply('slack', reply.channelId, reply.messageId)).toMatchObject({ text: 'edited ✏️', editedAt: at(3) });
      });

      it('tombstones a deleted reply and ignores later edits and unknown deletes', async () => {
        const deliveryId = uid('d');
        const reply = newReply(deliveryId, { files: ['f1'], links: ['l1'] });
        const keep = newReply(deliveryId, { at: at(2) });
        await store.addReply(uid('evt'), reply, T0);
        await store.addReply(uid('evt'), keep, T0);
        expect(await store.deleteReply(uid('evt'), 'slack', reply.channelId, reply.messageId, at(5), at(5))).toBe('stored');
        expect(await store.deleteReply(uid('evt'), 'slack', reply.channelId, reply.messageId, at(6), at(6))).toBe('ignored');
        expect(await store.deleteReply(uid('evt'), 'slack', reply.channelId, uid('nope'), at(6), at(6))).toBe('ignored');
        expect(await store.editReply(uid('evt'), 'slack', reply.channelId, reply.messageId, 'back?', at(7), at(7))).toBe('ignored');
        expect((await store.listReplies({ deliveryIds: [deliveryId] })).map((r) => r.messageId)).toEqual([keep.messageId]);
        const all = await store.listReplies({ deliveryIds: [deliveryId], includeDeleted: true });
        expect(all.map((r) => r.messageId)).toEqual([reply.messageId, keep.messageId]);
        expect(all[0]).toMatchObject({ text: null, deletedAt: at(5), files: [], links: [], user: 'U1' });
      });

      it('lists replies by delivery in time order', async () => {
        const [d1, d2] = [uid('d'), uid('d')];
        const late = newReply(d1, { at: at(30) });
        const early = newReply(d2, { at: at(10) });
        const mid = newReply(d1, { at: at(20) });
        for (const r of [late, early, mid]) await store.addReply(uid('evt'), r, T0);
        expect((await store.listReplies({ deliveryIds: [d1, d2] })).map((r) => r.messageId)).toEqual([early.messageId, mid.messageId, late.messageId]);
        expect((await store.listReplies({ deliveryIds: [d1] })).map((r) => r.messageId)).toEqual([mid.messageId, late.messageId]);
        expect(await store.listReplies({ deliveryIds: [] })).toEqual([]);
        const everything = await store.listReplies({});
        expect(everything.map((r) => r.messageId)).toEqual(expect.arrayContaining([early.messageId, mid.messageId, late.messageId]));
      });

      it('reads a delivery\'s replies a page at a time after the last one read, same-time replies included (export paging)', async () => {
        const d = uid('d');
        const made = [newReply(d, { at: at(20) }), newReply(d, { at: at(10) }), newReply(d, { at: at(20) }), newReply(d, { at: at(30) }), newReply(d, { at: at(20) })];
        for (const r of made) await store.addReply(uid('evt'), r, T0);
        const whole = (await store.listReplies({ deliveryIds: [d] })).map((r) => r.messageId);
        const paged: string[] = [];
        let after: Awaited<ReturnType<typeof store.listReplies>>[number] | undefined;
        for (;;) {
          const page = await store.listReplies({ deliveryIds: [d], after, limit: 2 });
          paged.push(...page.map((r) => r.messageId));
          if (page.length < 2) break;
          after = page[page.length - 1];
        }
        expect(whole).toHaveLength(5);
        expect(paged).toEqual(whole);
      });

      it('counts reactions per item, idempotent per user and emoji', async () => {
        const channelId = uid('C');
        const r = { platform: 'teams' as Platform, channelId, itemId: 'prompt-1', user: 'U1', emoji: 'like', at: T0 };
        expect(await store.addReaction(uid('evt'), r, T0)).toBe('stored');
        expect(await store.addReaction(uid('evt'), { ...r, at: at(1) }, T0)).toBe('stored'); // same reaction, new event
        const dupKey = uid('evt');
        expect(await store.addReaction(dupKey, { ...r, user: 'U2' }, T0)).toBe('stored');
        expect(await store.addReaction(dupKey, { ...r, user: 'U3' }, T0)).toBe('duplicate');
        await store.addReaction(uid('evt'), { ...r, emoji: 'heart' }, T0);
        await store.addReaction(uid('evt'), { ...r, itemId: 'reply-1' }, T0);
        await store.addReaction(uid('evt'), { ...r, channelId: uid('C') }, T0); // another channel: not counted
        let counts = await store.reactionCounts('teams', channelId, ['prompt-1', 'reply-1', 'none']);
        expect(counts.get('prompt-1')).toBe(3);
        expect(counts.get('reply-1')).toBe(1);
        expect(counts.get('none') ?? 0).toBe(0);
        expect((await store.reactionCounts('teams', channelId, [])).size).toBe(0);

        expect(await store.removeReaction(uid('evt'), { platform: 'teams', channelId, itemId: 'prompt-1', user: 'U1', emoji: 'like' }, T0)).toBe('stored');
        expect(await store.removeReaction(uid('evt'), { platform: 'teams', channelId, itemId: 'prompt-1', user: 'U1', emoji: 'like' }, T0)).toBe('ignored');
        counts = await store.reactionCounts('teams', channelId, ['prompt-1']);
        expect(counts.get('prompt-1')).toBe(2);
      });

      it('counts reactions in a thread of any size (more ids than one statement may bind)', async () => {
        const channelId = uid('C');
        const ids = Array.from({ length: 40_000 }, (_, i) => `m-${i}`);
        for (const itemId of ['m-0', 'm-20000', 'm-39999']) {
          await store.addReaction(uid('evt'), { platform: 'slack', channelId, itemId, user: 'U1', emoji: 'tada', at: T0 }, T0);
        }
        const counts = await store.reactionCounts('slack', channelId, ids);
        expect([...counts.entries()].sort()).toEqual([['m-0', 1], ['m-20000', 1], ['m-39999', 1]]);
      });

      it('prunes old event keys', async () => {
        const oldKey = uid('evt');
        const newKey = uid('evt');
        await store.addReaction(oldKey, { platform: 'local', channelId: uid('C'), itemId: 'i', user: 'u', emoji: 'e', at: T0 }, new Date('2001-01-01T00:00:00Z'));
        await store.addReaction(newKey, { platform: 'local', channelId: uid('C'), itemId: 'i', user: 'u', emoji: 'e', at: T0 }, T0);
        expect(await store.pruneEvents(new Date('2001-06-01T00:00:00Z'))).toBeGreaterThanOrEqual(1);
        expect(await store.hasEvent(oldKey)).toBe(false);
        expect(await store.hasEvent(newKey)).toBe(true);
      });
    });

    describe("People: people's words and names", () => {
      it('forgets one user everywhere and leaves others alone', async () => {
        const user = uid('U');
        const deliveryId = uid('d');
        const mine1 = newReply(deliveryId, { user, files: ['f'], links: ['l'] });
        const mine2 = newReply(deliveryId, { user, platform: 'teams', channelId: uid('C') });
        const theirs = newReply(deliveryId, { user: 'someone-else' });
        for (const r of [mine1, mine2, theirs]) await store.addReply(uid('evt'), r, T0);
        const channelId = uid('C');
        await store.addReaction(uid('evt'), { platform: 'slack', channelId, itemId: 'p', user, emoji: 'a', at: T0 }, T0);
        await store.addReaction(uid('evt'), { platform: 'teams', channelId, itemId: 'p', user, emoji: 'b', at: T0 }, T0);
        await store.addReaction(uid('evt'), { platform: 'slack', channelId, itemId: 'p', user: 'someone-else', emoji: 'a', at: T0 }, T0);

        expect(await store.forgetUser(user)).toBe(4);
        const all = await store.listReplies({ deliveryIds: [deliveryId], includeDeleted: true });
        for (const r of all.filter((x) => x.user === user)) expect(r).toMatchObject({ text: null, files: [], links: [] });
        expect(all.find((r) => r.messageId === theirs.messageId)?.text).toBe('hello');
        expect((await store.reactionCounts('slack', channelId, ['p'])).get('p')).toBe(1);
        expect((await store.reactionCounts('teams', channelId, ['p'])).get('p') ?? 0).toBe(0);
        expect(await store.forgetUser(user)).toBe(0);
      });

      it('forgets within a scope: one platform, and one workspace of it', async () => {
        const user = uid('U');
        const deliveryId = uid('d');
        const [c1, c2] = [uid('C'), uid('C')];
        await store.saveChannel({ platform: 'slack', channelId: c1, workspaceId: 'T1', name: null, timezone: null, time: null, active: true, paused: false, source: 'subscribed', inactiveReason: null }, T0);
        await store.saveChannel({ platform: 'slack', channelId: c2, workspaceId: 'T2', name: null, timezone: null, time: null, active: true, paused: false, source: 'subscribed', inactiveReason: null }, T0);
        const inT1 = newReply(deliveryId, { user, channelId: c1 });
        const inT2 = newReply(deliveryId, { user, channelId: c2 });
        const onTeams = newReply(deliveryId, { user, platform: 'teams', channelId: uid('C') });
        for (const r of [inT1, inT2, onTeams]) await store.addReply(uid('evt'), r, T0);
        expect(await store.forgetUser(user, { platform: 'slack', workspaceId: 'T1' })).toBe(1);
        const texts = new Map((await store.listReplies({ deliveryIds: [deliveryId], includeDeleted: true })).map((r) => [r.messageId, r.text]));
        expect([texts.get(inT1.messageId), texts.get(inT2.messageId), texts.get(onTeams.messageId)]).toEqual([null, 'hello', 'hello']);
        expect(await store.forgetUser(user, { platform: 'slack' })).toBe(1);
        expect(await store.forgetUser(user, { platform: 'local' })).toBe(0);
      });

      it('prunes replies older than a date, with the reactions on them', async () => {
        const deliveryId = uid('d');
        const channelId = uid('C');
        const old = newReply(deliveryId, { channelId, at: new Date('2000-03-01T00:00:00Z') });
        const recent = newReply(deliveryId, { channelId, at: T0 });
        for (const r of [old, recent]) await store.addReply(uid('evt'), r, T0);
        for (const itemId of [old.messageId, recent.messageId]) {
          await store.addReaction(uid('evt'), { platform: 'slack', channelId, itemId, user: 'U9', emoji: 'x', at: T0 }, T0);
        }
        expect(await store.pruneReplies(new Date('2000-06-01T00:00:00Z'))).toBe(1);
        expect((await store.listReplies({ deliveryIds: [deliveryId], includeDeleted: true })).map((r) => r.messageId)).toEqual([recent.messageId]);
        const counts = await store.reactionCounts('slack', channelId, [old.messageId, recent.messageId]);
        expect(counts.get(old.messageId) ?? 0).toBe(0);
        expect(counts.get(recent.messageId)).toBe(1);
      });

      it('keeps display names per platform; forget me and retention remove them with the words', async () => {
        const ana = uid('U');
        const ben = uid('U');
        await store.saveName('slack', ana, 'Ana', T0);
        await store.saveName('slack', ana, 'Ana B.', at(60)); // refreshed
        await store.saveName('teams', ana, 'Ana on Teams', T0);
        await store.saveName('slack', ben, 'Ben <script>', T0);
        const names = await store.getNames('slack', [ana, ben, uid('U')]);
        expect(names.get(ana)).toEqual({ name: 'Ana B.', updatedAt: at(60) });
        expect(names.get(ben)?.name).toBe('Ben <script>');
        expect(names.size).toBe(2);
        expect((await store.getNames('teams', [ana])).get(ana)?.name).toBe('Ana on Teams');
        expect((await store.getNames('slack', [])).size).toBe(0);

        // forget me: the name goes on every platform.
        await store.addReply(uid('evt'), newReply(uid('d'), { user: ana }), T0);
        expect(await store.forgetUser(ana)).toBe(3); // the reply's text and two names
        expect((await store.getNames('slack', [ana])).size).toBe(0);
        expect((await store.getNames('teams', [ana])).size).toBe(0);

        // retention: ben's only reply is old, so his name goes with it; cy keeps a recent reply.
        const cy = uid('U');
        await store.saveName('slack', cy, 'Cy', T0);
        await store.addReply(uid('evt'), newReply(uid('d'), { user: ben, at: new Date('2000-02-01T00:00:00Z') }), T0);
        await store.addReply(uid('evt'), newReply(uid('d'), { user: cy, at: T0 }), T0);
        await store.pruneReplies(new Date('2000-06-01T00:00:00Z'));
        expect([...(await store.getNames('slack', [ben, cy])).keys()]).toEqual([cy]);
      });

      it('stores text byte for byte', async () => {
        const texts = [
          'emoji 👩🏽‍💻🎉 and flags 🇬🇧',
          'RTL: שלום עולם — مرحبا بالعالم',
          'zero\u200bwidth\u200cjoin\u200dners\ufeff',
          'controls \u0001\u0007\u001b[31m\u007f tab\tCR\r\nLF\n',
          '  leading and trailing spaces  ',
          "quotes ' \" ` and backslash \\ and %_ wildcards",
          '<!channel> &amp; <@U123> =SUM(A1)',
          'combining é vs é, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 漢字',
          '',
        ];
        const deliveryId = uid('d');
        for (const [i, text] of texts.entries()) {
          await store.addReply(uid('evt'), newReply(deliveryId, { text, at: at(i) }), T0);
        }
        const got = await store.listReplies({ deliveryIds: [deliveryId] });
        expect(got.map((r) => r.text)).toEqual(texts);
        const r0 = got[0]!;
        await store.editReply(uid('evt'), 'slack', r0.channelId, r0.messageId, texts[3]!, at(50), at(50));
        expect((await store.getReply('slack', r0.channelId, r0.messageId))?.text).toBe(texts[3]);
        expect(await store.setMetaIfAbsent(uid('meta'), texts[1]!)).toBe(texts[1]);
      });
    });

    describe('SandboxMessages, Installations, StoreMeta', () => {
      it('keeps local messages per channel in time order', async () => {
        const channelId = uid('local');
        const prompt = { id: uid('lm'), channelId, threadId: null, user: 'wolbot', kind: 'prompt' as const, body: { theme: 'Connection', n: [1, 2] }, at: at(0) };
        const reply = { id: uid('lm'), channelId, threadId: prompt.id, user: 'sandbox-user', kind: 'reply' as const, body: 'hi 👋', at: at(1) };
        await store.addLocalMessage(reply);
        await store.addLocalMessage(prompt);
        await store.addLocalMessage({ ...prompt, id: uid('lm'), channelId: uid('local') });
        expect(await store.listLocalMessages(channelId)).toEqual([prompt, reply]);
        expect((await store.listLocalMessages()).map((m) => m.id)).toEqual(expect.arrayContaining([prompt.id, reply.id]));
      });

      it('saves, replaces, reads and deletes installations', async () => {
        const ws = uid('T');
        expect(await store.getInstallation('slack', ws)).toBeNull();
        await store.saveInstallation('slack', ws, 'enc:v1', T0);
        await store.saveInstallation('slack', ws, 'enc:v2', at(1));
        expect(await store.getInstallation('slack', ws)).toBe('enc:v2');
        expect(await store.getInstallation('teams', ws)).toBeNull();
        await store.deleteInstallation('slack', ws);
        expect(await store.getInstallation('slack', ws)).toBeNull();
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
  });
}
