/** `wolbot <command>`: check, post, export, status, backup. Results on stdout, diagnostics on stderr. */
import { parseArgs } from 'node:util';
import { openCheckInput, openContext, platformsOn, type Context } from '../open-context';
import { programmeFor, runsNamed } from '../core/campaigns';
import { isChannelSpecError, parseChannelSpec } from '../config';
import { processEnv } from '../config/process-env';
import { exportChunksFrom, isExportFormat, programmeDays } from '../core/export-stream';
import { streamExport } from '../core/export';
import { runCheck } from './check';
import { connectionsRound } from './connections';
import { finish, quietOnClosedPipe, writeChunks } from './output';
import { UsageError, USAGE } from './usage';
import { hasCode } from '../core/ports/coded-error';
import { renderStatus } from '../core/status';
import { dayNamed, weeksOf } from '../core/frame';
import { isPreviewKind, PreviewError } from '../core/preview';
import { previewHeader, previewText } from '../preview-text';

type Options = Record<string, { type: 'string' | 'boolean' }>;

/** A command's flags, typed by its options (`--format` a string, `--again` a boolean) and `--help`. */
function parse<O extends Options>(argv: string[], options: O) {
  try {
    const r = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' } } as const, allowPositionals: true, strict: true });
    return { flags: r.values, positionals: r.positionals };
  } catch (err) {
    // Node's own wording for an unknown option ends in advice about '--' that fits no wolbot command:
    // known by its code, the option named from the arguments (the first one parseArgs does not know).
    if (nodeCode(err) === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${unknownOption(argv, options)}`);
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

const nodeCode = (err: unknown): unknown => (err instanceof Error && 'code' in err ? err.code : undefined);

/** The first `--name`/`-x` in argv that is not one of the options (what parseArgs refused). */
function unknownOption(argv: string[], options: Options): string {
  const known = new Set([...Object.keys(options), 'help']);
  const end = argv.indexOf('--');
  const found = (end < 0 ? argv : argv.slice(0, end)).find((a) => a.startsWith('-') && a !== '-' && !known.has(a.replace(/^--?/, '').split('=')[0]!));
  return found?.split('=')[0] ?? 'given';
}

function positiveInt(v: string | boolean | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^[1-9]\d*$/.test(v)) throw new UsageError(`${name} must be a positive whole number, not "${String(v)}"`);
  return Number(v);
}

/** Register the platforms' adapters for posting (no HTTP server: the CLI only sends). */
async function registerSenders(ctx: Context): Promise<void> {
  const { core, logger, clock, store } = ctx;
  for (const on of platformsOn(ctx.env, ctx.loaded)) core.register((await on.create({ inbound: core, logger, clock, store })).adapter);
}

async function withContext<T>(env: NodeJS.ProcessEnv, fn: (ctx: Context) => Promise<T>): Promise<T> {
  const ctx = await openContext({ env, cwd: process.cwd(), loadDotenv: true, logLevel: env.LOG_LEVEL ?? 'warn' });
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

/** `--run START` (or a whole run id) → the runs it names; undefined = the current ones. */
async function runsFlag(ctx: Context, v: string | boolean | undefined): Promise<string[] | undefined> {
  if (v === undefined) return undefined;
  const runs = typeof v === 'string' ? runsNamed(ctx.loaded.settings, v) : null;
  if (!runs) throw new UsageError(`--run takes a start date YYYY-MM-DD (or a run id like wol-week@2026-11-16), not "${String(v)}"`);
  // A mistyped date would otherwise read as a run where nothing happened.
  const known = await ctx.core.runs({ all: true });
  if (!runs.some((r) => known.some((k) => k.id === r))) {
    throw new UsageError(`no run started on ${String(v)}; the runs are ${known.map((k) => `${k.id}${k.current ? ' (current)' : ''}`).join(', ')}`);
  }
  return runs;
}

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

async function checkCommand(rest: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags } = parse(rest, { config: { type: 'string' } });
  if (flags.help) return out(USAGE.check!), 0;
  if (typeof flags.config === 'string') env.WOLBOT_CONFIG = flags.config;
  // check only reads: no store is created, migrated or written, and no channel is synced.
  const input = await openCheckInput({ env, cwd: process.cwd(), loadDotenv: true });
  try {
    out(await runCheck(input));
  } finally {
    await input.store?.close();
  }
  return 0;
}

async function postCommand(rest: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags, positionals } = parse(rest, { day: { type: 'string' }, channel: { type: 'string' }, programme: { type: 'string' }, again: { type: 'boolean' } });
  if (flags.help) return out(USAGE.post!), 0;
  // `post 3` is `post --day 3`, as in chat; `post week 2` (and `post 2` in a weekly programme) is week 2.
  const week = positionals[0] === 'week';
  const numbers = week ? positionals.slice(1) : positionals;
  if (numbers.length > 1 || (numbers.length === 1 && flags.day !== undefined)) throw new UsageError('give the day once: post N, post week N or post --day N');
  const n = positiveInt(numbers[0] ?? flags.day, numbers.length ? (week ? 'the week' : 'the day') : '--day');
  if (n === undefined) throw new UsageError(week ? 'the week is required: post week N' : 'the day is required: post N (or post --day N)');
  const channelSpec = typeof flags.channel === 'string' ? flags.channel : undefined;
  const spec = channelSpec === undefined ? undefined : parseChannelSpec(channelSpec);
  if (spec && isChannelSpecError(spec)) throw new UsageError(`--channel must look like PLATFORM:ID (e.g. slack:C0123ABC, teams:19:…@thread.tacv2, local:general): ${spec.error}`);
  return withContext(env, async (ctx) => {
    const { settings } = ctx.loaded;
    let channel;
    if (channelSpec) {
      channel = (spec && !isChannelSpecError(spec) ? await ctx.store.getChannel(spec.platform, spec.channelId) : null) ?? undefined;
      if (!channel) {
        process.stderr.write(`No channel ${channelSpec} in the config or the store. \`wolbot status\` lists the channels.\n`);
        return 1;
      }
    }
    const wanted = typeof flags.programme === 'string' ? flags.programme : undefined;
    const programme = channel ? programmeFor(settings, channel) : wanted ? settings.programmes.find((p) => p.programme.id === wanted) : settings.programmes.length === 1 ? settings.programmes[0] : undefined;
    if (!programme) {
      const ids = settings.programmes.map((p) => p.programme.id).join(', ');
      process.stderr.write(wanted ? `No programme "${wanted}" in the config (it has ${ids}).\n` : `The config runs several programmes (${ids}): say which with --programme ID, or give --channel.\n`);
      return 2;
    }
    const weekly = programme.programme.cadence === 'weekly';
    if (week && !weekly) {
      process.stderr.write(`The programme ${programme.programme.id} counts days, not weeks: say post N with a day (${programme.programme.prompts.map((p) => p.day).join(', ')}).\n`);
      return 2;
    }
    // In a weekly programme N is the week (--day N stays the day, as the ledger counts).
    const day = weekly && flags.day === undefined ? dayNamed(programme.programme, n) : n;
    if (day === undefined || !programme.programme.prompts.some((p) => p.day === day)) {
      const what = weekly && flags.day === undefined ? `week ${n}; its weeks are ${weeksOf(programme.programme).join(', ')}` : `day ${n}; its days are ${programme.programme.prompts.map((p) => p.day).join(', ')}`;
      process.stderr.write(`The programme has no ${what}.\n`);
      return 2;
    }
    await registerSenders(ctx);
    const results = await ctx.core.postDay(day, { channel, programme, again: flags.again === true });
    const again = numbers.length ? (weekly ? `week ${n}` : `${day}`) : `--day ${day}`;
    out(ctx.core.describePostResults(results, day, `wolbot post ${again}${channelSpec ? ` --channel ${channelSpec}` : ''} --again`, programme));
    return results.some((r) => r.outcome.kind === 'failed' || r.outcome.kind === 'uncertain') ? 1 : 0;
  });
}

