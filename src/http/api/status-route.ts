import type express from 'express';
import { channelSchedule } from '../../core/calendar';
import { asRun, programmeOfRun } from '../../core/campaigns';
import type { ProgrammeSettings } from '../../core/settings';
import type { ChannelStatus, StatusReport } from '../../core/status';
import type { ApiDeps } from './deps';
import { holds, type Scope } from '../scope';
import { scopeFor } from './scoped';

/** GET /v1/status: each programme's run, its schedule and channels, each day's state in every channel (a person: theirs only). */
export function statusRoute(d: Pick<ApiDeps, 'core' | 'scope'>): express.RequestHandler {
  return async (_req, res) => {
    const scope = await scopeFor(d, res);
    if (!scope) return;
    const s = narrowed(await d.core.status(), scope);
    const settings = d.core.settings;
    // Each day's date in the programme's own zone: the page heads its days with it.
    const scheduleOf = (p: ProgrammeSettings) => channelSchedule(p, { timezone: null, time: null }).map((o) => ({ day: o.day, theme: o.theme, date: o.localDate }));
    res.json({
      // The first programme and every channel flat: the single-programme shape, kept as it was.
      programme: { ...s.programme, schedule: scheduleOf(settings) },
      channels: s.channels.map(channelJson),
      // Each programme's run: its schedule and its own channels (each day's state in every channel).
      programmes: s.programmes.map((ps) => {
        const p = ps.programme;
        const configured = programmeOfRun(settings, p.run);
        return {
          id: p.id,
          title: p.title,
          run: { id: p.run, start: p.start },
          current: p.current,
          timezone: p.timezone,
          time: p.time,
          // A weekly programme's page names its days by their week.
          cadence: p.cadence,
          schedule: configured ? scheduleOf(asRun(configured, p.run)) : [],
          channels: ps.channels.map(channelJson),
        };
      }),
    });
  };
}

/** A person's status: the programmes with a channel of theirs, and only those channels. */
function narrowed(s: StatusReport, scope: Scope): StatusReport {
  if (scope.all) return s;
  const programmes = s.programmes
    .map((p) => ({ ...p, channels: p.channels.filter((c) => holds(scope, c.channel)) }))
    .filter((p) => p.channels.length > 0);
  return { programme: programmes[0]?.programme ?? s.programme, channels: s.channels.filter((c) => holds(scope, c.channel)), programmes };
}

/** One channel's line in /v1/status: its zone and time, and each day's state in its local time. */
function channelJson(c: ChannelStatus) {
  return {
    channel: c.label,
    name: c.channel.name,
    source: c.channel.source,
    platform: c.channel.platform,
    id: c.channel.channelId,
    timezone: c.timezone,
    time: c.time,
    active: c.channel.active,
    paused: c.channel.paused,
    inactiveReason: c.channel.inactiveReason,
    platformOn: c.enabled,
    next: c.next ? { day: c.next.day, theme: c.next.theme, local: `${c.next.localDate} ${c.next.localTime}`, utc: c.next.at.toISOString() } : null,
    days: c.rows.map((row) => ({ day: row.day, theme: row.theme, local: `${row.localDate} ${row.localTime}`, utc: row.at.toISOString(), state: row.state, reason: row.delivery?.reason ?? null, postedAt: row.delivery?.postedAt?.toISOString() ?? null })),
  };
}
