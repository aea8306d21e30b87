// The page: polls /v1 and patches only the sections whose data changed, so a box someone is
// typing in is never cleared and focus never moves.
import { api, messageOf, SANDBOX } from './api.js';
import { renderGallery, initGalleryFilters } from './gallery.js';
import { renderParticipation } from './participation.js';
import { renderProgramme } from './programme.js';
import { localMessages, resetLocalFeed } from './local-feed.js';
import { initSandbox, renderSandbox } from './sandbox.js';
import { initPreview, renderPreviewChoices } from './preview.js';
import { initOffers, loadOffers, renderOffers } from './offers.js';
import { byId, dateLabel, setText, started } from './dom.js';
import { loadMe, renderYourShares, type MeDoc } from './me.js';
import { periodOfCadence, setPeriod, t } from './words.js';
import type { ExportDoc, ProgrammeEntry, RunEntry, StatsDoc, StatusDoc } from './types.js';

const POLL_MS = 2000;
const last = new Map<string, string>();
let runs: RunEntry[] | null = null; // null: this server has no /v1/runs
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<void> | null = null;
let me: MeDoc | null = null; // who the page is for (null: a server without /v1/me)

/** The run chosen in the chooser (null: this server has no /v1/runs). */
function chosenRun(): RunEntry | null {
  const value = byId<HTMLSelectElement>('run').value;
  return runs?.find((r) => r.id === value) ?? null;
}

/** The earlier run being shown, or null for a current one. */
function pastRun(): RunEntry | null {
  const chosen = chosenRun();
  return chosen && !chosen.current ? chosen : null;
}

/** The chosen run's programme as /v1/status describes it (its current run), else null. */
function chosenProgramme(status: StatusDoc): ProgrammeEntry | null {
  const id = chosenRun()?.programme;
  return status.programmes?.find((p) => p.id === id) ?? null;
}

/** True when `value` differs from what was rendered last under `name`. */
function changed(name: string, value: unknown): boolean {
  const s = JSON.stringify(value);
  if (last.get(name) === s) return false;
  last.set(name, s);
  return true;
}

function renderHeader(status: StatusDoc): void {
  const prog = chosenProgramme(status);
  const p = prog ? { ...prog, start: prog.run.start } : status.programme;
  setText(byId('title'), p.title);
  document.title = `${p.title} · wolbot`;
  const first = p.schedule?.[0]?.date ?? p.start;
  setText(byId('sub'), t('page.sub', { date: dateLabel(first), started: String(started(first)), time: p.time, zone: p.timezone }));
}

/** The chooser: every run of every programme, newest first. */
async function loadRuns(): Promise<void> {
  let status: StatusDoc;
  try {
    const [r, s] = await Promise.all([api<{ runs: RunEntry[] }>('/v1/runs'), api<StatusDoc>('/v1/status')]);
    runs = r.runs;
    status = s;
  } catch {
    runs = null;
    return;
  }
  if (!runs.length) return;
  const sel = byId<HTMLSelectElement>('run');
  const titles = new Map((status.programmes ?? []).map((p) => [p.id, p.title]));
  // Several programmes: each option names its programme (a closed select shows no group label).
  const several = new Set(runs.map((r) => r.programme)).size > 1;
  for (const r of runs) {
    const o = document.createElement('option');
    o.value = r.id;
    o.textContent = `${several ? `${titles.get(r.programme) ?? r.programme} · ` : ''}${t('page.run.option', { date: dateLabel(r.start), current: String(r.current) })}`;
    sel.append(o);
  }
  // What the page shows unasked: the first programme's current run.
  sel.value = status.programme.run;
  byId('run-picker').hidden = runs.length < 2;
  sel.addEventListener('change', () => void refresh(true));
}

async function load(): Promise<void> {
  const chosen = chosenRun();
  const past = pastRun()?.start ?? null;
  // Several programmes: always name the run, so figures and gallery are that programme's alone.
  const named = chosen && (past || runs?.some((r) => r.programme !== chosen.programme));
  const q = named ? `?run=${encodeURIComponent(chosen.id)}` : '';
  const status = await api<StatusDoc>('/v1/status');
  const prog = chosenProgramme(status);
  // The sandbox box is the pure demo's, the operator's and the organizers' (never a member's).
  const hasLocal = (me?.sandbox ?? true) && status.channels.some((c) => c.platform === SANDBOX && c.platformOn);
  const [exp, stats, local, liveExp, offers] = await Promise.all([
    // The gallery's shares: everything for the operator, a signed-in person's own programme.
    api<ExportDoc>(`/v1/shares${q}`),
    api<StatsDoc>(`/v1/stats${q}`),
    hasLocal ? localMessages() : Promise.resolve(null),
    // The sandbox is always the live channels, whatever run the figures show.
    hasLocal && q ? api<ExportDoc>('/v1/shares') : Promise.resolve(null),
    // Who can help with what: the same run as the figures, and the words in its search box.
    loadOffers(named ? chosen.id : null),
  ]);
  const banner = byId('banner');
  setText(banner, '');
  banner.hidden = true;
  // A weekly programme's days are named by their week, everywhere on the page: all is drawn again.
  if (setPeriod(periodOfCadence((prog ?? status.programme).cadence))) last.clear();
  if (changed('status', [status, chosen?.id])) {
    renderHeader(status);
    renderProgramme(status);
    renderPreviewChoices(status);
  }
  // Days with a prompt out: they get a figure, later days a gap.
  const posted = new Set(exp.posts.map((p) => p.day));
  if (!past) for (const c of prog?.channels ?? status.channels) for (const d of c.days) if (d.state === 'posted') posted.add(d.day);
  if (changed('yours', exp)) renderYourShares(exp);
  if (changed('stats', [stats, [...posted]])) renderParticipation(stats, posted);
  // The gallery dates the chosen programme's days (an earlier run's from its own start).
  const shown: StatusDoc = prog ? { ...status, programme: { ...status.programme, schedule: prog.schedule } } : status;
  if (changed('offers', offers)) renderOffers(offers);
  if (changed('gallery', [exp, past, shown.programme.schedule, status.channels.map((c) => [c.platform, c.id, c.timezone, c.name])])) renderGallery(exp, shown, past);
  byId('sandbox').hidden = !hasLocal;
  byId('nav-sandbox').hidden = !hasLocal;
  const sandboxExp = liveExp ?? exp;
  if (hasLocal && changed('sandbox', [local, sandboxExp, status.channels])) renderSandbox(local, sandboxExp, status);
}

/** One load at a time; a call while one runs waits for it and then loads again. */
export function refresh(force = false): Promise<void> {
  if (force) {
    last.clear();
    resetLocalFeed();
  }
  const again = async () => {
    clearTimeout(timer);
    try {
      await load();
    } catch (err) {
      const banner = byId('banner');
      banner.hidden = false;
      setText(banner, t('page.unreachable', { error: messageOf(err) }));
    } finally {
      timer = setTimeout(() => void refresh(), document.hidden ? POLL_MS * 5 : POLL_MS);
    }
  };
  const mine = (inFlight ?? Promise.resolve()).then(again, again);
  inFlight = mine;
  void mine.finally(() => {
    if (inFlight === mine) inFlight = null;
  });
  return mine;
}

initGalleryFilters();
initSandbox(refresh);
initOffers(() => refresh());
initPreview();
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) void refresh();
});
void loadMe()
  .then((m) => {
    me = m;
    return loadRuns();
  })
  .then(() => refresh());
