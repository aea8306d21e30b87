import { channelLabel } from '../channels';
import type { ReportContext } from '../export-markdown';
import { headingFor, translatorOf } from '../frame';
import type { Store } from '../ports/store';
import type { WolSettings } from '../settings';
import { buildStats } from '../stats';
import { currentRun } from '../runs';

/** What the Markdown report reads besides the posts: the sponsor's figures, channel zones and names (store only). */
export async function reportContext(settings: WolSettings, store: Store, opts: { run?: string } = {}): Promise<ReportContext> {
  const channels = new Map((await store.listChannels()).map((c) => [channelLabel(c), c]));
  const stats = await buildStats(settings, store, opts);
  // The run's figures cover every day, so "posted" does too (an export of one day still shows the others' figures).
  const run = opts.run ?? currentRun(settings);
  const sent = await store.listDeliveries({ run, kinds: ['prompt'], states: ['sent'] });
  return {
    stats,
    postedDays: new Set(sent.map((r) => r.day)),
    zoneOf: (platform, channel) => channels.get(`${platform}:${channel}`)?.timezone ?? settings.timezone,
    channelName: (platform, channel) => channels.get(`${platform}:${channel}`)?.name ?? null,
    heading: (day, theme) => headingFor(settings.programme, day, theme),
    tr: translatorOf(settings.programme),
  };
}
