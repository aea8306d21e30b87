import path from 'node:path';
import { readProgrammeFile, schedulesDir } from '../src/config';

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

function load(name: string) {
  const r = readProgrammeFile(path.join(schedulesDir(), name), process.cwd());
  expect(r.problems).toEqual([]);
  return r.programme!;
}

describe('schedules/', () => {
  test('wol-week: five days, the five themes in order, 80–150 words, a challenge and a footer', () => {
    const p = load('wol-week.yaml');
    expect(p.id).toBe('wol-week');
    expect(p.title).toMatch(/Working Out Loud Week/);
    expect(p.footer).toMatch(/gallery/);
    expect(p.prompts.map((x) => [x.day, x.theme])).toEqual([
      [1, 'Connection'],
      [2, 'Sharing'],
      [3, 'Learning'],
      [4, 'Problem Solving'],
      [5, 'Innovation'],
    ]);
    for (const x of p.prompts) {
      expect(words(x.text)).toBeGreaterThanOrEqual(80);
      expect(words(x.text)).toBeLessThanOrEqual(150);
      expect(words(x.challenge)).toBeGreaterThan(5);
    }
    // Tuesday: show something unfinished to people who care about it and ask for their ideas.
    expect(p.prompts[1].challenge).toMatch(/still working on/);
  });

  test('weekly-habits: a weekly cadence on days 1, 8, 15, 22', () => {
    const p = load('weekly-habits.yaml');
    expect(p.id).toBe('weekly-habits');
    expect(p.footer).toMatch(/gallery/);
    expect(p.prompts.map((x) => x.day)).toEqual([1, 8, 15, 22]);
    for (const x of p.prompts) {
      expect(words(x.text)).toBeGreaterThanOrEqual(80);
      expect(words(x.text)).toBeLessThanOrEqual(150);
      expect(x.challenge.length).toBeGreaterThan(0);
    }
  });
});
