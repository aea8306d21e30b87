/** A YAML (or JSON) file parsed with source positions, so every problem can name its line. */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export type PathKey = string | number;

export interface YamlSource {
  /** The file as shown in messages. */
  display: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain data; undefined when the file could not be parsed. */
  data: unknown;
  /** Syntax problems, already formatted `FILE:LINE: yaml: …`. */
  problems: string[];
}

export function parseYaml(text: string, display: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((e) => {
    const line = Math.max(1, lines.linePos(e.pos[0]).line);
    const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return `${display}:${line}: yaml: ${msg}`;
  });
  // A duplicate key leaves a usable document (the last value wins); other errors do not.
  const usable = doc.errors.every((e) => e.code === 'DUPLICATE_KEY');
  let data: unknown;
  try {
    data = usable ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  } catch (err) {
    // toJS throws on what the parser lets through (an alias to an anchor defined later, alias bombs).
    problems.push(`${display}:1: yaml: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
  return { display, doc, lines, data, problems };
}

/** `channels[1].timezone` */
export function fieldName(path: readonly PathKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s === '' ? '(document)' : s;
}

function lineOf(src: YamlSource, node: { range?: [number, number, number] | null } | null | undefined): number {
  const start = node?.range?.[0] ?? 0;
  return Math.max(1, src.lines.linePos(start).line);
}

/** The 1-based line of what `path` names: the value if present, else the nearest parent. */
export function lineAt(src: YamlSource, path: readonly PathKey[], which: 'value' | 'key' = 'value'): number {
  let node: unknown = src.doc.contents;
  let keyNode: Node | null = null;
  for (const k of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) return lineOf(src, node as Node);
      keyNode = pair.key as Node;
      if (pair.value == null) return lineOf(src, keyNode); // `key:` with no value
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number' && node.items[k] != null) {
      keyNode = null;
      node = node.items[k];
    } else {
      return lineOf(src, node as Node);
    }
  }
  if (which === 'key' && keyNode) return lineOf(src, keyNode);
  return lineOf(src, node as Node);
}

/** `FILE:LINE: field: problem` */
export function problemAt(src: YamlSource, path: readonly PathKey[], message: string, which: 'value' | 'key' = 'value'): string {
  return `${src.display}:${lineAt(src, path, which)}: ${fieldName(path)}: ${message}`;
}

/** Problems of one file in line order (stable: same-line problems keep their order). */
export function sortByLine(src: YamlSource, problems: string[]): string[] {
  const lineOfProblem = (p: string) => (p.startsWith(src.display + ':') ? parseInt(p.slice(src.display.length + 1), 10) || 0 : 0);
  return problems
    .map((p, i) => ({ p, i, line: lineOfProblem(p) }))
    .sort((a, b) => a.line - b.line || a.i - b.i)
    .map((x) => x.p);
}

/** A YAML mapping as read before a schema checks it: keys to values of any shape. */
export type YamlMap = Record<string, unknown>;
export const isYamlMap = (v: unknown): v is YamlMap => typeof v === 'object' && v !== null && !Array.isArray(v);
