// The page: polls /v1 and patches only the sections whose data changed, so a box someone is
// typing in is never cleared and focus never moves.
import { api } from './api.js';
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

/** The earlier run being shown, or null for the current one. */
function pastRun() {
  const sel = document.getElementById('run');
  const chosen = runs?.find((r) => String(r.start) === sel.value);
  return chosen && !chosen.current ? chosen : null;
}

/** True when `value` differs from what was rendered last under `name`. */
function changed(name, value) {
  const s = JSON.stringify(value);
  if (last[name] === s) return false;
  last[name] = s;
  return true;
}

function renderHeader(status) {
  const p = status.programme;
  setText(document.getElementById('title'), p.title);
  document.title = `${p.title} · wolbot`;
  const first = p.schedule?.[0]?.date ?? p.start;
  setText(document.getElementById('sub'), `Starts ${dateLabel(first)} · posts at ${p.time} ${p.timezone} unless a channel says otherwise`);
}

async function loadRuns() {
  try {
    runs = (await api('/v1/runs')).runs;
  } catch {
    runs = null;
    return;
  }
  if (!runs?.length) return;
  const sel = document.getElementById('run');
  for (const r of runs) {
    const o = document.createElement('option');
    o.value = String(r.start);
    o.textContent = `Starting ${dateLabel(r.start)}${r.current ? ' (current)' : ''}`;
    if (r.current) o.selected = true;
    sel.append(o);
  }
  document.getElementById('run-picker').hidden = runs.length < 2;
  sel.addEventListener('change', () => void refresh(true));
}

async function load() {
  const past = pastRun()?.start ?? null;
  const q = past ? `?run=${encodeURIComponent(past)}` : '';
  const status = await api('/v1/status');
  const hasLocal = status.channels.some((c) => c.platform === 'local' && c.platformOn);
  const [exp, stats, local, liveExp] = await Promise.all([
    api(`/v1/export${q}`),
    api(`/v1/stats${q}`),
    hasLocal ? api('/v1/local/messages') : Promise.resolve(null),
    // The sandbox is always the live channel, whatever run the figures show.
    hasLocal && past ? api('/v1/export') : Promise.resolve(null),
  ]);
  const banner = document.getElementById('banner');
  setText(banner, '');
  banner.hidden = true;
  if (changed('status', status)) {
    renderHeader(status);
    renderProgramme(status);
  }
  // Days with a prompt out: they get a figure, later days a gap.
  const posted = new Set(exp.posts.map((p) => p.day));
  if (!past) for (const c of status.channels) for (const d of c.days) if (d.state === 'posted') posted.add(d.day);
  if (changed('stats', [stats, [...posted]])) renderParticipation(stats, posted);
  if (changed('gallery', [exp, past, status.programme.schedule, status.channels.map((c) => [c.platform, c.id, c.timezone, c.name])])) renderGallery(exp, status, past);
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
