import { channelLabel } from '../core/channels';
import { dayRows } from '../core/day-states';
import { languageReport } from '../core/i18n/catalogue';
import type { Context } from '../context';
import { currentRun } from '../core/runs';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** Every programme day for every channel: theme, local date/time, UTC, state. */
export async function runCheck(ctx: Context): Promise<string> {
  const { settings, configFile, programmeFile } = ctx.loaded;
  const now = ctx.clock.now();
  const deliveries = await ctx.store.listDeliveries({ run: currentRun(settings) });
  const channels = (await ctx.store.listChannels()).filter((c) => c.source !== 'known');
  const out = [
    `Config OK: ${configFile}`,
    `Programme: ${settings.programme.title} (${programmeFile}), ${settings.programme.prompts.length} days, day 1 = ${settings.start}`,
    languageReport(settings.programme.language),
  ];
  const shown = channels.length ? channels : [{ platform: '(default)', channelId: settings.timezone, timezone: null, time: null, active: true, paused: false }];
  if (!channels.length) out.push('No channels yet (the config lists none and none is subscribed); days at the default time and zone:');
  const themeWidth = Math.max(...settings.programme.prompts.map((p) => p.theme.length));
  for (const c of shown) {
    const zone = c.timezone ?? settings.timezone;
    const flags = !c.active ? ' [inactive]' : c.paused ? ' [paused]' : '';
    out.push('', `${channels.length ? channelLabel(c) : '(default)'} — ${zone}, ${c.time ?? settings.time}${flags}`);
    for (const r of dayRows(settings, c, deliveries, now)) {
      out.push(`  day ${pad(String(r.day), 3)} ${pad(r.theme, themeWidth)}  ${r.localDate} ${r.localTime} ${zone}  ${r.at.toISOString().slice(0, 16)}Z  ${r.state}${r.delivery?.reason ? ` (${r.delivery.reason})` : ''}`);
    }
  }
  return out.join('\n');
}
