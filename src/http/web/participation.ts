// Participation: the sponsor's figures from /v1/stats and a chart of shares and people per day
// (chart.js, served by our own server as a classic script: window.Chart). The tables hold the
// same figures for screen readers.
import { byId, el, reconcile, setText } from './dom.js';
import { periodOf, t } from './words.js';
import type { StatsDoc } from './types.js';

/** The little of chart.js the page uses (its UMD build is loaded by a script tag, not imported). */
interface ChartLike {
  data: { labels: unknown[]; datasets: { label: string; data: (number | null)[] }[] };
  update(): void;
}
interface TickContext {
  getLabelForValue(value: number): string | string[];
  chart: { width: number };
}
type ChartCtor = new (canvas: HTMLCanvasElement, config: unknown) => ChartLike;

let chart: ChartLike | null = null;

function rows<T>(tbodyId: string, items: T[], keyOf: (item: T) => string | number, cells: (item: T) => [string, ...(string | number)[]]): void {
  reconcile(
    document.querySelector(`#${tbodyId} tbody`)!,
    items,
    keyOf,
    () => el('tr'),
    (tr, item) => {
      const [head, ...rest] = cells(item);
      const th = el('th', null, head);
      th.scope = 'row';
      tr.replaceChildren(th, ...rest.map((v) => el('td', 'n', String(v))));
    },
  );
}

function drawChart(stats: StatsDoc, posted: Set<number>): void {
  const Chart = (window as unknown as { Chart?: ChartCtor }).Chart;
  if (!Chart) return;
  const labels = stats.days.map((d) => [periodOf(d.day), d.theme]);
  // A day not posted yet has no figure (a gap), not a zero that reads as "nobody came".
  const shares = stats.days.map((d) => (posted.has(d.day) ? d.shares : null));
  const people = stats.days.map((d) => (posted.has(d.day) ? d.people : null));
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets[0]!.label = t('page.col.shares');
    chart.data.datasets[1]!.label = t('page.col.people');
    chart.data.datasets[0]!.data = shares;
    chart.data.datasets[1]!.data = people;
    chart.update();
    return;
  }
  chart = new Chart(byId<HTMLCanvasElement>('chart'), {
    data: {
      labels,
      datasets: [
        { type: 'bar', label: t('page.col.shares'), data: shares, backgroundColor: '#2b59c3', borderRadius: 6, maxBarThickness: 56, order: 2 },
        { type: 'line', label: t('page.col.people'), data: people, borderColor: '#e8890c', backgroundColor: '#e8890c', pointRadius: 5, pointHoverRadius: 7, cubicInterpolationMode: 'monotone', borderWidth: 3, order: 1 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 300 },
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: '#e9edf5' } },
        x: {
          grid: { display: false },
          // Narrow screens get "Day 1" (or "Week 1") alone: the themes would overlap.
          ticks: {
            autoSkip: false,
            maxRotation: 0,
            font: { size: 11 },
            callback(this: TickContext, value: number) {
              const l = this.getLabelForValue(value);
              return this.chart.width < 560 && Array.isArray(l) ? l[0] : l;
            },
          },
        },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } } },
    },
  });
}

/** `posted`: the days posted in at least one channel (from /v1/status). */
export function renderParticipation(stats: StatsDoc, posted: Set<number>): void {
  setText(byId('fig-people'), String(stats.people));
  setText(byId('fig-shares'), String(stats.shares));
  setText(byId('fig-returning'), String(stats.returning));
  setText(byId('fig-first'), String(stats.firstTime));
  setText(byId('fig-people-label'), t('page.fig.people', { n: stats.people }));
  setText(byId('fig-shares-label'), t('page.fig.shares', { n: stats.shares }));
  setText(byId('fig-returning-label'), t('page.fig.returning', { n: stats.returning }));
  setText(byId('fig-first-label'), t('page.fig.first', { n: stats.firstTime }));
  rows('day-figures', stats.days.map((d) => ({ ...d, posted: posted.has(d.day) })), (d) => d.day, (d) => [periodOf(d.day, d.theme), d.posted ? d.shares : '–', d.posted ? d.people : '–']);
  rows('channel-figures', stats.channels, (c) => `${c.platform}:${c.channel}`, (c) => [c.name, c.shares, c.people]);
  const body = document.querySelector('#channel-figures tbody')!;
  if (!stats.channels.length && !body.querySelector('.empty-row')) {
    const td = el('td', null, t('page.channels.none'));
    td.colSpan = 3;
    body.append(el('tr', 'empty-row', [td]));
  } else if (stats.channels.length) body.querySelector('.empty-row')?.remove();
  drawChart(stats, posted);
}
