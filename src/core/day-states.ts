import { channelSchedule, type Occurrence } from './calendar';
import type { ChannelRecord, DeliveryRecord } from './ports/store';
import type { ProgrammeSettings } from './settings';

export type DayState = 'past' | 'posted' | 'due' | 'upcoming' | 'failed' | 'skipped' | 'retrying' | 'sending' | 'uncertain';

export interface DayRow extends Occurrence {
  state: DayState;
  delivery?: DeliveryRecord;
  /** The day's digest in this channel, once claimed. */
  digest?: DeliveryRecord;
}

const BY_STATE: Record<DeliveryRecord['state'], DayState> = {
  sent: 'posted',
  failed: 'failed',
  skipped: 'skipped',
  retry: 'retrying',
  claimed: 'sending',
  sending: 'sending',
  recovering: 'sending',
  uncertain: 'uncertain',
};

/** Every programme day of one channel with what happened to it (or will); `deliveries` are one run's rows. */
export function dayRows(settings: ProgrammeSettings, channel: ChannelRecord | { timezone: string | null; time: string | null; platform: string; channelId: string }, deliveries: DeliveryRecord[], now: Date): DayRow[] {
  const mine = deliveries.filter((r) => r.platform === channel.platform && r.channelId === channel.channelId);
  return channelSchedule(settings, channel).map((occ) => {
    const recs = mine.filter((r) => r.day === occ.day && r.kind === 'prompt').sort((a, b) => b.round - a.round);
    const delivery = recs.find((r) => r.state === 'sent') ?? recs[0];
    const digest = mine.find((r) => r.day === occ.day && r.kind === 'digest');
    if (delivery) return { ...occ, state: BY_STATE[delivery.state], delivery, ...(digest ? { digest } : {}) };
    const late = now.getTime() - occ.at.getTime();
    const state: DayState = late < 0 ? 'upcoming' : late <= settings.graceMs ? 'due' : 'past';
    return { ...occ, state };
  });
}

/** The next day this channel will get (upcoming or due now), if any. */
export function nextRow(rows: DayRow[]): DayRow | undefined {
  return rows.find((r) => r.state === 'upcoming' || r.state === 'due');
}
