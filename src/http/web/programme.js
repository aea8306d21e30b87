// Programme: each day with its theme and date, and what happened to it in every channel, in that
// channel's own time zone.
import { dateLabel, el, reconcile, setText, whenIn } from './dom.js';

const STATES = {
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

export function channelName(c) {
  return c.name ? `#${c.name}` : c.channel;
}

function channelLine(c, row) {
  const li = el('li', 'chan-state');
  const when = row.state === 'posted' && row.postedAt ? whenIn(row.postedAt, c.timezone) : whenIn(row.utc, c.timezone);
  const verb = row.state === 'posted' ? 'posted' : row.state === 'upcoming' || row.state === 'due' ? 'at' : 'was due';
  li.append(
    el('span', 'chan', channelName(c)),
    el('span', `badge st-${row.state}`, STATES[row.state] ?? row.state),
    el('span', 'when', [el('time', null, `${verb} ${when}`), el('span', 'zone', ` ${c.timezone}`)]),
  );
  li.querySelector('time').dateTime = row.state === 'posted' && row.postedAt ? row.postedAt : row.utc;
  if (row.reason && ['failed', 'skipped', 'uncertain', 'retrying'].includes(row.state)) li.append(el('span', 'reason', row.reason));
  if (!c.active) li.append(el('span', 'reason', `channel inactive${c.inactiveReason ? `: ${c.inactiveReason}` : ''}`));
  else if (c.paused) li.append(el('span', 'reason', 'channel paused'));
  return li;
}

/** Every programme's schedule, each under its own heading when there are several. */
export function renderProgramme(status) {
  const progs = status.programmes?.length ? status.programmes : [{ ...status.programme, run: { id: status.programme.run, start: status.programme.start }, channels: status.channels }];
  const channels = progs.reduce((n, p) => n + p.channels.length, 0);
  const several = progs.length > 1;
  setText(
    document.getElementById('programme-hint'),
    channels === 0
      ? 'No channels yet: add some to the config or say “subscribe” in a channel.'
      : several
        ? `${progs.length} programmes. Times are each channel's local time.`
        : `${progs[0].schedule?.length ?? 0} days in ${channels === 1 ? '1 channel' : `${channels} channels`}. Times are each channel's local time.`,
  );
  reconcile(
    document.getElementById('programmes'),
    progs,
    (p) => p.run.id,
    () => el('div', 'prog', [el('h3', 'prog-title'), el('p', 'hint prog-sub'), el('ol', 'days')]),
    (node, p) => {
      const title = node.querySelector('.prog-title');
      const sub = node.querySelector('.prog-sub');
      title.hidden = sub.hidden = !several;
      setText(title, p.title);
      const chans = p.channels.length === 1 ? '1 channel' : `${p.channels.length} channels`;
      setText(sub, `Starts ${dateLabel(p.schedule?.[0]?.date ?? p.run.start)} · ${p.schedule?.length ?? 0} days in ${chans} · posts at ${p.time} ${p.timezone} unless a channel says otherwise`);
      renderDays(node.querySelector('.days'), p);
    },
  );
}

function renderDays(list, p) {
  const schedule = p.schedule ?? p.days.map((day) => ({ day, theme: `Day ${day}`, date: p.start }));
  const items = schedule.map((d) => ({ ...d, channels: p.channels.map((c) => ({ c, row: c.days.find((r) => r.day === d.day) })).filter((x) => x.row) }));
  const latestPosted = Math.max(0, ...items.filter((d) => d.channels.some((x) => x.row.state === 'posted')).map((d) => d.day));
  reconcile(
    list,
    items.map((d) => ({ ...d, current: d.day === latestPosted })),
    (d) => d.day,
    () => el('li', 'day-card'),
    (node, d) => {
      node.classList.toggle('current', d.current);
      const head = el('div', 'day-head', [el('span', 'day-no', `Day ${d.day}`), el('time', 'day-date', dateLabel(d.date))]);
      head.querySelector('time').dateTime = d.date;
      const states = el('ul', 'chan-states');
      for (const { c, row } of d.channels) states.append(channelLine(c, row));
      node.replaceChildren(head, el('h4', 'day-theme', d.theme), states);
      if (d.current) node.append(el('span', 'now', 'Latest'));
    },
  );
}
