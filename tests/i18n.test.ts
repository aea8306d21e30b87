import { promptFrame } from '../src/core/frame';
import fs from 'node:fs';
import path from 'node:path';
import { de } from '../src/core/i18n/de';
import { ja } from '../src/core/i18n/ja';
import { en, type MessageKey } from '../src/core/i18n/en';
import { catalogueFor, LANGUAGES, missingKeys, translator } from '../src/core/i18n/catalogue';
import type { Programme } from '../src/core/programme';

/** A value for any argument a message names (ICU throws on a missing one): 2 fills plurals, numbers and text alike. */
const values = new Proxy({} as Record<string, number>, { get: (_t, k) => (typeof k === 'string' ? 2 : undefined), has: () => true });

const programme = (over: Partial<Programme> = {}): Programme => ({
  id: 'p', title: 'P', footer: 'f', prompts: [{ day: 8, theme: 'Teilen', text: 't', challenge: 'c' }], ...over,
});

describe('message catalogue', () => {
  test.each(LANGUAGES)('every %s message is valid ICU and fills in', (lang) => {
    const tr = translator(lang);
    for (const key of Object.keys(en) as MessageKey[]) expect(() => tr.t(key, values)).not.toThrow();
  });

  test('German and Japanese are complete: every message of en.ts, none falling back to English', () => {
    expect(missingKeys('de')).toEqual([]);
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(missingKeys('ja')).toEqual([]);
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    expect(translator('ja').t('frame.challenge.weekly')).toBe('今週のチャレンジ');
    // Written in Japanese, not left in English (a few words such as "Working Out Loud" and commands stay).
    const english = (Object.keys(en) as MessageKey[]).filter((k) => ja[k] === en[k] && !/^`|^\{|^report\.links$/.test(en[k]));
    expect(english).toEqual([]);
  });

  test('none of the German calques the review found is left in the German texts', () => {
    const root = path.join(__dirname, '..');
    const german = [JSON.stringify(de), ...fs.readdirSync(path.join(root, 'schedules')).filter((f) => f.startsWith('wol-woche')).map((f) => fs.readFileSync(path.join(root, 'schedules', f), 'utf8'))].join('\n');
    const calques = [
      'beginnt {date}', 'was man weiß', 'die halbe Übung', 'Die meiste Hilfe im Job', 'entsteht meist zufällig', 'Offen zu lernen schließt diese Lücke',
      'Bleibt es privat, bleibt es zäh', 'mit dem aufzutauchen', 'erzähl ihnen', 'Arbeitsstände', 'Arbeitsstand',
      'Für euch alle war es das erste Mal', 'Ein paar Highlights', 'ein ruhiger Tag', 'hilft: antworte', '09:00 (Europe/Berlin)',
      'Thread eines Beitrags', 'Nächster Beitrag', 'keine Beiträge mehr',
    ];
    expect(calques.filter((c) => german.includes(c))).toEqual([]);
  });

  test('BCP 47 tags pick the catalogue by language; unknown ones fall back to English and check can list every key', () => {
    expect(catalogueFor('de-CH')).toBe('de');
    expect(catalogueFor('DE')).toBe('de');
    expect(catalogueFor('ja-JP')).toBe('ja');
    expect(catalogueFor('fr')).toBeNull();
    expect(translator('fr').lang).toBe('en');
    expect(missingKeys('fr')).toHaveLength(Object.keys(en).length);
  });

  test('plurals follow the language', () => {
    expect(translator('en').t('digest.replies', { n: 1 })).toBe('1 reply');
    expect(translator('de').t('digest.replies', { n: 4 })).toBe('4 Antworten');
    expect(translator('de').t('wrapup.thanks', { n: 1, names: 'Anna' })).toBe('Danke, Anna, für dein Working Out Loud.');
    expect(translator('de').t('wrapup.thanks', { n: 2, names: 'Anna und Ben' })).toBe('Danke, Anna und Ben, für euer Working Out Loud.');
    expect(translator('de').t('digest.thanks.daily', { n: 1, names: 'Ana' })).toBe('Danke, Ana, dass du heute deine Arbeit gezeigt hast.');
    expect(translator('de').t('digest.thanks.daily', { n: 2, names: 'Ana und Ben' })).toBe('Danke, Ana und Ben, dass ihr heute eure Arbeit gezeigt habt.');
  });
});

describe('prompt frame', () => {
  test('daily English: "Day N", "today", one invitation to reply in the thread', () => {
    const f = promptFrame(programme({ prompts: [] }), { day: 3, theme: 'Learning', text: 't', challenge: 'c' });
    expect(f.heading).toBe('Day 3 · Learning');
    expect(f.challengeLabel).toBe("Today's challenge");
    expect(f.invite).toMatch(/^Reply in this thread/);
    expect(f.footer).not.toMatch(/Reply in this thread/);
  });

  test('weekly: "Week N" and "this week", never "today"', () => {
    const p = programme({ cadence: 'weekly' });
    const f = promptFrame(p, p.prompts[0]!);
    expect(f.heading).toBe('Week 2 · Teilen');
    expect(f.challengeLabel).toBe("This week's challenge");
    expect(JSON.stringify(f)).not.toMatch(/today/i);
  });

  test('German, weekly, with labels and a link', () => {
    const p = programme({ language: 'de', cadence: 'weekly', labels: { heading: 'Treffen {n}: {theme}', link: 'Zum Leitfaden' } });
    const f = promptFrame(p, { ...p.prompts[0]!, link: 'https://workingoutloud.com/circle-guides' });
    expect(f.heading).toBe('Treffen 2: Teilen');
    expect(f.challengeLabel).toBe('Die Aufgabe für diese Woche');
    expect(f.link).toEqual({ url: 'https://workingoutloud.com/circle-guides', label: 'Zum Leitfaden' });
  });

  test('a programme that gathers nothing does not invite replies into a gallery', () => {
    const f = promptFrame(programme({ gather: false }), { day: 1, theme: 'T', text: 't', challenge: 'c' });
    expect(f.invite).not.toMatch(/gallery|Reply in this thread/);
  });
});
