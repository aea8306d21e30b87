/** The results as a Markdown table (the README's Performance section takes it as printed). */

type R = Record<string, any>;

const has = (r: R | undefined): r is R => !!r && !r.error && !r.skipped;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const err = (r: R | undefined) => (r?.error ? `error: ${r.error}` : r?.skipped ? `skipped (${r.skipped})` : 'not run');

export function tableRows(res: R): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const f = res.fanOut;
  if (f) {
    if (has(f)) {
      rows.push([`fan-out, ${f.channels} Slack channels at ${f.limit}/s (tick)`, `${f.postsPerSecond}/s = ${f.shareOfLimit} of the limit, ${pct(f.refusedShare)} refused, ${f.notExactlyOnce === 0 ? 'exactly once' : `${f.notExactlyOnce} channels not exactly once`}`, '≥ 0.90, ≤ 5%, exactly once']);
      if (has(f.channels200)) rows.push([`fan-out, 200 Slack channels (tick)`, `${f.channels200.postsPerSecond}/s = ${f.channels200.shareOfLimit}, ${pct(f.channels200.refusedShare)} refused`, '≥ 0.90, ≤ 5%']);
    } else rows.push(['fan-out (tick)', err(f), '≥ 0.90, ≤ 5%']);
    const c = f.viaCli;
    rows.push([`fan-out, ${c?.channels ?? ''} Slack channels (\`wolbot post\`)`, has(c) ? `${c.postsPerSecond}/s = ${c.shareOfLimit} of the limit, ${pct(c.refusedShare)} refused, ${c.notExactlyOnce === 0 ? 'exactly once' : `${c.notExactlyOnce} not exactly once`}` : err(c), '≥ 0.90, ≤ 5%, exactly once']);
  }
  const s = res.storm;
  if (s) {
    for (const [k, target] of [['channels20', '≤ 4 s'], ['channels200', '≤ 1.3 × ideal']] as const) {
      const r = s[k];
      rows.push([`429 storm (first post per channel 429, Retry-After 1 s), ${r?.channels ?? k.slice(8)} channels`, has(r) ? `${r.seconds} s (ideal ${r.idealSeconds} s, ${r.ratioToIdeal} ×)${r.notExactlyOnce ? `, ${r.notExactlyOnce} not exactly once` : ''}` : err(r), target]);
    }
  }
  const t = res.teams;
  if (t) rows.push([`Teams fan-out, ${t.channels ?? 500} channels, one tenant (7/s per conversation, 50/s per tenant)`, has(t) ? `${t.postsPerSecond}/s = ${t.shareOfTenantLimit} of the tenant limit, ${pct(t.refusedShare)} refused, ${t.sentInLedger}/${t.channels} sent` : err(t), 'paced, not refused']);
  const i = res.ingest;
  if (i) {
    for (const k of ['sqlite', 'postgres'] as const) {
      const r = i[k];
      if (!r) continue;
      if (!has(r)) {
        rows.push([`ingest (${k})`, err(r), '']);
        continue;
      }
      rows.push([`ingest, signed thread replies, concurrency 50 (${k === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`, `${r.wolbot.eventsPerSecond} events/s = ${r.ratioToBareBolt} of bare Bolt (${r.bareBolt.eventsPerSecond}/s); ${r.stored} stored, ${r.lost} lost`, '≥ 0.80, nothing lost']);
      rows.push([`ingest p50 / p99 (${k === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`, `${r.wolbot.p50Ms} / ${r.wolbot.p99Ms} ms (bare Bolt ${r.bareBolt.p50Ms} / ${r.bareBolt.p99Ms} ms)`, `p99 ≤ ${r.p99TargetMs} ms`]);
    }
  }
  const l = res.lateness;
  if (l) rows.push([`schedule lateness, ${l.channels ?? 1000} channels in ${l.timezones ?? 20} timezones, same minute`, has(l) ? `first ${l.firstSeconds} s, last ${l.lastSeconds} s after the minute (${l.posted} posted)` : err(l), 'last ≤ 10 s']);
  const fp = res.footprint;
  if (fp) {
    if (has(fp)) {
      rows.push(['start-up to /healthz', `${fp.startupMs} ms`, '≤ 2 s']);
      rows.push([`RSS idle / with ${Number(fp.replies ?? 100_000).toLocaleString('en')} replies (after serving their export)`, `${fp.idleRssMb} MB / ${fp.withRepliesRssMb} MB (peak ${fp.serverPeakRssMb} MB)`, '≤ 150 MB / ≤ 300 MB']);
    } else rows.push(['footprint', err(fp), '']);
  }
  const ex = res.export;
  if (ex) {
    if (has(ex)) {
      for (const [way, label] of [['cli', '`wolbot export`'], ['http', '`GET /v1/export`, server peak RSS']] as const) {
        for (const fmt of ['json', 'csv', 'md']) {
          const e = ex[way][fmt];
          const failed = e.error ? `, ${e.error}` : e.code ? `, exit ${e.code}` : e.status && e.status !== 200 ? `, HTTP ${e.status}` : '';
          rows.push([`export of ${ex.replies.toLocaleString('en')} replies as ${fmt} (${label})`, `${e.seconds} s, peak RSS ${e.peakRssMb} MB${failed}`, '≤ 5 s, ≤ 300 MB']);
        }
      }
    } else rows.push(['export', err(ex), '≤ 5 s, ≤ 300 MB']);
  }
  const hl = res.hostileLoad;
  if (hl) {
    const health = (ms: number | null) => (ms === null ? '/healthz failed' : `/healthz ≤ ${ms} ms`);
    rows.push([
      'hostile load: peak RSS under 400 unsigned 990 KB bodies; under 10 stalled exports',
      has(hl) ? `${hl.bodies.peakRssMb} MB (${health(hl.bodies.healthMaxMs)}); ${hl.exports.peakRssMb} MB (${health(hl.exports.healthMaxMs)}, ${hl.exports.statuses.filter((x: number) => x === 503).length} told to retry)` : err(hl),
      `< ${hl.rssTargetMb ?? 350} MB, /healthz ≤ 3 s`,
    ]);
  }
  const h = res.hostile;
  if (h) rows.push(['hostile 1 MB Slack text vs 1 MB plain text', has(h) ? `${h.hostileMs === null ? `> ${h.timeoutMs / 1000} s (no answer)` : `${h.hostileMs} ms`} vs ${h.plainMs} ms${h.ratio ? ` (${h.ratio} ×)` : ''}` : err(h), '≤ 3 ×']);
  return rows;
}

export function printTable(res: R): string {
  const m = res.machine;
  const lines = [
    `Machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, Node ${m.node}, load average at start ${m.loadAverage.join(' / ')}${res.quick ? ' (--quick)' : ''}`,
    '',
    '| what | wolbot | target |',
    '|---|---|---|',
    ...tableRows(res).map((r) => `| ${r.join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}
