import { asRun, currentRuns, programmeOfRun } from '../campaigns';
import { channelLabel } from '../channels';
import type { ReportContext, ReportSection } from '../export-markdown';
import { headingFor, translatorOf } from '../frame';
import type { ChannelRecord, Store } from '../ports/store';
import type { WolSettings } from '../settings';
import { buildStats } from '../stats';

/**
 * What the Markdown report reads besides the posts (store only): one section per run — the
 * current runs, or those named — each with its programme's title, language, zones and figures.
 * The top-level fields are the first section's.
 */
export async function reportContext(settings: WolSettings, store: Store, opts: { runs?: string[] } = {}): Promise<ReportContext> {
  const channels = new Map((await store.listChannels()).map((c) => [channelLabel(c), c]));
  const runs = opts.runs?.length ? opts.runs : currentRuns(settings);
  const sections: ReportSection[] = [];
  for (const run of runs) sections.push(await runSection(settings, store, run, channels));
  return { ...sections[0]!.ctx, sections };
}

async function runSection(settings: WolSettings, store: Store, run: string, channels: Map<string, ChannelRecord>): Promise<ReportSection> {
  const p = asRun(programmeOfRun(settings, run) ?? settings, run);
  const stats = await buildStats(settings, store, { run });
  // The run's figures cover every day, so "posted" does too (an export of one day still shows the others' figures).
  const sent = await store.listDeliveries({ run, kinds: ['prompt'], states: ['sent'] });
  const ctx: ReportContext = {
    stats,
    postedDays: new Set(sent.map((r) => r.day)),
    zoneOf: (platform, channel) => channels.get(`${platform}:${channel}`)?.timezone ?? p.timezone,
    channelName: (platform, channel) => channels.get(`${platform}:${channel}`)?.name ?? null,
    heading: (day, theme) => headingFor(p.programme, day, theme),
    weekly: p.programme.cadence === 'weekly',
    tr: translatorOf(p.programme),
  };
  return { run, title: p.programme.title, ctx };
}
