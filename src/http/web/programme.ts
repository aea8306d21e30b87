// Programme: each day with its theme and date, and what happened to it in every channel, in that
// channel's own time zone.
import { byId, dateLabel, el, reconcile, setText, started, whenIn } from './dom.js';
import { periodOf, periodOfCadence, t } from './words.js';
import type { DayState, ProgrammeEntry, ScheduleDay, StatusChannel, StatusDoc } from './types.js';

export function channelName(c: Pick<StatusChannel, 'name' | 'channel'>): string {
  return c.name ? `#${c.name}` : c.channel;
}

function channelLine(c: StatusChannel, row: DayState): HTMLLIElement {
  const li = el('li', 'chan-state');
  const postedAt = row.state === 'posted' && row.postedAt ? row.postedAt : null;
  const when = whenIn(postedAt ?? row.utc, c.timezone);
  const verb = row.state === 'posted' ? 'posted' : row.state === 'upcoming' || row.state === 'due' ? 'at' : 'due';
  const time = el('time', null, t('page.when', { verb, when }));
  time.dateTime = postedAt ?? row.utc;
  li.append(el('span', 'chan', channelName(c)), el('span', `badge st-${row.state}`, t('page.state', { state: row.state })), el('span', 'when', [time, el('span', 'zone', ` ${c.timezone}`)]));
  if (row.reason && ['failed', 'skipped', 'uncertain', 'retrying'].includes(row.state)) li.append(el('span', 'reason', row.reason));
  if (!c.active) li.append(el('span', 'reason', c.inactiveReason ? t('page.channel.inactiveWhy', { reason: c.inactiveReason }) : t('page.channel.inactive')));
  else if (c.paused) li.append(el('span', 'reason', t('page.channel.paused')));
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
      ? t('page.programme.none')
      : several
        ? t('page.programme.several', { n: progs.length })
        : t('page.programme.one', { days: progs[0]?.schedule?.length ?? 0, channels }),
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
      const first = p.schedule?.[0]?.date ?? p.run.start;
      const values = { date: dateLabel(first), started: String(started(first)), days: p.schedule?.length ?? 0, channels: p.channels.length, time: p.time, zone: p.timezone };
      // Each programme its own period: a weekly one among daily ones counts weeks.
      setText(sub, t('page.programme.sub', { ...values, period: periodOfCadence(p.cadence) }));
      renderDays(node.querySelector('.days')!, p);
    },
  );
}

interface DayItem extends ScheduleDay {
  channels: { c: StatusChannel; row: DayState }[];
  current?: boolean;
}

function renderDays(list: HTMLElement, p: ProgrammeEntry): void {
  const period = periodOfCadence(p.cadence);
  const schedule: ScheduleDay[] = p.schedule ?? (p.days ?? []).map((day) => ({ day, theme: periodOf(day, undefined, period), date: p.start ?? p.run.start }));
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
      const head = el('div', 'day-head', [el('span', 'day-no', periodOf(d.day, undefined, period)), date]);
      const states = el('ul', 'chan-states');
      for (const { c, row } of d.channels) states.append(channelLine(c, row));
      node.replaceChildren(head, el('h4', 'day-theme', d.theme), states);
      if (d.current) node.append(el('span', 'now', t('page.latest')));
    },
  );
}
