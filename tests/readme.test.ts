/**
 * The README is for newcomers and organizers: short enough to read (≤ 450 lines), every anchor the
 * Teams manifest links (privacy, terms) exists, its links to files lead somewhere, the licence is
 * there, and the web token recipe is URL-safe.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const README = read('README.md');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2… */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!.toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

describe('README', () => {
  test('is at most 450 lines', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(450);
  });

  test('every README anchor the Teams manifest links exists, and they are the privacy and terms pages', () => {
    const manifest = JSON.parse(read('adapters/teams/appPackage/manifest.json')) as { developer: Record<string, string> };
    const linked = Object.values(manifest.developer).filter((u) => u.includes('#')).map((u) => u.split('#')[1]!);
    expect(linked.sort()).toEqual(['license', 'what-happens-to-peoples-words']);
    const have = anchors(README);
    for (const a of linked) expect({ anchor: a, exists: have.has(a) }).toEqual({ anchor: a, exists: true });
  });

  test('every in-page link and every link to a file leads somewhere', () => {
    const have = anchors(README);
    for (const [, target] of README.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^https?:/.test(target!)) continue;
      if (target!.startsWith('#')) expect({ target, exists: have.has(target!.slice(1)) }).toEqual({ target, exists: true });
      else expect({ target, exists: fs.existsSync(path.join(ROOT, target!.split('#')[0]!)) }).toEqual({ target, exists: true });
    }
  });

  test('a LICENSE with the MIT text, as package.json says', () => {
    expect(JSON.parse(read('package.json')).license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License[\s\S]*Permission is hereby granted, free of charge[\s\S]*THE SOFTWARE IS PROVIDED "AS IS"/);
  });

  test('the web token recipe is URL-safe everywhere it is given', () => {
    expect(README).toContain('openssl rand -hex 24');
    for (const f of ['README.md', '.env.example', 'docs/production.md', 'src/config/env.ts']) expect({ f, base64: read(f).includes('rand -base64') }).toEqual({ f, base64: false });
  });
});
