import type { ChannelRecord, Channels } from './ports/store';
import type { ChannelTarget } from './ports/platform';
import type { WolSettings } from './settings';

/** `slack:C123` — how channels are named to people and on the CLI. */
export function channelLabel(c: { platform: string; channelId: string }): string {
  return `${c.platform}:${c.channelId}`;
}

export function targetOf(c: ChannelRecord): ChannelTarget {
  return { platform: c.platform, channelId: c.channelId, workspaceId: c.workspaceId ?? null, groupId: c.groupId ?? null, reference: c.reference };
}

/**
 * Configured channels whose platform is off (its credentials are not set): nothing will be posted
 * there, which an organizer must hear at `check` and at start rather than find out on day 1.
 */
export function channelsOnPlatformsOff(settings: Pick<WolSettings, 'channels'>, isOn: (platform: string) => boolean): string[] {
  const off = new Map<string, string[]>();
  for (const c of settings.channels) if (!isOn(c.platform)) off.set(c.platform, [...(off.get(c.platform) ?? []), channelLabel(c)]);
  return [...off].map(([platform, labels]) => `${labels.join(', ')} ${labels.length === 1 ? 'is' : 'are'} in the config but ${platform} is off (its credentials are not set): nothing will be posted there until they are`);
}

/**
 * Make the store's channel list match the config: configured channels are added (active) or
 * updated (timezone/time), keeping pause and deactivation; channels dropped from the config are
 * deactivated. Subscribed channels are left alone. Idempotent: server and CLI both call it.
 */
export async function syncConfiguredChannels(settings: WolSettings, store: Channels, now: Date): Promise<void> {
  const existing = new Map((await store.listChannels()).map((c) => [channelLabel(c), c]));
  const wanted = new Set<string>();
  for (const cc of settings.channels) {
    const label = channelLabel(cc);
    wanted.add(label);
    const old = existing.get(label);
    const timezone = cc.timezone ?? null;
    const time = cc.time ?? null;
    if (old && old.source === 'config' && old.timezone === timezone && old.time === time && (old.active || old.inactiveReason !== 'removed from config')) continue;
    await store.saveChannel(
      {
        platform: cc.platform,
        channelId: cc.channelId,
        workspaceId: old?.workspaceId ?? null,
        groupId: old?.groupId ?? null,
        reference: old?.reference ?? null,
        name: old?.name ?? null,
        timezone,
        time,
        active: old ? old.active || old.inactiveReason === 'removed from config' : true,
        paused: old?.paused ?? false,
        source: 'config',
        inactiveReason: old && !old.active && old.inactiveReason !== 'removed from config' ? old.inactiveReason : null,
      },
      now,
    );
  }
  for (const [label, c] of existing) {
    if (c.source === 'config' && !wanted.has(label) && c.active) {
      await store.setChannelActive(c.platform, c.channelId, false, 'removed from config', now);
    }
  }
}

/**
 * Keep how to reach a channel (a Teams install, a command said in an unknown channel) without
 * subscribing it: an existing channel keeps its state, a new one is stored inactive as `known`.
 */
export async function rememberChannel(store: Channels, t: ChannelTarget, name: string | null, now: Date): Promise<ChannelRecord> {
  const old = await store.getChannel(t.platform, t.channelId);
  await store.saveChannel(
    {
      platform: t.platform,
      channelId: t.channelId,
      workspaceId: t.workspaceId ?? old?.workspaceId ?? null,
      groupId: t.groupId ?? old?.groupId ?? null,
      reference: t.reference ?? old?.reference ?? null,
      name: name ?? old?.name ?? null,
      timezone: old?.timezone ?? null,
      time: old?.time ?? null,
      active: old?.active ?? false,
      paused: old?.paused ?? false,
      source: old?.source ?? 'known',
      inactiveReason: old?.inactiveReason ?? null,
    },
    now,
  );
  return (await store.getChannel(t.platform, t.channelId))!;
}
