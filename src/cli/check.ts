import { configFingerprint, type LoadedSettings } from '../config';
import { channelsOnPlatformsOff } from '../core/channels';
import { periodNumber } from '../core/frame';
import { programmeFor } from '../core/campaigns';
import { channelLabel } from '../core/channels';
import { dayRows } from '../core/day-states';
import { languageReport } from '../core/i18n/catalogue';
import type { ChannelRecord, DeliveryRecord, Store } from '../core/ports/store';
import { currentRun } from '../core/runs';
import type { ProgrammeSettings } from '../core/settings';
import { SANDBOX } from '../platforms';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

type Shown = Pick<ChannelRecord, 'platform' | 'channelId' | 'timezone' | 'time' | 'active' | 'paused'>;

/** What `check` reads: the config, and the store only when there is one (it never writes). */
export interface CheckInput {
  loaded: LoadedSettings;
  store: Store | null;
  /** Why there is no store to read, when there is none. */
  storeNote?: string;
  now: Date;
  /** The platforms that are on with this environment (a configured channel on another is a warning). */
  platformsOn: string[];
  /** What a server last recorded loading (the config's fingerprint and when), when it did. */
  serverLoaded?: { fingerprint: string; at: string } | null;
}

/** Whether a running server has picked up this file: the fingerprint it recorded against ours. */
function serverLine(input: CheckInput): string | null {
  if (input.loaded.demo || !input.store) return null;
  const mark = input.serverLoaded;
  if (!mark) return 'Server: none has loaded a config from this store yet.';
  if (mark.fingerprint === configFingerprint(input.loaded)) return `Server: has picked up this file (loaded ${mark.at}).`;
  return `Server: has NOT picked up this file: it runs the config it loaded ${mark.at}. A running server applies a valid edit within seconds; if this stays, its log says why (or it is stopped).`;
}

/**
 * Every programme's days for every channel: theme, local date and time (after `days` and `skip`),
 * UTC, and the state in the programme's current run (from the store, when it exists).
 */
export async function runCheck(input: CheckInput): Promise<string> {
  const { loaded, store, now } = input;
  const { settings, configFile } = loaded;
  const out = [`Config OK: ${configFile}`];
  for (const w of channelsOnPlatformsOff(settings, (p) => input.platformsOn.includes(p))) out.push(`Warning: ${w}`);
  const server = serverLine(input);
  if (server) out.push(server);
  if (!store) out.push(`Store: ${input.storeNote ?? 'none'}; states are shown as if nothing was posted.`);
  const stored = store ? (await store.listChannels()).filter((c) => c.source !== 'known') : [];
  for (const [i, p] of settings.programmes.entries()) {
    const run = currentRun(p);
    const deliveries: DeliveryRecord[] = store ? await store.listDeliveries({ run }) : [];
    const weekly = p.programme.cadence === 'weekly';
    const calendar = [p.days === 'weekdays' ? 'weekdays only' : '', p.skip?.length ? `skipping ${p.skip.join(', ')}` : ''].filter(Boolean).join(', ');
    out.push(
      '',
      `Programme: ${p.programme.title} (${loaded.programmeFiles[i] ?? p.programme.id}), ${p.programme.prompts.length} ${weekly ? 'weeks' : 'days'}, day 1 = ${p.start}${calendar ? ` (${calendar})` : ''}, run ${run}`,
      languageReport(p.programme.language),
    );
    const channels = channelsOf(p, stored, (c) => programmeFor(settings, c) === p);
    const shown: Shown[] = channels.length ? channels : [{ platform: SANDBOX, channelId: '(default)', timezone: null, time: null, active: true, paused: false }];
    if (!channels.length) out.push('No channels yet (the config lists none and none is subscribed); days at the default time and zone:');
    const themeWidth = Math.max(...p.programme.prompts.map((x) => x.theme.length));
    for (const c of shown) {
      const zone = c.timezone ?? p.timezone;
      const flags = !c.active ? ' [inactive]' : c.paused ? ' [paused]' : '';
      out.push('', `${channels.length ? channelLabel(c) : '(default)'} — ${zone}, ${c.time ?? p.time}${flags}`);
      for (const r of dayRows(p, c, deliveries, now)) {
        out.push(`  ${weekly ? 'week' : 'day'} ${pad(String(periodNumber(p.programme, r.day)), 3)} ${pad(r.theme, themeWidth)}  ${r.localDate} ${r.localTime} ${zone}  ${r.at.toISOString().slice(0, 16)}Z  ${r.state}${r.delivery?.reason ? ` (${r.delivery.reason})` : ''}`);
      }
    }
  }
  return out.join('\n');
}

/** The programme's channels: from the store when it has them (subscribed ones too), else the config's. */
function channelsOf(p: ProgrammeSettings, stored: ChannelRecord[], mine: (c: ChannelRecord) => boolean): Shown[] {
  const fromStore = stored.filter(mine);
  const labels = new Set(fromStore.map(channelLabel));
  const fromConfig: Shown[] = p.channels
    .filter((c) => !labels.has(channelLabel(c)))
    .map((c) => ({ platform: c.platform, channelId: c.channelId, timezone: c.timezone ?? null, time: c.time ?? null, active: true, paused: false }));
  return [...fromStore, ...fromConfig];
}
