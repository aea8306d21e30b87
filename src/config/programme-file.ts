/** Reads and checks a programme (schedules/*.yaml). */
import fs from 'node:fs';
import path from 'node:path';
import type { Programme, Prompt } from '../core/programme';
import { issuesToProblems } from './issues';
import { charCount, dayPrefix, PROMPT_MAX_BYTES, themeMaxChars } from './limits';
import { programmeSchema, promptSchema } from './schemas';
import { parseYaml, problemAt, sortByLine, type YamlSource } from './yaml-source';

export const DEFAULT_FOOTER =
  'Reply in this thread with what you are working on: replies here are gathered into the programme’s gallery for everyone to see.';

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

export function checkProgramme(src: YamlSource, id: string): ProgrammeResult {
  const problems = [...src.problems];
  if (src.data === undefined) return { programme: null, problems };
  const parsed = programmeSchema.safeParse(src.data);
  if (!parsed.success) {
    problems.push(...issuesToProblems(src, parsed.error.issues, [], (p) => (p.length === 0 ? PROGRAMME_KEYS : PROMPT_KEYS)));
  }
  problems.push(...crossChecks(src));
  problems.splice(0, problems.length, ...sortByLine(src, problems));
  if (problems.length > 0 || !parsed.success) return { programme: null, problems };
  const { title, footer, prompts } = parsed.data;
  const sorted: Prompt[] = [...prompts].sort((a, b) => a.day - b.day);
  return { programme: { id, title, footer: footer ?? DEFAULT_FOOTER, prompts: sorted }, problems: [] };
}

/** Checks across prompts (unique days) and per-day limits, on entries that are well formed. */
function crossChecks(src: YamlSource): string[] {
  const out: string[] = [];
  const data = src.data as { title?: unknown; footer?: unknown; prompts?: unknown };
  if (!data || typeof data !== 'object' || !Array.isArray(data.prompts)) return out;
  const seen = new Map<number, number>();
  data.prompts.forEach((p: unknown, i: number) => {
    if (!p || typeof p !== 'object') return;
    const { day, theme, text, challenge } = p as Record<string, unknown>;
    if (typeof day !== 'number' || !Number.isInteger(day) || day < 1) return;
    const first = seen.get(day);
    if (first !== undefined) {
      out.push(problemAt(src, ['prompts', i, 'day'], `duplicate day ${day} (already at prompts[${first}])`));
    } else seen.set(day, i);
    if (typeof theme === 'string' && charCount(theme) > themeMaxChars(day)) {
      out.push(
        problemAt(src, ['prompts', i, 'theme'],
          `is ${charCount(theme)} characters; at most ${themeMaxChars(day)} fit in a header after "${dayPrefix(day)}"`),
      );
    }
    const parts = [data.title, data.footer ?? DEFAULT_FOOTER, dayPrefix(day), theme, text, challenge];
    const bytes = parts.reduce<number>((n, s) => n + (typeof s === 'string' ? Buffer.byteLength(s, 'utf8') : 0), 0);
    if (bytes > PROMPT_MAX_BYTES) {
      out.push(problemAt(src, ['prompts', i], `the whole prompt is ${bytes} bytes; a Teams message holds at most ${PROMPT_MAX_BYTES}`));
    }
  });
  return out;
}