async function exportCommand(rest: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags } = parse(rest, { format: { type: 'string' }, day: { type: 'string' }, run: { type: 'string' } });
  if (flags.help) return out(USAGE.export!), 0;
  const format = flags.format ?? 'json';
  if (!isExportFormat(format)) throw new UsageError(`--format must be json, csv or md, not "${format}"`);
  const day = positiveInt(flags.day, '--day');
  return withContext(env, async (ctx) => {
    const runs = await runsFlag(ctx, flags.run);
    const days = programmeDays(ctx.core.settings);
    if (day !== undefined && !days.includes(day)) throw new UsageError(`no programme has a day ${day}; its days are ${days.join(', ')}`);
    const md = format === 'md';
    const report = md ? await ctx.core.reportContext({ runs }) : undefined;
    // A page of replies at a time, so memory stays flat however many there are (the report counts them first).
    const posts = streamExport(ctx.core.settings, ctx.store, { day, runs, counted: md });
    await writeChunks(process.stdout, exportChunksFrom(posts, format, ctx.loaded.settings.programme.title, report));
    return 0;
  });
}

async function statusCommand(rest: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags, positionals } = parse(rest, { run: { type: 'string' } });
  if (flags.help) return out(USAGE.status!), 0;
  if (positionals.length) throw new UsageError(`status takes no arguments (a past run: --run START)`);
  return withContext(env, async (ctx) => {
    const runs = await runsFlag(ctx, flags.run);
    await registerSenders(ctx);
    out(renderStatus(await ctx.core.status({ runs })));
    return 0;
  });
}

async function backupCommand(rest: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags, positionals } = parse(rest, {});
  if (flags.help) return out(USAGE.backup!), 0;
  if (positionals.length !== 1) throw new UsageError('backup needs one FILE');
  return withContext(env, async (ctx) => {
    if (!ctx.store.backup) {
      process.stderr.write('backup works on the SQLite store; for PostgreSQL use pg_dump (see README).\n');
      return 1;
    }
    await ctx.store.backup(positionals[0]!);
    out(`Backed up ${ctx.store.description} to ${positionals[0]}`);
    return 0;
  });
}

