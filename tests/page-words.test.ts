/**
 * The page's own words (issue 23): every word the page shows is a catalogue key, and German and
 * Japanese fill in the values English does (a lost `{n}` would hide a number, an extra `{name}`
 * would fail in the browser).
 */
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { pageEn } from '../src/core/i18n/page/en';
import { pageDe } from '../src/core/i18n/page/de';
import { pageJa } from '../src/core/i18n/page/ja';
import { pagePatterns } from '../src/core/i18n/catalogue';

const WEB = path.resolve(__dirname, '..', 'src', 'http', 'web');
const read = (f: string) => fs.readFileSync(path.join(WEB, f), 'utf8');
const scripts = fs.readdirSync(WEB).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));

/** Every argument a pattern fills in, and every `select` branch it offers (as `arg=branch`). */
function shape(pattern: string): string[] {
  const out = new Set<string>();
  const walk = (nodes: unknown[]): void => {
    for (const n of nodes as { value?: unknown; options?: Record<string, { value: unknown[] }>; type: number }[]) {
      if (typeof n.value === 'string' && n.type !== 0) out.add(n.value);
      for (const [branch, o] of Object.entries(n.options ?? {})) {
        // A plural's branches differ by language (Japanese has only `other`); a select's must not.
        if (n.type === 5) out.add(`${String(n.value)}=${branch}`);
        walk(o.value);
      }
    }
  };
  walk(new IntlMessageFormat(pattern, 'en', undefined, { ignoreTag: true }).getAst());
  return [...out].sort();
}

describe("the page's words", () => {
  test('every key the page uses is in the catalogue', () => {
    const used = new Set<string>();
    for (const f of scripts) for (const m of read(f).matchAll(/\bt(?:Nodes)?\('(page\.[\w.]+)'/g)) used.add(m[1]!);
    for (const m of read('index.html').matchAll(/data-word(?:-label|-placeholder)?="([\w.]+)"/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((k) => !(k in pageEn))).toEqual([]);
  });

  test('every page key is used by the page or the sign-in page (no dead words to translate)', () => {
    const sources = [...scripts.map(read), read('index.html'), fs.readFileSync(path.resolve(WEB, '..', 'signin', 'signin-page.ts'), 'utf8'), fs.readFileSync(path.resolve(WEB, '..', 'signin', 'signin-routes.ts'), 'utf8')].join('\n');
    // `periodOf` fills page.period and page.periodTheme.
    const unused = Object.keys(pageEn).filter((k) => !sources.includes(`'${k}'`) && !sources.includes(`"${k}"`));
    expect(unused).toEqual([]);
  });

  test.each([
    ['de', pageDe],
    ['ja', pageJa],
  ])('%s fills in the values English does, and no other', (_lang, words) => {
    const problems = Object.entries(pageEn).flatMap(([k, en]) => {
      const want = shape(en);
      const got = shape(words[k as keyof typeof pageEn]);
      // A language may leave out a distinction it does not need (German "Start am" needs no started/starts).
      const selects = new Set(want.filter((x) => x.includes('=')).map((x) => x.split('=')[0]!));
      const missing = want.filter((x) => !got.includes(x) && !selects.has(x.split('=')[0]!));
      const extra = got.filter((x) => !want.includes(x));
      return missing.length || extra.length ? [`${k}: missing ${missing.join(' ')} extra ${extra.join(' ')}`] : [];
    });
    expect(problems).toEqual([]);
  });

  test('/v1/me hands the page its language’s patterns, English only where one is missing', () => {
    const de = pagePatterns('de-AT');
    expect(de.lang).toBe('de');
    expect(de.patterns['page.gallery']).toBe('Galerie');
    expect(Object.keys(de.patterns).sort()).toEqual(Object.keys(pageEn).sort());
    expect(pagePatterns('fr').patterns['page.gallery']).toBe('Gallery');
    // Only the page's words travel: nothing of the chat's catalogue.
    expect(Object.keys(pagePatterns('ja').patterns).every((k) => k.startsWith('page.'))).toBe(true);
  });
});
