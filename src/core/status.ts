import { channelLabel } from './channels';
import { dayRows, nextRow, type DayRow } from './day-states';
import { formatLocal } from './calendar';
import type { ChannelRecord, Store } from './ports/store';
import type { WolSettings } from './settings';

export interface ChannelStatus {
  channel: ChannelRecord;
  label: string;
  timezone: string;
  time: string;
  enabled: boolean;
  next?: DayRow;
  rows: DayRow[];
}

export interface StatusReport {
  programme: { id: string; title: string; days: number[]; start: string; time: string; timezone: string };
  channels: ChannelStatus[];
}

/** The programme, each channel's next post, and what was posted, failed or skipped. */
export async function buildStatus(settings: WolSettings, store: Store, enabled: (platform: string) => boolean, now: Date): Promise<StatusReport> {
  const deliveries = await store.listDeliveries({ programme: settings.programme.id });
  const channels = (await store.listChannels()).filter((c) => c.source !== 'known' || deliveries.some((d) => d.channelId === c.channelId));
  return {
    programme: {
      id: settings.programme.id,
      title: settings.programme.title,
      days: settings.programme.prompts.map((p) => p.day),
      start: settings.start,
      time: settings.time,
      timezone: settings.timezone,
    },
    channels: channels.map((channel) => {
      const rows = dayRows(settings, channel, deliveries, now);
      return {
        channel,
        label: channelLabel(channel),
        timezone: channel.timezone ?? settings.timezone,
        time: channel.time ?? settings.time,
        enabled: enabled(channel.platform),
        next: channel.active && !channel.paused ? nextRow(rows) : undefined,
        rows,
      };
    }),
  };
}

function rowLine(r: DayRow, zone: string): string {
  const d = r.delivery;
  switch (r.state) {
    case 'posted':
      return `day ${r.day} ${r.theme}: posted ${formatLocal(d!.postedAt!, zone)}${d!.round > 0 ? ` (again, round ${d!.round})` : ''}`;
    case 'failed':
    case 'skipped':
    case 'uncertain':
    case 'retrying':
      return `day ${r.day} ${r.theme}: ${r.state}${d?.reason ? ` — ${d.reason}` : ''}${r.state === 'retrying' && d?.nextAttemptAt ? ` (next try ${formatLocal(d.nextAttemptAt, zone)})` : ''}`;
    default:
      return `day ${r.day} ${r.theme}: ${r.state} ${r.localDate} ${r.localTime}`;
  }
}

export function renderStatus(s: StatusReport): string {
  const p = s.programme;
  const lines = [`Programme: ${p.title} (${p.id}), day 1 = ${p.start}, days ${p.days.join(', ')}, posts at ${p.time} ${p.timezone} unless a channel says otherwise`];
  if (s.channels.length === 0) lines.push('No channels yet: add some to the config or say `subscribe` in a channel.');
  for (const c of s.channels) {
    const flags = [!c.channel.active ? `inactive: ${c.channel.inactiveReason ?? 'unsubscribed'}` : '', c.channel.paused ? 'paused' : '', !c.enabled ? `${c.channel.platform} is not configured` : '']
      .filter(Boolean)
      .join(', ');
    lines.push(`${c.label} (${c.timezone}, ${c.time})${flags ? ` [${flags}]` : ''}`);
    lines.push(c.next ? `  next: day ${c.next.day} ${c.next.theme} at ${c.next.localDate} ${c.next.localTime} ${c.timezone} (${c.next.at.toISOString()})` : '  next: none');
    for (const r of c.rows.filter((x) => x.delivery)) lines.push(`  ${rowLine(r, c.timezone)}`);
  }
  return lines.join('\n');
}
