import { channelLabel } from './channels';
import { formatLocal } from './calendar';
import type { Deliverer, DeliveryOutcome } from './delivery';
import { mapLimit } from './map-limit';
import type { Clock } from './ports/clock';
import type { ChannelRecord, Store } from './ports/store';
import type { WolSettings } from './settings';

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
  d: { settings: WolSettings; store: Store; deliverer: Deliverer; clock: Clock },
  day: number,
  channels: ChannelRecord[],
  again: boolean,
): Promise<ManualPostResult[]> {
  const key = (c: ChannelRecord) => ({ programme: d.settings.programme.id, day, platform: c.platform, channelId: c.channelId });
  return mapLimit(channels, FAN_OUT, async (channel) => {
    const now = d.clock.now();
    let round = 0;
    const max = await d.store.maxRound(key(channel));
    if (again) round = max + 1;
    else if (max >= 0) {
      const [last] = await d.store.listDeliveries({ ...key(channel) }).then((rs) => rs.sort((a, b) => b.round - a.round));
      if (last && REPOSTABLE.has(last.state)) round = max + 1;
    }
    let outcome = await d.deliverer.claimAndSend(channel, day, now, { trigger: 'manual', round });
    // Two `again`s at once may race for one round: take the next.
    if (again && outcome.kind === 'already') outcome = await d.deliverer.claimAndSend(channel, day, now, { trigger: 'manual', round: round + 1 });
    return { channel, outcome };
  });
}

export function describeResults(results: ManualPostResult[], day: number, zoneOf: (c: ChannelRecord) => string, againHint: string): string {
  const lines: string[] = [];
  const sent = results.filter((r) => r.outcome.kind === 'sent');
  if (sent.length) lines.push(`Day ${day} posted in ${sent.length} channel${sent.length === 1 ? '' : 's'}: ${sent.map((r) => channelLabel(r.channel)).join(', ')}.`);
  for (const r of results) {
    const o = r.outcome;
    const where = channelLabel(r.channel);
    if (o.kind === 'already') {
      const when = o.delivery.postedAt ? ` at ${formatLocal(o.delivery.postedAt, zoneOf(r.channel))} (${zoneOf(r.channel)})` : '';
      const state = o.delivery.state === 'sent' ? `was already posted${when}` : `is already ${o.delivery.state}${o.delivery.reason ? ` (${o.delivery.reason})` : ''}`;
      lines.push(`${where}: day ${day} ${state}. Say \`${againHint}\` to post it again.`);
    } else if (o.kind === 'retry') lines.push(`${where}: not posted yet (${o.reason}); it will be retried.`);
    else if (o.kind === 'failed') lines.push(`${where}: failed — ${o.reason}.`);
    else if (o.kind === 'uncertain') lines.push(`${where}: uncertain — ${o.reason}.`);
    else if (o.kind === 'lost') lines.push(`${where}: another process took this post over.`);
  }
  if (results.length === 0) lines.push('There are no active channels to post to.');
  return lines.join('\n');
}
