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

function runQuery() {
  const past = pastRun();
  return past ? `?run=${encodeURIComponent(past.start)}` : '';
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
  const q = runQuery();
  const status = await api(`/v1/status${q}`);
  const hasLocal = status.channels.some((c) => c.platform === 'local' && c.platformOn);
  const [exp, stats, local] = await Promise.all([api(`/v1/export${q}`), api(`/v1/stats${q}`), hasLocal ? api('/v1/local/messages') : Promise.resolve(null)]);
  const banner = document.getElementById('banner');
  setText(banner, '');
  banner.hidden = true;
  if (changed('status', status)) {
    renderHeader(status);
    renderProgramme(status);
  }
  const posted = new Set(status.channels.flatMap((c) => c.days.filter((d) => d.state === 'posted').map((d) => d.day)));
  if (changed('stats', [stats, [...posted]])) renderParticipation(stats, posted);
  const past = pastRun()?.start ?? null;
  if (changed('gallery', [exp, past, status.programme.schedule, status.channels.map((c) => [c.platform, c.id, c.timezone, c.name])])) renderGallery(exp, status, past);
  document.getElementById('sandbox').hidden = !hasLocal;
  document.getElementById('nav-sandbox').hidden = !hasLocal;
  if (hasLocal && changed('sandbox', [local, exp, status.channels])) renderSandbox(local, exp, status);
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
