import { channelLabel } from './channels';
import { dayRows, nextRow, type DayRow } from './day-states';
import { formatLocal } from './calendar';
import { periodNumber, periodValues } from './frame';
import { english, type Translator } from './i18n/catalogue';
import type { ChannelRecord, Channels, Connections, DeliveryRecord, Ledger, StoreMeta } from './ports/store';
import type { Cadence } from './programme';
import type { WolSettings } from './settings';
import { currentRun } from './runs';
import { asRun, currentRuns, programmeFor, programmeOfRun } from './campaigns';
import { connectionLines, connectionStatus, type ConnectionStatus } from './connect/connection-status';

export interface ChannelStatus {
  channel: ChannelRecord;
  label: string;
  timezone: string;
  time: string;
  enabled: boolean;
  next?: DayRow;
  rows: DayRow[];
}

export interface ProgrammeHeader {
  id: string;
  title: string;
  /** `weekly`: its posts are named by week (week 2 is day 8); `days` stay the ledger's day numbers. */
  cadence: Cadence;
  days: number[];
  start: string;
  time: string;
  timezone: string;
  /** The run shown: programme@start. */
  run: string;
  /** Is it the programme's current run (its configured start)? */
  current: boolean;
}

export interface ProgrammeStatus {
  programme: ProgrammeHeader;
  channels: ChannelStatus[];
  /** Introductions and circles of the run (counts only). */
  connections?: ConnectionStatus;
}

export interface StatusReport {
  /** The first programme shown (the only one in the single-programme form). */
  programme: ProgrammeHeader;
  /** Every channel shown, of every programme. */
  channels: ChannelStatus[];
  /** Each programme's run with its channels. */
  programmes: ProgrammeStatus[];
}

/**
 * Each programme's run (the current one unless `runs` names others), each channel's next post,
 * and what was posted, failed or skipped in that run. A past run lists the channels it posted in.
 */
export async function buildStatus(
  settings: WolSettings, store: Channels & Ledger & Connections & Pick<StoreMeta, 'getMeta'>, enabled: (platform: string) => boolean, now: Date, opts: { runs?: string[] } = {},
): Promise<StatusReport> {
  const current = new Set(currentRuns(settings));
  const runs = opts.runs ?? [...current];
  const all = await store.listChannels();
  const programmes: ProgrammeStatus[] = [];
  for (const run of runs) {
    const configured = programmeOfRun(settings, run);
    if (!configured) continue;
    const p = asRun(configured, run);
    const isCurrent = current.has(run);
    const deliveries = await store.listDeliveries({ run });
    const used = new Set(deliveries.map((d) => channelLabel(d)));
    const channels = all.filter((c) => (isCurrent ? programmeFor(settings, c) === configured && (c.source !== 'known' || used.has(channelLabel(c))) : used.has(channelLabel(c))));
    programmes.push({
      programme: { id: p.programme.id, title: p.programme.title, cadence: p.programme.cadence ?? 'daily', days: p.programme.prompts.map((x) => x.day), start: p.start, time: p.time, timezone: p.timezone, run, current: isCurrent },
      channels: channels.map((channel) => {
        const rows = dayRows(p, channel, deliveries, now);
        return {
          channel,
          label: channelLabel(channel),
          timezone: channel.timezone ?? p.timezone,
          time: channel.time ?? p.time,
          enabled: enabled(channel.platform),
          next: isCurrent && channel.active && !channel.paused ? nextRow(rows) : undefined,
          rows,
        };
      }),
      connections: await connectionStatus(store, run),
    });
  }
  const first = programmes[0]?.programme ?? {
    id: settings.programme.id, title: settings.programme.title, cadence: settings.programme.cadence ?? 'daily', days: settings.programme.prompts.map((x) => x.day), start: settings.start,
    time: settings.time, timezone: settings.timezone, run: currentRun(settings), current: true,
  };
  return { programme: first, channels: programmes.flatMap((x) => x.channels), programmes };
}

/** The same report with only the channels `keep` accepts (and only programmes with `keepProgramme`). */
export function narrowStatus(s: StatusReport, keep: (c: ChannelStatus) => boolean, keepProgramme: (p: ProgrammeHeader) => boolean = () => true): StatusReport {
  const programmes = s.programmes.filter((p) => keepProgramme(p.programme)).map((p) => ({ ...p, channels: p.channels.filter(keep) }));
  return { programme: programmes[0]?.programme ?? s.programme, channels: programmes.flatMap((p) => p.channels), programmes };
}

function rowLine(r: DayRow, zone: string, cadence: Cadence, tr: Translator): string {
  const d = r.delivery;
  const base = { ...periodValues({ cadence }, r.day), theme: r.theme };
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
  const lines: string[] = [];
  if (s.programmes.length === 0) lines.push(tr.t('status.noRun'));
  for (const ps of s.programmes) {
    const p = ps.programme;
    if (lines.length) lines.push('');
    // A weekly programme lists its weeks (1, 2, 3, 4), not its days (1, 8, 15, 22).
    const days = p.days.map((d) => periodNumber(p, d)).join(', ');
    lines.push(tr.t('status.programme', { title: p.title, id: p.id, start: p.start, days, weekly: p.cadence === 'weekly' ? 'yes' : 'no', time: p.time, zone: p.timezone }));
    if (!p.current) lines.push(tr.t('status.pastRun', { run: p.run }));
    if (ps.channels.length === 0) lines.push(tr.t('status.noChannels'));
    for (const c of ps.channels) lines.push(...channelLines(c, p.cadence, tr));
    lines.push(...connectionLines(ps.connections, tr));
  }
  return lines.join('\n');
}

function channelLines(c: ChannelStatus, cadence: Cadence, tr: Translator): string[] {
  const lines: string[] = [];
  const flags = [
    !c.channel.active ? tr.t('status.inactive', { reason: c.channel.inactiveReason ?? tr.t('status.unsubscribed') }) : '',
    c.channel.paused ? tr.t('status.paused') : '',
    !c.enabled ? tr.t('status.notConfigured', { platform: c.channel.platform }) : '',
  ]
    .filter(Boolean)
    .join(', ');
  lines.push(`${c.label} (${c.timezone}, ${c.time})${flags ? ` [${flags}]` : ''}`);
  const n = c.next;
  lines.push(`  ${n ? tr.t('status.next', { ...periodValues({ cadence }, n.day), theme: n.theme, date: n.localDate, time: n.localTime, zone: c.timezone, utc: n.at.toISOString() }) : tr.t('status.nextNone')}`);
  for (const r of c.rows.filter((x) => x.delivery)) {
    lines.push(`  ${rowLine(r, c.timezone, cadence, tr)}`);
    if (r.digest) lines.push(`    ${digestLine(r.digest, c.timezone, tr)}`);
  }
  return lines;
}
