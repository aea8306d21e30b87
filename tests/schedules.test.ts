import fs from 'node:fs';
import path from 'node:path';
import { readProgrammeFile, schedulesDir } from '../src/config';
import { promptFrame } from '../src/core/frame';

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

function load(name: string) {
  const r = readProgrammeFile(path.join(schedulesDir(), name), process.cwd());
  expect(r.problems).toEqual([]);
  return r.programme!;
}

describe('schedules/', () => {
  test('every shipped programme loads within the Slack and Teams limits', () => {
    const files = fs.readdirSync(schedulesDir()).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['circle-companion.yaml', 'weekly-habits.yaml', 'wol-week.yaml', 'wol-woche.yaml']));
    for (const f of files) load(f);
  });

  test('wol-week: five days, the five themes in order, short essays, challenges done in the thread, generosity named', () => {
    const p = load('wol-week.yaml');
    expect(p.id).toBe('wol-week');
    expect(p.title).toMatch(/Working Out Loud Week/);
    expect(p.language).toBe('en');
    expect(p.cadence).toBe('daily');
    expect(p.footer).toMatch(/gallery/);
    expect(p.intro).toMatch(/fifteen minutes/);
    expect(p.prompts.map((x) => [x.day, x.theme])).toEqual([
      [1, 'Connection'],
      [2, 'Sharing'],
      [3, 'Learning'],
      [4, 'Problem Solving'],
      [5, 'Innovation'],
    ]);
    for (const x of p.prompts) {
      expect(words(x.text)).toBeGreaterThanOrEqual(60);
      expect(words(x.text)).toBeLessThanOrEqual(90);
      // Done where the bot can see it: each challenge asks for a reply or post here.
      expect(x.challenge).toMatch(/\b(reply|post|share)\b/i);
      expect(x.challenge).not.toMatch(/\b(e-?mail|direct message|coffee|meet(ing)?)\b/i);
    }
    expect(p.prompts.filter((x) => /generos/i.test(x.text)).length).toBeGreaterThanOrEqual(1);
    const [connection, sharing, learning, problems, innovation] = p.prompts.map((x) => x.challenge);
    expect(connection).toMatch(/working towards[\s\S]*help others/);
    expect(sharing).toMatch(/still working on[\s\S]*what it is for[\s\S]*specific question/);
    expect(learning).toMatch(/learned[\s\S]*from/);
    expect(problems).toMatch(/answer it[\s\S]*stuck on/); // generosity first
    expect(innovation).toMatch(/try it[\s\S]*tell its author[\s\S]*habit you will keep/);
  });

  test('wol-woche: the German edition — language de, German themes and frame, the same shape', () => {
    const p = load('wol-woche.yaml');
    expect(p.language).toBe('de');
    expect(p.title).toBe('Internationale Working-Out-Loud-Woche');
    expect(p.prompts.map((x) => x.theme)).toEqual(['Verbindung', 'Teilen', 'Lernen', 'Probleme lösen', 'Innovation']);
    expect(p.footer).toMatch(/Galerie/);
    for (const x of p.prompts) {
      expect(words(x.text)).toBeGreaterThanOrEqual(60);
      expect(words(x.text)).toBeLessThanOrEqual(90);
    }
    expect(p.prompts.some((x) => /Großzügig/.test(x.text))).toBe(true);
    expect(promptFrame(p, p.prompts[1]!)).toMatchObject({ heading: 'Tag 2 · Teilen', challengeLabel: 'Die Aufgabe für heute' });
  });

  test('weekly-habits: an open four-week practice, weekly frame, not circle material', () => {
    const p = load('weekly-habits.yaml');
    expect(p.id).toBe('weekly-habits');
    expect(p.cadence).toBe('weekly');
    expect(p.footer).toMatch(/gallery/);
    expect(p.prompts.map((x) => x.day)).toEqual([1, 8, 15, 22]);
    expect(`${p.title} ${p.intro} ${p.prompts.map((x) => `${x.text} ${x.challenge}`).join(' ')}`).not.toMatch(/circle/i);
    for (const x of p.prompts) {
      expect(words(x.text)).toBeGreaterThanOrEqual(60);
      expect(words(x.text)).toBeLessThanOrEqual(90);
      const frame = promptFrame(p, x);
      expect(frame.heading).toBe(`Week ${(x.day - 1) / 7 + 1} · ${x.theme}`);
      expect(JSON.stringify({ frame, x })).not.toMatch(/today/i);
    }
  });

  test('circle-companion: twelve weekly reminders that link the official guides and gather nothing', () => {
    const p = load('circle-companion.yaml');
    expect(p.id).toMatch(/circle/);
    expect(p.cadence).toBe('weekly');
    expect(p.gather).toBe(false);
    expect(p.prompts.map((x) => x.day)).toEqual(Array.from({ length: 12 }, (_, i) => 1 + 7 * i));
    for (const x of p.prompts) {
      expect(x.link).toBe('https://workingoutloud.com/circle-guides');
      const frame = promptFrame(p, x);
      expect(frame.link).toEqual({ url: 'https://workingoutloud.com/circle-guides', label: 'Open the Circle Guides' });
      expect(JSON.stringify({ frame, x })).not.toMatch(/today|gallery/i);
    }
    expect(p.footer).toMatch(/does not collect, store or export/);
    expect(p.intro).toMatch(/does not collect, store or export/);
  });
});
