/**
 * `npm run bench [-- --quick] [-- --only NAME,…] [-- --profile]`: every scenario in turn, a table
 * on stdout, the figures in bench/results.json. Always exits 0: the figures are the result, not a
 * pass or fail (that is what `npm test` is for).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fanOutCli, fanOutTick, storm } from './fanout';
import { exportBench } from './export';
import { footprint } from './footprint';
import { hostileText } from './hostile';
import { hostileLoad } from './hostile-load';
import { ingestVsBolt, type IngestRun } from './ingest';
import { lateness } from './lateness';
import { teamsFanOut } from './teams';
import { printTable } from './table';
import { ROOT, machine, round } from './util';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice(7) ?? (args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;
const want = (name: string) => !only || only.has(name);

async function step<T>(name: string, fn: () => Promise<T>): Promise<T | { error: string }> {
  const started = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const r = await fn();
    process.stderr.write(`bench: ${name} done in ${round((Date.now() - started) / 1000, 1)} s\n`);
    return r;
  } catch (err) {
    process.stderr.write(`bench: ${name} failed: ${(err as Error).stack ?? String(err)}\n`);
    return { error: (err as Error).message };
  }
}

const ok = <T extends object>(r: T | { error: string } | undefined): r is T => !!r && !('error' in r);

async function main(): Promise<void> {
  const results: Record<string, any> = { machine: machine(), quick, startedAt: new Date().toISOString() };
  const limit = 20;

  if (want('fanout')) {
    const n = quick ? 200 : 2000;
    const tick = await step(`fan-out ${n} channels (tick)`, () => fanOutTick(n, limit));
    const cli = await step(`fan-out ${n} channels (wolbot post)`, () => fanOutCli(n, limit));
    const extra = quick ? undefined : await step('fan-out 200 channels (tick)', () => fanOutTick(200, limit));
    results.fanOut = ok(tick) ? { ...tick, viaCli: cli, ...(extra ? { channels200: extra } : {}) } : { error: (tick as { error: string }).error, viaCli: cli };
  }
  if (want('storm')) {
    results.storm = {
      channels20: await step('429 storm, 20 channels', () => storm(20, limit)),
      channels200: await step('429 storm, 200 channels', () => storm(200, limit)),
    };
  }
  if (want('teams')) results.teams = await step('Teams fan-out 500 channels', () => teamsFanOut(500));
  if (want('ingest')) {
    const seconds = quick ? 10 : 30;
    const profileDir = profile ? path.join(ROOT, 'bench', 'profiles') : undefined;
    const sqlite = await step('ingest vs bare Bolt (SQLite)', () => ingestVsBolt('sqlite', seconds, { profileDir }));
    const pg = process.env.TEST_DATABASE_URL ? await step('ingest vs bare Bolt (PostgreSQL)', () => ingestVsBolt('postgres', seconds, { profileDir })) : { skipped: 'TEST_DATABASE_URL not set' };
    if (ok(sqlite)) {
      const s = sqlite as IngestRun;
      results.ingest = { ratioToBareBolt: s.ratioToBareBolt, p99Ms: s.wolbot.p99Ms, p50Ms: s.wolbot.p50Ms, eventsPerSecond: s.wolbot.eventsPerSecond, p99TargetMs: s.p99TargetMs, stored: s.stored, lost: s.lost, sqlite: s, postgres: pg };
      results.bareBolt = s.bareBolt;
    } else results.ingest = { sqlite, postgres: pg };
  }
  if (want('lateness')) results.lateness = await step('schedule lateness, 1,000 channels in 20 timezones', () => lateness(1000, 20));
  if (want('footprint')) results.footprint = await step('footprint', () => footprint(100_000));
  if (want('export')) results.export = await step('export of 100,000 replies (CLI and GET /v1/export)', () => exportBench(100_000));
  if (want('hostile')) results.hostile = await step('hostile 1 MB text', () => hostileText(quick ? 30_000 : 60_000));
  if (want('hostile-load')) results.hostileLoad = await step('hostile load: 400 unsigned bodies, 10 stalled exports', () => hostileLoad());

  results.finishedAt = new Date().toISOString();
  const out = path.join(ROOT, 'bench', 'results.json');
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(printTable(results));
  process.stdout.write(`\nFigures in ${path.relative(process.cwd(), out) || out}\n`);
}

main()
  .catch((err) => process.stderr.write(`bench: ${err instanceof Error ? err.stack : err}\n`))
  .finally(() => {
    process.exitCode = 0;
  });
