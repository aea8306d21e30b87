/** Reads and checks the organizer config (wolbot.yaml) and the programme it names. */
import fs from 'node:fs';
import path from 'node:path';
import type { ConfiguredChannel, WolSettings } from '../core/settings';
import { isChannelSpecError, parseChannelSpec } from './channel-spec';
import { ConfigError } from './config-error';
import { parseDuration } from './duration';
import { issuesToProblems } from './issues';
import { displayPath, readProgrammeFile, schedulesDir } from './programme-file';
import { channelObject, describe, organizerSchema, type OrganizerRaw } from './schemas';
import { parseYaml, problemAt, sortByLine, type YamlSource } from './yaml-source';

export const DEFAULT_GRACE = '4h';
export const DEFAULT_RETENTION = '365d';

export interface LoadedSettings {
  settings: WolSettings;
  configFile: string;
  programmeFile: string;
  demo: boolean;
}

const ORGANIZER_KEYS = Object.keys(organizerSchema.shape);
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

function checkChannels(src: YamlSource, raw: unknown[]): { channels: ConfiguredChannel[]; problems: string[] } {
  const problems: string[] = [];
  const channels: ConfiguredChannel[] = [];
  const seen = new Map<string, number>();
  raw.forEach((entry, i) => {
    let spec: string;
    let extra: { timezone?: string; time?: string } = {};
    let specPath: (string | number)[];
    if (typeof entry === 'string') {
      spec = entry;
      specPath = ['channels', i];
    } else if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
      const r = channelObject.safeParse(entry);
      if (!r.success) {
        problems.push(...issuesToProblems(src, r.error.issues, ['channels', i], () => CHANNEL_KEYS));
        if (typeof (entry as { id?: unknown }).id !== 'string') return;
        spec = (entry as { id: string }).id;
      } else {
        spec = r.data.id;
        extra = { ...(r.data.timezone ? { timezone: r.data.timezone } : {}), ...(r.data.time ? { time: r.data.time } : {}) };
      }
      specPath = ['channels', i, 'id'];
    } else {
      problems.push(problemAt(src, ['channels', i], `expected "platform:id" or { id, timezone?, time? }, got ${describe(entry)}`));
      return;
    }
    if (spec.trim() === '') return; // already reported as empty
    const parsed = parseChannelSpec(spec);
    if (isChannelSpecError(parsed)) {
      problems.push(problemAt(src, specPath, parsed.error));
      return;
    }
    const key = `${parsed.platform}:${parsed.channelId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(problemAt(src, specPath, `duplicate channel ${key} (already at channels[${first}])`));
      return;
    }
    seen.set(key, i);
    channels.push({ ...parsed, ...extra });
  });
  return { channels, problems };
}

/** Reads the organizer config at `file` (absolute) and its programme; throws one ConfigError. */
export function loadOrganizerConfig(file: string, cwd: string): LoadedSettings {
  const display = displayPath(file, cwd);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError([`${display}: cannot read config: ${why} (${file})`]);
  }
  const src = parseYaml(text, display);
  const problems = [...src.problems];
  if (src.data === undefined) throw new ConfigError(problems);

  const parsed = organizerSchema.safeParse(src.data);
  if (!parsed.success) {
    problems.push(...issuesToProblems(src, parsed.error.issues, [], (p) => (p.length === 0 ? ORGANIZER_KEYS : CHANNEL_KEYS)));
  }
  const rawChannels = (src.data as { channels?: unknown })?.channels;
  const ch = checkChannels(src, Array.isArray(rawChannels) ? rawChannels : []);
  problems.push(...ch.problems);
  problems.splice(0, problems.length, ...sortByLine(src, problems));

  // The programme is checked even when the config has problems, so every problem shows at once.
  const program = (src.data as { program?: unknown })?.program;
  let programmeFile = '';
  let programme = null;
  if (typeof program === 'string' && program.trim() !== '') {
    const where = resolveProgramme(program.trim(), file);
    if ('error' in where) problems.push(problemAt(src, ['program'], where.error));
    else {
      programmeFile = where.file;
      const p = readProgrammeFile(where.file, cwd);
      problems.push(...p.problems);
      programme = p.programme;
    }
  }
  if (problems.length > 0 || !parsed.success || !programme) throw new ConfigError(problems);

  const raw: OrganizerRaw = parsed.data;
  const settings: WolSettings = {
    programme,
    start: raw.start,
    time: raw.time,
    timezone: raw.timezone,
    graceMs: parseDuration(raw.grace ?? DEFAULT_GRACE)!,
    retentionMs: parseDuration(raw.retention ?? DEFAULT_RETENTION)!,
    admins: raw.admins ?? [],
    channels: ch.channels,
  };
  if (raw.digest !== undefined) settings.digest = raw.digest;
  if (raw.digest_quiet !== undefined) settings.digestQuiet = raw.digest_quiet;
  return { settings, configFile: file, programmeFile, demo: false };
}
