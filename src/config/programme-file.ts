/** Reads and checks a programme (schedules/*.yaml). */
import fs from 'node:fs';
import path from 'node:path';
import { defaultFooter, headingFor, translatorOf } from '../core/frame';
import { patternProblem } from '../core/i18n/catalogue';
import type { Programme, Prompt } from '../core/programme';
import { issuesToProblems } from './issues';
import { charCount, HEADER_MAX_CHARS, PROMPT_MAX_BYTES, PROMPT_MAX_BYTES_PLATFORM } from './limits';
import { labelsSchema, programmeSchema, promptSchema } from './schemas';
import { isYamlMap, parseYaml, problemAt, sortByLine, type YamlMap, type YamlSource } from './yaml-source';

/** The English footer of a programme that gathers replies (other languages: the catalogue). */
export const DEFAULT_FOOTER = defaultFooter({});

let cachedDir: string | undefined;

/**
 * The repo's schedules/ folder. Found by walking up from this file, so it works from src/config
 * (ts-jest) and from dist/src/config (the build) alike.
 */
export function schedulesDir(): string {
  if (cachedDir) return cachedDir;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'schedules');
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) return (cachedDir = candidate);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no schedules/ folder above ${__dirname}`);
    dir = up;
  }
}

/** How a file is named in messages: relative to cwd when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export type ProgrammeResult = { programme: Programme; problems: [] } | { programme: null; problems: string[] };

/** Reads `file` and returns the programme, or every problem found in it. */
export function readProgrammeFile(file: string, cwd: string): ProgrammeResult {
  const display = displayPath(file, cwd);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { programme: null, problems: [`${display}: cannot read programme: ${(err as Error).message}`] };
  }
  return checkProgramme(parseYaml(text, display), path.basename(file, path.extname(file)));
}

const PROGRAMME_KEYS = Object.keys(programmeSchema.shape);
const PROMPT_KEYS = Object.keys(promptSchema.shape);
const LABEL_KEYS = Object.keys(labelsSchema.shape);

export function checkProgramme(src: YamlSource, id: string): ProgrammeResult {
  const problems = [...src.problems];
  if (src.data === undefined) return { programme: null, problems };
  const parsed = programmeSchema.safeParse(src.data);
  if (!parsed.success) {
    problems.push(...issuesToProblems(src, parsed.error.issues, [], (p) => (p.length === 0 ? PROGRAMME_KEYS : p[0] === 'labels' ? LABEL_KEYS : PROMPT_KEYS)));
  }
  problems.push(...crossChecks(src));
  problems.splice(0, problems.length, ...sortByLine(src, problems));
  if (problems.length > 0 || !parsed.success) return { programme: null, problems };
  const { title, footer, prompts, language, cadence, labels, intro, gather } = parsed.data;
  const sorted: Prompt[] = [...prompts].sort((a, b) => a.day - b.day);
  const options = { language: language ?? 'en', cadence: cadence ?? 'daily', labels: labels ?? {}, gather: gather ?? true, ...(intro ? { intro } : {}) };
  return { programme: { id, title, footer: footer ?? defaultFooter(options), prompts: sorted, ...options }, problems: [] };
}

/** The frame options as far as they are well formed (for checks that run beside the schema's). */
function frameOptions(data: YamlMap): Pick<Programme, 'language' | 'cadence' | 'labels' | 'gather'> {
  const labels = isYamlMap(data.labels) ? data.labels : {};
  return {
    language: typeof data.language === 'string' ? data.language : 'en',
    cadence: data.cadence === 'weekly' ? 'weekly' : 'daily',
    labels: typeof labels.heading === 'string' && !patternProblem(labels.heading, ['n', 'theme']) ? { heading: labels.heading } : {},
    gather: data.gather !== false,
  };
}

/** Checks across prompts (unique days) and per-day limits, on entries that are well formed. */
function crossChecks(src: YamlSource): string[] {
  const out: string[] = [];
  const data = src.data;
  if (!isYamlMap(data)) return out;
  const labels = isYamlMap(data.labels) ? data.labels : {};
  if (typeof labels.heading === 'string') {
    const problem = patternProblem(labels.heading, ['n', 'theme']);
    if (problem) out.push(problemAt(src, ['labels', 'heading'], problem));
  }
  if (!Array.isArray(data.prompts)) return out;
  const options = frameOptions(data);
  const footer = typeof data.footer === 'string' ? data.footer : defaultFooter(options);
  const seen = new Map<number, number>();
  data.prompts.forEach((p: unknown, i: number) => {
    if (!isYamlMap(p)) return;
    const { day, theme, text, challenge, link, footer: own } = p;
    if (typeof day !== 'number' || !Number.isInteger(day) || day < 1) return;
    const first = seen.get(day);
    if (first !== undefined) {
      out.push(problemAt(src, ['prompts', i, 'day'], `duplicate day ${day} (already at prompts[${first}])`));
    } else seen.set(day, i);
    const prefix = headingFor(options, day, '');
    const room = HEADER_MAX_CHARS - charCount(prefix);
    if (typeof theme === 'string' && charCount(theme) > room) {
      out.push(problemAt(src, ['prompts', i, 'theme'], `is ${charCount(theme)} characters; at most ${room} fit in a header beside "${prefix}"`));
    }
    // The frame words travel with every prompt: count them too.
    const tr = translatorOf(options);
    const frame = [
      prefix,
      typeof labels.challenge === 'string' ? labels.challenge : tr.t(options.cadence === 'weekly' ? 'frame.challenge.weekly' : 'frame.challenge.daily'),
      typeof own === 'string' ? own : typeof labels.invite === 'string' ? labels.invite : tr.t(options.gather ? 'frame.invite' : 'frame.invite.private'),
      typeof labels.link === 'string' ? labels.link : tr.t('frame.link'),
      typeof link === 'string' ? link : '',
    ];
    const parts = [data.title, footer, ...frame, theme, text, challenge];
    const bytes = parts.reduce<number>((n, s) => n + (typeof s === 'string' ? Buffer.byteLength(s, 'utf8') : 0), 0);
    if (bytes > PROMPT_MAX_BYTES) {
      out.push(problemAt(src, ['prompts', i], `the whole prompt is ${bytes} bytes; a ${PROMPT_MAX_BYTES_PLATFORM} message holds at most ${PROMPT_MAX_BYTES}`));
    }
  });
  return out;
}
