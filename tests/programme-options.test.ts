import { checkProgramme } from '../src/config/programme-file';
import { parseYaml } from '../src/config/yaml-source';

const check = (lines: string[]) => checkProgramme(parseYaml(lines.join('\n'), 'p.yaml'), 'p');
const prompt = '  - { day: 1, theme: Start, text: Some text, challenge: Do a thing }';

describe('programme options (language, cadence, labels, link, intro, gather)', () => {
  test('defaults: English, daily, gathering, the catalogue footer', () => {
    const r = check(['title: T', 'prompts:', prompt]);
    expect(r.problems).toEqual([]);
    expect(r.programme).toMatchObject({ language: 'en', cadence: 'daily', gather: true, labels: {} });
    expect(r.programme!.footer).toMatch(/gallery/);
  });

  test('all options read; gather: false gets a footer that says nothing is collected, in its language', () => {
    const r = check([
      'title: T', 'language: de-AT', 'cadence: weekly', 'gather: false', 'intro: Hallo',
      'labels: { heading: "Treffen {n}: {theme}", challenge: Vorbereitung, invite: Bis bald, link: Leitfaden }',
      'prompts:', '  - { day: 1, theme: Start, text: Text, challenge: Tun, link: "https://workingoutloud.com/circle-guides" }',
    ]);
    expect(r.problems).toEqual([]);
    expect(r.programme).toMatchObject({ language: 'de-AT', cadence: 'weekly', gather: false, intro: 'Hallo', labels: { heading: 'Treffen {n}: {theme}', link: 'Leitfaden' } });
    expect(r.programme!.prompts[0]!.link).toBe('https://workingoutloud.com/circle-guides');
    expect(r.programme!.footer).toMatch(/sammelt, speichert und exportiert keine Antworten/);
  });

  test.each([
    [['cadence: monthly'], /^p\.yaml:2: cadence: expected daily or weekly, got "monthly"/],
    [['language: "not a tag!"'], /^p\.yaml:2: language: expected a BCP 47 language tag/],
    [['gather: "no"'], /^p\.yaml:2: gather: expected true or false, got "no"/],
    [['labels: { today: x }'], /^p\.yaml:2: labels\.today: unknown key \(known keys: heading, challenge, invite, link\)/],
    [['labels: { heading: "Week {week}" }'], /^p\.yaml:2: labels\.heading: is not a message wolbot can fill in .*\{n\}, \{theme\}/],
  ])('a bad option %j is one line naming file, line and field', (extra, message) => {
    const r = check(['title: T', ...extra, 'prompts:', prompt]);
    expect(r.programme).toBeNull();
    expect(r.problems.join('\n')).toMatch(message);
  });

  test.each([['not a url'], ['ftp://example.org/x'], ['javascript:alert(1)']])('a link %j is refused', (link) => {
    const r = check(['title: T', 'prompts:', `  - { day: 1, theme: S, text: t, challenge: c, link: "${link}" }`]);
    expect(r.problems.join('\n')).toMatch(/^p\.yaml:3: prompts\[0\]\.link: expected/);
  });

  test('the header limit counts the frame of the programme’s language and cadence', () => {
    const theme = 'x'.repeat(141); // "Day 1 · " + 141 = 149 ≤ 150; "Woche 1 · " + 141 = 151 > 150
    expect(check(['title: T', 'prompts:', `  - { day: 1, theme: ${theme}, text: t, challenge: c }`]).problems).toEqual([]);
    const de = check(['title: T', 'language: de', 'cadence: weekly', 'prompts:', `  - { day: 1, theme: ${theme}, text: t, challenge: c }`]);
    expect(de.problems.join('\n')).toMatch(/theme: is 141 characters; at most 140 fit in a header beside "Woche 1 · "/);
  });
});
