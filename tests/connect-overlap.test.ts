import { choosePairs, findOverlaps, pairKey } from '../src/core/connect/overlap';
import { termsOf } from '../src/core/connect/terms';

const english = [
  { key: 'anna', texts: ['Drafting our new onboarding checklist for engineers joining in January; which steps did you miss in your first week?'] },
  { key: 'ben', texts: ['I could help with onboarding: I rewrote the checklists for new hires in support last year.'] },
  { key: 'cy', texts: ['Working on the Q3 budget forecast and the spreadsheet for travel costs.'] },
  { key: 'eva', texts: ['Building a Rust data pipeline that ingests sensor events into Parquet files.'] },
  { key: 'fin', texts: ['Happy to help anyone writing Rust: our ingestion pipeline moved from Python to Rust this spring.'] },
  { key: 'gus', texts: ['Planning the team offsite and looking for a venue near the lake.'] },
];

const german = [
  { key: 'anna', texts: ['Ich überarbeite gerade unsere Checkliste für das Onboarding neuer Kolleginnen im Vertrieb.'] },
  { key: 'ben', texts: ['Ich kann beim Onboarding helfen: letztes Jahr habe ich die Checklisten für neue Mitarbeiter geschrieben.'] },
  { key: 'cy', texts: ['Ich plane das Budget für das nächste Quartal und die Reisekosten.'] },
  { key: 'eva', texts: ['Ich baue eine Pipeline in Rust, die Daten von Sensoren einliest.'] },
  { key: 'fin', texts: ['Gerne helfe ich bei Rust: unsere Pipeline für Daten haben wir von Python nach Rust umgezogen.'] },
  { key: 'gus', texts: ['Wir suchen einen Ort für das Teamtreffen am See.'] },
];

describe('overlap from the shares’ text', () => {
  test('English: the onboarding pair and the Rust pair overlap; the budget and the offsite overlap with nobody', () => {
    const found = findOverlaps(english, 'en');
    expect(found.map((o) => [o.a, o.b])).toEqual(expect.arrayContaining([['anna', 'ben'], ['eva', 'fin']]));
    expect(found).toHaveLength(2);
    expect(found.find((o) => o.a === 'anna')!.words.map((w) => w.toLowerCase())).toEqual(expect.arrayContaining(['onboarding', 'checklist']));
  });

  test('German: stemming folds Checkliste/Checklisten; "helfen" alone is no overlap', () => {
    const found = findOverlaps(german, 'de');
    expect(found.map((o) => `${o.a}+${o.b}`).sort()).toEqual(['anna+ben', 'eva+fin']);
  });

  test('one shared word is not enough, and links say nothing', () => {
    expect(findOverlaps([{ key: 'a', texts: ['budget planning'] }, { key: 'b', texts: ['budget offsite'] }], 'en')).toEqual([]);
    expect(findOverlaps([{ key: 'a', texts: ['see https://example.com/wiki/page'] }, { key: 'b', texts: ['<https://example.com/wiki/page|the wiki page>'] }], 'en')).toEqual([]);
    expect(termsOf('The checklists, the CHECKLIST', 'en').map((t) => t.term)).toEqual(['checklist', 'checklist']);
  });

  test('Japanese words are found without spaces', () => {
    const found = findOverlaps([{ key: 'a', texts: ['オンボーディングのチェックリストを作っています'] }, { key: 'b', texts: ['新人のオンボーディングとチェックリストなら手伝えます'] }, { key: 'c', texts: ['予算の計画'] }], 'ja');
    expect(found.map((o) => [o.a, o.b])).toEqual([['a', 'b']]);
  });

  test('choosePairs: best first, one new introduction a person, never a pair twice', () => {
    const overlaps = [
      { a: 'a', b: 'b', score: 9, words: [] },
      { a: 'a', b: 'c', score: 8, words: [] },
      { a: 'c', b: 'd', score: 7, words: [] },
      { a: 'e', b: 'f', score: 6, words: [] },
    ];
    expect(choosePairs(overlaps, new Set(), new Set()).map((o) => o.a + o.b)).toEqual(['ab', 'cd', 'ef']);
    expect(choosePairs(overlaps, new Set([pairKey('b', 'a')]), new Set(['d'])).map((o) => o.a + o.b)).toEqual(['ac', 'ef']);
  });
});
