import { channelLabel } from './channels';
import { formatLocal } from './calendar';
import { english, type Translator } from './i18n/catalogue';
import type { Deliverer, DeliveryOutcome } from './delivery';
import { periodValues } from './frame';
import { mapLimit } from './map-limit';
import type { Clock } from './ports/clock';
import type { ChannelRecord, Ledger } from './ports/store';
import type { Programme } from './programme';
import type { WolSettings } from './settings';
import { currentRun } from './runs';
import { programmeFor } from './campaigns';

export interface ManualPostResult {
  channel: ChannelRecord;
  outcome: DeliveryOutcome;
}

const FAN_OUT = 8;
/** A manual post of a day whose earlier delivery ended like this goes out as a new round without `again`. */
const REPOSTABLE = new Set(['failed', 'skipped']);

/**
 * `post N` from chat or the CLI: claims day N in each channel; a channel that already has it is
 * left alone (unless `again`, which adds a new round), so it is safe to repeat.
 */
export async function postDayManually(
  d: { settings: WolSettings; store: Ledger; deliverer: Deliverer; clock: Clock },
  day: number,
  channels: ChannelRecord[],
  again: boolean,
): Promise<ManualPostResult[]> {
  return mapLimit(channels, FAN_OUT, async (channel) => {
    // Each channel's post goes into the current run of its own programme.
    const p = programmeFor(d.settings, channel);
    const run = currentRun(p);
    const key = (c: ChannelRecord) => ({ run, kind: 'prompt' as const, programme: p.programme.id, day, platform: c.platform, channelId: c.channelId });
    const now = d.clock.now();
    let round = 0;
    const max = await d.store.maxRound(key(channel));
    if (again) round = max + 1;
    else if (max >= 0) {
      const [last] = await d.store.listDeliveries({ run, kinds: ['prompt'], day, platform: channel.platform, channelId: channel.channelId }).then((rs) => rs.sort((a, b) => b.round - a.round));
      if (last && REPOSTABLE.has(last.state)) round = max + 1;
    }
    let outcome = await d.deliverer.claimAndSend(channel, { run, kind: 'prompt', day, round }, now, 'manual');
    // Two `again`s at once may race for one round: take the next.
    if (again && outcome.kind === 'already') outcome = await d.deliverer.claimAndSend(channel, { run, kind: 'prompt', day, round: round + 1 }, now, 'manual');
    return { channel, outcome };
  });
}

/** What happened in each channel, naming the post as its programme counts it (day 8, or week 2 in a weekly programme). */
export function describeResults(
  results: ManualPostResult[], day: number, programme: Pick<Programme, 'cadence'>, zoneOf: (c: ChannelRecord) => string, againHint: string, tr: Translator = english,
): string {
  const lines: string[] = [];
  const period = periodValues(programme, day);
  const sent = results.filter((r) => r.outcome.kind === 'sent');
  if (sent.length) lines.push(tr.t('post.sent', { ...period, n: sent.length, where: sent.map((r) => channelLabel(r.channel)).join(', ') }));
  for (const r of results) {
    const o = r.outcome;
    const where = channelLabel(r.channel);
    if (o.kind === 'already') {
      if (o.delivery.state === 'sent') {
        const when = o.delivery.postedAt ? tr.t('post.alreadyWhen', { time: formatLocal(o.delivery.postedAt, zoneOf(r.channel)), zone: zoneOf(r.channel) }) : '';
        lines.push(tr.t('post.already', { where, ...period, when, hint: againHint }));
      } else {
        lines.push(tr.t('post.alreadyState', { where, ...period, state: tr.t('status.state', { state: o.delivery.state }), reason: o.delivery.reason ? ` (${o.delivery.reason})` : '', hint: againHint }));
      }
    } else if (o.kind === 'retry') lines.push(tr.t('post.retry', { where, reason: o.reason }));
    else if (o.kind === 'failed') lines.push(tr.t('post.failed', { where, reason: o.reason }));
    else if (o.kind === 'uncertain') lines.push(tr.t('post.uncertain', { where, reason: o.reason }));
    else if (o.kind === 'lost') lines.push(tr.t('post.lost', { where }));
  }
  if (results.length === 0) lines.push(tr.t('post.none'));
  return lines.join('\n');
}
