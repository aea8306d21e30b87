/** Reads and checks the organizer config (wolbot.yaml) and the programme it names. */
import fs from 'node:fs';
import path from 'node:path';
import type { Programme } from '../core/programme';
import type { ConfiguredChannel, ProgrammeSettings, WolSettings } from '../core/settings';
import { channelIdProblem } from './channel-rules';
import { isChannelSpecError, parseChannelSpec } from './channel-spec';
import { ConfigError } from './config-error';
import { parseDuration } from './duration';
import { issuesToProblems } from './issues';
import { displayPath, readProgrammeFile, schedulesDir } from './programme-file';
import { channelObject, describe, multiOrganizerSchema, organizerSchema, programmeFields, programmeItemSchema, type ProgrammeItemRaw } from './schemas';
import { fieldName, isYamlMap, parseYaml, problemAt, sortByLine, type PathKey, type YamlSource } from './yaml-source';

export const DEFAULT_GRACE = '4h';
export const DEFAULT_RETENTION = '365d';

export interface LoadedSettings {
  settings: WolSettings;
  configFile: string;
  programmeFile: string;
  /** Each programme's file, in the order of `settings.programmes`. */
  programmeFiles: string[];
  demo: boolean;
}

const ORGANIZER_KEYS = Object.keys(organizerSchema.shape);
const MULTI_KEYS = Object.keys(multiOrganizerSchema.shape);
const PROGRAMME_KEYS = Object.keys(programmeFields);
const CHANNEL_KEYS = Object.keys(channelObject.shape);
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Where `program:` points: a bare name is a file in the repo's schedules/ folder; anything that
 * looks like a path (a slash, or a .yaml/.yml/.json ending) is relative to the config file.
 */
export function resolveProgramme(program: string, configFile: string): { file: string } | { error: string } {
  const looksLikePath = /[\\/]/.test(program) || /\.(ya?ml|json)$/i.test(program);
  if (looksLikePath) {
    const file = path.resolve(path.dirname(configFile), program);
    return fs.existsSync(file) ? { file } : { error: `programme file not found: ${file}` };
  }
  if (!NAME_RE.test(program)) return { error: `not a programme name or path: ${describe(program)}` };
  const dir = schedulesDir();
  for (const ext of ['.yaml', '.yml']) {
    const file = path.join(dir, program + ext);
    if (fs.existsSync(file)) return { file };
  }
  const known = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, ''));
  return { error: `no programme "${program}" in ${dir} (known: ${known.join(', ') || 'none'}); or give a path` };
}

/**
 * The channels of one programme (at `at`, e.g. ['programmes', 1]); `seen` spans every programme so
 * a channel named twice, in one programme or two, is refused where it is named the second time.
 */
function checkChannels(src: YamlSource, raw: unknown[], at: PathKey[], seen: Map<string, string>): { channels: ConfiguredChannel[]; problems: string[] } {
  const problems: string[] = [];
  const channels: ConfiguredChannel[] = [];
  raw.forEach((entry, i) => {
    let spec: string;
    let extra: { timezone?: string; time?: string } = {};
    let specPath: (string | number)[];
    if (typeof entry === 'string') {
      spec = entry;
      specPath = [...at, 'channels', i];
    } else if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
      const r = channelObject.safeParse(entry);
      if (!r.success) {
        problems.push(...issuesToProblems(src, r.error.issues, [...at, 'channels', i], () => CHANNEL_KEYS));
        if (typeof (entry as { id?: unknown }).id !== 'string') return;
        spec = (entry as { id: string }).id;
      } else {
        spec = r.data.id;
        extra = { ...(r.data.timezone ? { timezone: r.data.timezone } : {}), ...(r.data.time ? { time: r.data.time } : {}) };
      }
      specPath = [...at, 'channels', i, 'id'];
    } else {
      problems.push(problemAt(src, [...at, 'channels', i], `expected "platform:id" or { id, timezone?, time? }, got ${describe(entry)}`));
      return;
    }
    if (spec.trim() === '') return; // already reported as empty
    const parsed = parseChannelSpec(spec);
    if (isChannelSpecError(parsed)) {
      problems.push(problemAt(src, specPath, parsed.error));
      return;
    }
    const idProblem = channelIdProblem(parsed.platform, parsed.channelId);
    if (idProblem) {
      problems.push(problemAt(src, specPath, idProblem));
      return;
    }
    const key = `${parsed.platform}:${parsed.channelId}`;
    const first = seen.get(key);
    const here = fieldName([...at, 'channels', i]);
    if (first !== undefined) {
      const sameProgramme = first.startsWith(fieldName([...at, 'channels']) + '[');
      problems.push(problemAt(src, specPath, sameProgramme
        ? `duplicate channel ${key} (already at ${first})`
        : `channel ${key} is already in another programme (${first}); a channel belongs to one programme`));
      return;
    }
    seen.set(key, here);
    channels.push({ ...parsed, ...extra });
  });
  return { channels, problems };
}

type CheckedProgramme = ReturnType<typeof checkProgramme>;
type SharedKeys = { retention?: string; admins?: string[] | null };

