import { channelLabel } from './channels';
import { dayRows, nextRow, type DayRow } from './day-states';
import { formatLocal } from './calendar';
import { english, type Translator } from './i18n/catalogue';
import type { ChannelRecord, DeliveryRecord, Store } from './ports/store';
import type { WolSettings } from './settings';
import { currentRun } from './runs';

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
  const deliveries = await store.listDeliveries({ run: currentRun(settings) });
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

function rowLine(r: DayRow, zone: string, tr: Translator): string {
  const d = r.delivery;
  const base = { day: r.day, theme: r.theme };
  const state = tr.t('status.state', { state: r.state });
  switch (r.state) {
    case 'posted':
      return tr.t('status.posted', { ...base, at: formatLocal(d!.postedAt!, zone) }) + (d!.round > 0 ? tr.t('status.again', { round: d!.round }) : '');
    case 'failed':
    case 'skipped':
    case 'uncertain':
    case 'retrying':
      return (
        tr.t('status.problem', { ...base, state, reason: d?.reason ? ` — ${d.reason}` : '' }) +
        (r.state === 'retrying' && d?.nextAttemptAt ? tr.t('status.nextTry', { at: formatLocal(d.nextAttemptAt, zone) }) : '')
      );
    default:
      return tr.t('status.planned', { ...base, state, date: r.localDate, time: r.localTime });
  }
}

function digestLine(d: DeliveryRecord, zone: string, tr: Translator): string {
  if (d.state === 'sent') return tr.t('status.digest.posted', { at: formatLocal(d.postedAt!, zone) });
  const state = tr.t('status.state', { state: DIGEST_STATE[d.state] ?? d.state });
  return tr.t('status.digest.problem', { state, reason: d.reason ? ` — ${d.reason}` : '' }) +
    (d.state === 'retry' && d.nextAttemptAt ? tr.t('status.nextTry', { at: formatLocal(d.nextAttemptAt, zone) }) : '');
}

const DIGEST_STATE: Partial<Record<DeliveryRecord['state'], string>> = { retry: 'retrying', claimed: 'sending', recovering: 'sending', sending: 'sending' };

export function renderStatus(s: StatusReport, tr: Translator = english): string {
  const p = s.programme;
  const lines = [tr.t('status.programme', { title: p.title, id: p.id, start: p.start, days: p.days.join(', '), time: p.time, zone: p.timezone })];
  if (s.channels.length === 0) lines.push(tr.t('status.noChannels'));
  for (const c of s.channels) {
    const flags = [
      !c.channel.active ? tr.t('status.inactive', { reason: c.channel.inactiveReason ?? tr.t('status.unsubscribed') }) : '',
      c.channel.paused ? tr.t('status.paused') : '',
      !c.enabled ? tr.t('status.notConfigured', { platform: c.channel.platform }) : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`${c.label} (${c.timezone}, ${c.time})${flags ? ` [${flags}]` : ''}`);
    const n = c.next;
    lines.push(`  ${n ? tr.t('status.next', { day: n.day, theme: n.theme, date: n.localDate, time: n.localTime, zone: c.timezone, utc: n.at.toISOString() }) : tr.t('status.nextNone')}`);
    for (const r of c.rows.filter((x) => x.delivery)) {
      lines.push(`  ${rowLine(r, c.timezone, tr)}`);
      if (r.digest) lines.push(`    ${digestLine(r.digest, c.timezone, tr)}`);
    }
  }
  return lines.join('\n');
}
