// Programme: each day with its theme and date, and what happened to it in every channel, in that
// channel's own time zone.
import { byId, dateLabel, el, reconcile, setText, whenIn } from './dom.js';
import type { DayState, ProgrammeEntry, ScheduleDay, StatusChannel, StatusDoc } from './types.js';

const STATES: Record<string, string> = {
  posted: 'Posted',
  upcoming: 'Upcoming',
  due: 'Due now',
  sending: 'Sending',
  retrying: 'Retrying',
  failed: 'Failed',
  skipped: 'Skipped',
  uncertain: 'Uncertain',
  past: 'Missed',
};

export function channelName(c: Pick<StatusChannel, 'name' | 'channel'>): string {
  return c.name ? `#${c.name}` : c.channel;
}

function channelLine(c: StatusChannel, row: DayState): HTMLLIElement {
  const li = el('li', 'chan-state');
  const postedAt = row.state === 'posted' && row.postedAt ? row.postedAt : null;
  const when = whenIn(postedAt ?? row.utc, c.timezone);
  const verb = row.state === 'posted' ? 'posted' : row.state === 'upcoming' || row.state === 'due' ? 'at' : 'was due';
  const time = el('time', null, `${verb} ${when}`);
  time.dateTime = postedAt ?? row.utc;
  li.append(el('span', 'chan', channelName(c)), el('span', `badge st-${row.state}`, STATES[row.state] ?? row.state), el('span', 'when', [time, el('span', 'zone', ` ${c.timezone}`)]));
  if (row.reason && ['failed', 'skipped', 'uncertain', 'retrying'].includes(row.state)) li.append(el('span', 'reason', row.reason));
  if (!c.active) li.append(el('span', 'reason', `channel inactive${c.inactiveReason ? `: ${c.inactiveReason}` : ''}`));
  else if (c.paused) li.append(el('span', 'reason', 'channel paused'));
  return li;
}

/** Every programme's schedule, each under its own heading when there are several. */
export function renderProgramme(status: StatusDoc): void {
  const first = status.programme;
  const progs: ProgrammeEntry[] = status.programmes?.length
    ? status.programmes
    : [{ ...first, id: first.id ?? first.title, run: { id: first.run, start: first.start }, channels: status.channels }];
  const channels = progs.reduce((n, p) => n + p.channels.length, 0);
  const several = progs.length > 1;
  setText(
    byId('programme-hint'),
    channels === 0
      ? 'No channels yet: add some to the config or say “subscribe” in a channel.'
      : several
        ? `${progs.length} programmes. Times are each channel's local time.`
        : `${progs[0]?.schedule?.length ?? 0} days in ${channels === 1 ? '1 channel' : `${channels} channels`}. Times are each channel's local time.`,
  );
  reconcile(
    byId('programmes'),
    progs,
    (p) => p.run.id,
    () => el('div', 'prog', [el('h3', 'prog-title'), el('p', 'hint prog-sub'), el('ol', 'days')]),
    (node, p) => {
      const title = node.querySelector<HTMLElement>('.prog-title')!;
      const sub = node.querySelector<HTMLElement>('.prog-sub')!;
      title.hidden = sub.hidden = !several;
      setText(title, p.title);
      const chans = p.channels.length === 1 ? '1 channel' : `${p.channels.length} channels`;
      setText(sub, `Starts ${dateLabel(p.schedule?.[0]?.date ?? p.run.start)} · ${p.schedule?.length ?? 0} days in ${chans} · posts at ${p.time} ${p.timezone} unless a channel says otherwise`);
      renderDays(node.querySelector('.days')!, p);
    },
  );
}

interface DayItem extends ScheduleDay {
  channels: { c: StatusChannel; row: DayState }[];
  current?: boolean;
}

function renderDays(list: HTMLElement, p: ProgrammeEntry): void {
  const schedule: ScheduleDay[] = p.schedule ?? (p.days ?? []).map((day) => ({ day, theme: `Day ${day}`, date: p.start ?? p.run.start }));
  const items: DayItem[] = schedule.map((d) => ({
    ...d,
    channels: p.channels.flatMap((c) => {
      const row = c.days.find((r) => r.day === d.day);
      return row ? [{ c, row }] : [];
    }),
  }));
  const latestPosted = Math.max(0, ...items.filter((d) => d.channels.some((x) => x.row.state === 'posted')).map((d) => d.day));
  reconcile(
    list,
    items.map((d) => ({ ...d, current: d.day === latestPosted })),
    (d) => d.day,
    () => el('li', 'day-card'),
    (node, d) => {
      node.classList.toggle('current', d.current);
      const date = el('time', 'day-date', dateLabel(d.date));
      date.dateTime = d.date;
      const head = el('div', 'day-head', [el('span', 'day-no', `Day ${d.day}`), date]);
      const states = el('ul', 'chan-states');
      for (const { c, row } of d.channels) states.append(channelLine(c, row));
      node.replaceChildren(head, el('h4', 'day-theme', d.theme), states);
      if (d.current) node.append(el('span', 'now', 'Latest'));
    },
  );
}
