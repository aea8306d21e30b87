/** zod issues → `FILE:LINE: field: problem` lines, placed on the YAML node that caused them. */
import type { z } from 'zod';
import { problemAt, type PathKey, type YamlSource } from './yaml-source';

function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PathKey, unknown>)[k];
  }
  return v;
}

/** Levenshtein distance, to suggest the key a typo meant. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function suggestion(key: string, known: readonly string[]): string {
  const best = known
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(1, Math.floor(key.length / 3)) ? ` (did you mean ${best.k}?)` : ` (known keys: ${known.join(', ')})`;
}

/**
 * `prefix` is where the checked value sits in the file (e.g. ['channels', 2]); `knownKeys` maps a
 * path (joined with '.') to the keys allowed there, for suggestions.
 */
export function issuesToProblems(
  src: YamlSource,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PathKey[],
  knownKeys: (path: readonly PathKey[]) => readonly string[],
): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as PathKey[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(problemAt(src, [...path, key], `unknown key${suggestion(key, knownKeys(path))}`, 'key'));
      }
    } else if (valueAt(src.data, path) === undefined && path.length > 0) {
      out.push(problemAt(src, path, 'is required'));
    } else {
      out.push(problemAt(src, path, issue.message));
    }
  }
  return out;
}