async function channelsCommand(rest: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags, positionals } = parse(rest, {});
  if (flags.help) return out(USAGE.channels!), 0;
  const [verb, spec, ...more] = positionals;
  if (verb !== 'remove' || !spec || more.length) throw new UsageError('use: channels remove PLATFORM:ID');
  const parsed = parseChannelSpec(spec);
  if (isChannelSpecError(parsed)) throw new UsageError(`PLATFORM:ID must look like slack:C0123ABC, teams:19:…@thread.tacv2 or local:general, not "${spec}" (${parsed.error})`);
  return withContext(env, async (ctx) => {
    const r = await ctx.core.forgetChannel(parsed.platform, parsed.channelId);
    if (r === 'configured') {
      process.stderr.write(`${spec} is in the config (${ctx.loaded.configFile}): remove it there; a channel in the config is always kept.\n`);
      return 1;
    }
    if (r === 'unknown') {
      process.stderr.write(`No channel ${spec} in the store. \`wolbot status\` lists the channels.\n`);
      return 1;
    }
    out(`Forgot ${spec}: it gets no more posts and is no longer listed. What it posted stays in exports of its runs.`);
    return 0;
  });
}

async function previewCommand(rest: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags, positionals } = parse(rest, { programme: { type: 'string' }, channel: { type: 'string' } });
  if (flags.help) return out(USAGE.preview!), 0;
  const [kind, number, ...more] = positionals;
  if (!kind || !isPreviewKind(kind) || more.length) throw new UsageError('say what to preview: kickoff, day N, week N, digest [N] or wrapup');
  if ((kind === 'kickoff' || kind === 'wrapup') && number !== undefined) throw new UsageError(`preview ${kind} takes no number`);
  const n = positiveInt(number, kind === 'week' ? 'the week' : 'the day');
  const channelSpec = typeof flags.channel === 'string' ? flags.channel : undefined;
  const spec = channelSpec === undefined ? undefined : parseChannelSpec(channelSpec);
  if (spec && isChannelSpecError(spec)) throw new UsageError(`--channel must look like PLATFORM:ID (e.g. slack:C0123ABC, local:general): ${spec.error}`);
  return withContext(env, async (ctx) => {
    try {
      const preview = await ctx.core.preview({ kind, n }, { programme: typeof flags.programme === 'string' ? flags.programme : undefined, channel: spec ?? undefined });
      const what = n === undefined ? kind : `${kind} ${n}`;
      out(`${previewHeader(preview, what)}\n\n${previewText(preview)}`);
      return 0;
    } catch (err) {
      if (err instanceof PreviewError) throw new UsageError(err.message);
      throw err;
    }
  });
}

/** `introduce` / `circles` [--programme ID]: the platforms' senders are registered, then a round runs. */
function connectionsCommand(word: 'introduce' | 'circles') {
  return async (rest: string[], env: NodeJS.ProcessEnv): Promise<number> => {
    const { flags, positionals } = parse(rest, { programme: { type: 'string' } });
    if (flags.help) return out(USAGE[word]!), 0;
    if (positionals.length) throw new UsageError(`${word} takes no arguments (one programme: --programme ID)`);
    return withContext(env, async (ctx) => {
      await registerSenders(ctx);
      for (const line of await connectionsRound(ctx, word, typeof flags.programme === 'string' ? flags.programme : undefined)) out(line);
      return 0;
    });
  };
}

/** Each command word's handler: its flags, then its work. */
const COMMANDS: Record<string, (rest: string[], env: NodeJS.ProcessEnv) => Promise<number>> = {
  check: checkCommand,
  post: postCommand,
  export: exportCommand,
  status: statusCommand,
  backup: backupCommand,
  channels: channelsCommand,
  preview: previewCommand,
  introduce: connectionsCommand('introduce'),
  circles: connectionsCommand('circles'),
};

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(USAGE.main!);
    return command ? 0 : 2;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) throw new UsageError(`unknown command "${command}"`);
  return handler(rest, { ...processEnv() }); // a copy: `check --config` sets WOLBOT_CONFIG in it
}

quietOnClosedPipe(process.stdout);
// Never process.exit() right after writing: a pipe may not have taken the output yet (finish waits).
void run(process.argv.slice(2))
  .catch((err: unknown) => {
    if (hasCode(err, 'usage')) {
      process.stderr.write(`wolbot: ${err.message}\n\n${USAGE[process.argv[2] ?? 'main'] ?? USAGE.main}\n`);
      return 2;
    }
    if (hasCode(err, 'config_invalid')) {
      process.stderr.write(`${err.message}\n`); // one line a problem
      return 1;
    }
    process.stderr.write(`wolbot: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  })
  .then(finish);
