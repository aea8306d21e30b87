import { channelLabel } from '../channels';
import type { ReportContext } from '../export-formats';
import { headingFor, translatorOf } from '../frame';
import type { Store } from '../ports/store';
import type { WolSettings } from '../settings';
import { buildStats } from '../stats';

/** What the Markdown report reads besides the posts: the sponsor's figures, channel zones and names (store only). */
export async function reportContext(settings: WolSettings, store: Store, opts: { run?: string } = {}): Promise<ReportContext> {
  const channels = new Map((await store.listChannels()).map((c) => [channelLabel(c), c]));
  return {
    stats: await buildStats(settings, store, opts),
    zoneOf: (platform, channel) => channels.get(`${platform}:${channel}`)?.timezone ?? settings.timezone,
    channelName: (platform, channel) => channels.get(`${platform}:${channel}`)?.name ?? null,
    heading: (day, theme) => headingFor(settings.programme, day, theme),
    tr: translatorOf(settings.programme),
  };
}
