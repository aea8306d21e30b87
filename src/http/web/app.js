// The page: polls /v1 and patches only the sections whose data changed, so a box someone is
// typing in is never cleared and focus never moves.
import { api, SANDBOX } from './api.js';
import { renderGallery, initGalleryFilters } from './gallery.js';
import { renderParticipation } from './participation.js';
import { renderProgramme } from './programme.js';
import { initSandbox, renderSandbox } from './sandbox.js';
import { dateLabel, setText } from './dom.js';

const POLL_MS = 2000;
const last = {};
let runs = null; // null: this server has no /v1/runs
let timer = null;
let inFlight = null;

/** The run chosen in the chooser (null: this server has no /v1/runs). */
function chosenRun() {
  return runs?.find((r) => r.id === document.getElementById('run').value) ?? null;
}

/** The earlier run being shown, or null for a current one. */
function pastRun() {
  const chosen = chosenRun();
  return chosen && !chosen.current ? chosen : null;
}

/** The chosen run's programme as /v1/status describes it (its current run), else the first. */
function chosenProgramme(status) {
  const id = chosenRun()?.programme;
  return status.programmes?.find((p) => p.id === id) ?? null;
}

/** True when `value` differs from what was rendered last under `name`. */
function changed(name, value) {
  const s = JSON.stringify(value);
  if (last[name] === s) return false;
  last[name] = s;
  return true;
}

function renderHeader(status) {
  const prog = chosenProgramme(status);
  const p = prog ? { ...prog, start: prog.run.start } : status.programme;
  setText(document.getElementById('title'), p.title);
  document.title = `${p.title} · wolbot`;
  const first = p.schedule?.[0]?.date ?? p.start;
  setText(document.getElementById('sub'), `Starts ${dateLabel(first)} · posts at ${p.time} ${p.timezone} unless a channel says otherwise`);
}

/** The chooser: every run of every programme, newest first. */
async function loadRuns() {
  let status;
  try {
    [runs, status] = await Promise.all([api('/v1/runs').then((x) => x.runs), api('/v1/status')]);
  } catch {
    runs = null;
    return;
  }
  if (!runs?.length) return;
  const sel = document.getElementById('run');
  const titles = new Map((status.programmes ?? []).map((p) => [p.id, p.title]));
  // Several programmes: each option names its programme (a closed select shows no group label).
  const several = new Set(runs.map((r) => r.programme)).size > 1;
  for (const r of runs) {
    const o = document.createElement('option');
    o.value = r.id;
    o.textContent = `${several ? `${titles.get(r.programme) ?? r.programme} · ` : ''}Starting ${dateLabel(r.start)}${r.current ? ' (current)' : ''}`;
    sel.append(o);
  }
  // What the page shows unasked: the first programme's current run.
  sel.value = status.programme.run;
  document.getElementById('run-picker').hidden = runs.length < 2;
  sel.addEventListener('change', () => void refresh(true));
}

async function load() {
  const chosen = chosenRun();
  const past = pastRun()?.start ?? null;
  // Several programmes: always name the run, so figures and gallery are that programme's alone.
  const q = past || (chosen && runs.some((r) => r.programme !== chosen.programme)) ? `?run=${encodeURIComponent(chosen.id)}` : '';
  const status = await api('/v1/status');
  const prog = chosenProgramme(status);
  const hasLocal = status.channels.some((c) => c.platform === SANDBOX && c.platformOn);
  const [exp, stats, local, liveExp] = await Promise.all([
    api(`/v1/export${q}`),
    api(`/v1/stats${q}`),
    hasLocal ? api('/v1/local/messages') : Promise.resolve(null),
    // The sandbox is always the live channels, whatever run the figures show.
    hasLocal && q ? api('/v1/export') : Promise.resolve(null),
  ]);
  const banner = document.getElementById('banner');
  setText(banner, '');
  banner.hidden = true;
  if (changed('status', [status, chosen?.id])) {
    renderHeader(status);
    renderProgramme(status);
  }
  // Days with a prompt out: they get a figure, later days a gap.
  const posted = new Set(exp.posts.map((p) => p.day));
  if (!past) for (const c of prog?.channels ?? status.channels) for (const d of c.days) if (d.state === 'posted') posted.add(d.day);
  if (changed('stats', [stats, [...posted]])) renderParticipation(stats, posted);
  // The gallery dates the chosen programme's days (an earlier run's from its own start).
  const shown = prog ? { ...status, programme: { ...status.programme, schedule: prog.schedule } } : status;
  if (changed('gallery', [exp, past, shown.programme.schedule, status.channels.map((c) => [c.platform, c.id, c.timezone, c.name])])) renderGallery(exp, shown, past);
  document.getElementById('sandbox').hidden = !hasLocal;
  document.getElementById('nav-sandbox').hidden = !hasLocal;
  const sandboxExp = liveExp ?? exp;
  if (hasLocal && changed('sandbox', [local, sandboxExp, status.channels])) renderSandbox(local, sandboxExp, status);
}

/** One load at a time; a call while one runs waits for it and then loads again. */
export function refresh(force = false) {
  if (force === true) for (const k of Object.keys(last)) delete last[k];
  const again = async () => {
    clearTimeout(timer);
    try {
      await load();
    } catch (err) {
      const banner = document.getElementById('banner');
      banner.hidden = false;
      setText(banner, `Could not reach wolbot (${err.message}). Trying again…`);
    } finally {
      timer = setTimeout(() => void refresh(), document.hidden ? POLL_MS * 5 : POLL_MS);
    }
  };
  inFlight = (inFlight ?? Promise.resolve()).then(again, again);
  const mine = inFlight;
  void mine.finally(() => {
    if (inFlight === mine) inFlight = null;
  });
  return mine;
}

initGalleryFilters();
initSandbox(refresh);
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) void refresh();
});
void loadRuns().then(refresh);
