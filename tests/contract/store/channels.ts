import type { Platform, Store } from '../../../src/core/ports';
import type { ContractHarness } from './harness';

/** Channels: saved, (de)activated, paused, renamed with their history, forgotten. */
export function describeChannelsContract(h: ContractHarness): void {
  describe('Channels', () => {
    const { uid, T0, at, newDelivery, newReply } = h;
    let store: Store;
    beforeAll(() => {
      store = h.store();
    });

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
}
