import fs from 'node:fs';
import path from 'node:path';
import { segments, slackWords } from '../src/http/web/links';

/** The page's text as a reader sees it: text pieces as they are, links by their label. */
const read = (raw: string) => segments(raw).map((s) => ('text' in s ? s.text : `[${s.label}](${s.href})${s.trail}`)).join('');

describe("the page's links and Slack words", () => {
  test('links become links, Slack markup reads as words, and nothing else changes', () => {
    expect(read('see <https://a.example/x|the draft> and https://b.example/y.')).toBe('see [the draft](https://a.example/x) and [https://b.example/y](https://b.example/y).');
    expect(read('(https://c.example/z) thanks <@U123|ana>, <#C9|wol> <!here>')).toBe('([https://c.example/z](https://c.example/z)) thanks @ana, #wol @here');
    expect(read('javascript:alert(1) <javascript:x|y> plain')).toBe('javascript:alert(1) <javascript:x|y> plain');
    expect(slackWords('<@U1> <!channel|channel>')).toBe('@U1 @channel');
  });

  // Each case took seconds (quadratic) with patterns that could scan to the end of the text from
  // every `<` or every full stop; at 400,000 characters a quadratic pass would run for minutes and
  // the test would time out, a linear one takes milliseconds.
  test.each([
    ['unclosed Slack links', '<https://a.example|x'.repeat(20_000)],
    ['unclosed mentions', '<@U1|ana '.repeat(40_000)],
    ['a link followed by a long run of full stops', `https://a.example/${'.'.repeat(400_000)}x`],
  ])('hostile text stays linear: %s', (_name, text) => {
    const out = read(text);
    expect(out.length).toBeGreaterThan(0);
  });

  test('the page has no JavaScript source under src/: it is TypeScript compiled to dist/web', () => {
    const js: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(c|m)?js$/.test(e.name)) js.push(p);
      }
    };
    walk(path.join(__dirname, '..', 'src'));
    expect(js).toEqual([]);
  });
});