/** Reads the organizer config at `file` (absolute) and its programme; throws one ConfigError. */
export function loadOrganizerConfig(file: string, cwd: string): LoadedSettings {
  const src = parseYaml(readConfigText(file, cwd), displayPath(file, cwd));
  const problems = [...src.problems];
  if (src.data === undefined) throw new ConfigError(problems);
  const data = src.data;
  const { shared, programmes } = isYamlMap(data) && 'programmes' in data ? checkMulti(src, data, file, cwd, problems) : checkSingle(src, file, cwd, problems);
  // This file's problems in line order, then the programme files' (each already in its own order).
  const mine = problems.filter((x) => x.startsWith(`${src.display}:`));
  const sorted = [...sortByLine(src, mine), ...problems.filter((x) => !x.startsWith(`${src.display}:`))];
  if (sorted.length > 0 || !shared || programmes.some((p) => !p.raw || !p.programme)) throw new ConfigError(sorted);
  const list = programmes.map(toProgrammeSettings);
  const settings: WolSettings = {
    ...list[0]!,
    channels: list.flatMap((p) => p.channels),
    programmes: list,
    retentionMs: parseDuration(shared.retention ?? DEFAULT_RETENTION)!,
    admins: shared.admins ?? [],
  };
  return { settings, configFile: file, programmeFile: programmes[0]!.file, programmeFiles: programmes.map((p) => p.file), demo: false };
}

function readConfigText(file: string, cwd: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError([`${displayPath(file, cwd)}: cannot read config: ${why} (${file})`]);
  }
}

/** The `programmes:` form: shared keys at the top, each programme an item of the list. */
function checkMulti(src: YamlSource, data: Record<string, unknown>, file: string, cwd: string, problems: string[]): { shared: SharedKeys | null; programmes: CheckedProgramme[] } {
  // A programme's key beside `programmes:` is a mistake the organizer should see as such.
  const top: Record<string, unknown> = { ...data };
  for (const k of PROGRAMME_KEYS) {
    if (!(k in top)) continue;
    problems.push(problemAt(src, [k], 'belongs inside an item of `programmes:` (each programme has its own)', 'key'));
    delete top[k];
  }
  const parsed = multiOrganizerSchema.safeParse(top);
  if (!parsed.success) problems.push(...issuesToProblems(src, parsed.error.issues, [], (p) => (p.length === 0 ? MULTI_KEYS : PROGRAMME_KEYS)));
  const seen = new Map<string, string>();
  const items: unknown[] = Array.isArray(data.programmes) ? data.programmes : [];
  const programmes = items.map((item, i) => checkProgramme(src, item, ['programmes', i], seen, file, cwd, problems));
  return { shared: parsed.success ? parsed.data : null, programmes };
}

/** The single form: one programme's keys and the shared ones side by side at the top. */
function checkSingle(src: YamlSource, file: string, cwd: string, problems: string[]): { shared: SharedKeys | null; programmes: CheckedProgramme[] } {
  const parsed = organizerSchema.safeParse(src.data);
  if (!parsed.success) problems.push(...issuesToProblems(src, parsed.error.issues, [], (p) => (p.length === 0 ? ORGANIZER_KEYS : CHANNEL_KEYS)));
  const programme = checkProgramme(src, src.data, [], new Map(), file, cwd, problems, parsed.success ? parsed.data : null);
  return { shared: parsed.success ? parsed.data : null, programmes: [programme] };
}

/** A checked programme (raw and programme known to be there) as the core's settings. */
function toProgrammeSettings({ raw, programme, channels }: CheckedProgramme): ProgrammeSettings {
  const p: ProgrammeSettings = {
    programme: programme!,
    start: raw!.start,
    time: raw!.time,
    timezone: raw!.timezone,
    graceMs: parseDuration(raw!.grace ?? DEFAULT_GRACE)!,
    days: raw!.days ?? 'calendar',
    skip: [...new Set(raw!.skip ?? [])].sort(),
    channels,
  };
  if (raw!.digest !== undefined) p.digest = raw!.digest;
  if (raw!.digest_quiet !== undefined) p.digestQuiet = raw!.digest_quiet;
  if (raw!.connections !== undefined) p.connections = raw!.connections;
  return p;
}

/**
 * One programme's keys at `at` (the top for the single form, `programmes[i]` otherwise): its
 * settings, channels and programme file. Problems go to `problems`; the programme is checked
 * even when its settings have problems, so every problem shows at once.
 */
function checkProgramme(
  src: YamlSource, item: unknown, at: PathKey[], seen: Map<string, string>, file: string, cwd: string, problems: string[],
  alreadyParsed?: ProgrammeItemRaw | null,
): { raw: ProgrammeItemRaw | null; programme: Programme | null; file: string; channels: ConfiguredChannel[] } {
  let raw: ProgrammeItemRaw | null = null;
  if (at.length === 0) raw = alreadyParsed ?? null; // the single form: checked with the shared keys
  else {
    const r = programmeItemSchema.safeParse(item);
    if (r.success) raw = r.data;
    else problems.push(...issuesToProblems(src, r.error.issues, at, (p) => (p.length === at.length ? PROGRAMME_KEYS : CHANNEL_KEYS)));
  }
  const obj = isYamlMap(item) ? item : {};
  const ch = checkChannels(src, Array.isArray(obj.channels) ? obj.channels : [], at, seen);
  problems.push(...ch.problems);
  let programme: Programme | null = null;
  let programmeFile = '';
  if (typeof obj.program === 'string' && obj.program.trim() !== '') {
    const where = resolveProgramme(obj.program.trim(), file);
    if ('error' in where) problems.push(problemAt(src, [...at, 'program'], where.error));
    else {
      programmeFile = where.file;
      const p = readProgrammeFile(where.file, cwd);
      problems.push(...p.problems);
      programme = p.programme;
    }
  }
  return { raw, programme, file: programmeFile, channels: ch.channels };
}
