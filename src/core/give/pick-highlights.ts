import { createHash } from 'node:crypto';

/** A candidate for a highlight: whose it is, where and when it was shared, and whether it drew a response. */
export interface Candidate {
  id: string;
  person: string;
  day: number;
  where: string;
  at: Date;
  responded: boolean;
}

/** A stable pseudo-random rank of `id` under `seed`: the same run, day and channel always pick the same. */
function rank(seed: string, id: string): string {
  return createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');
}

/**
 * Up to `max` highlights, at most one a person, never ranked by counts: shares that drew a response
 * come first, then a seeded shuffle, spreading the picks over days and channels before repeating
 * one. Returned in the order they were shared (no podium).
 */
export function pickHighlights<T extends Candidate>(xs: T[], seed: string, max: number): T[] {
  const order = [...xs].sort((a, b) => Number(b.responded) - Number(a.responded) || rank(seed, a.id).localeCompare(rank(seed, b.id)));
  const picked: T[] = [];
  const people = new Set<string>();
  const days = new Set<number>();
  const places = new Set<string>();
  // A new day and a new channel first, then a new day or channel, then only a new person.
  const passes: ((c: T) => boolean)[] = [
    (c) => !days.has(c.day) && !places.has(c.where),
    (c) => !days.has(c.day) || !places.has(c.where),
    () => true,
  ];
  for (const fits of passes) {
    for (const c of order) {
      if (picked.length >= max || people.has(c.person) || !fits(c)) continue;
      picked.push(c);
      people.add(c.person);
      days.add(c.day);
      places.add(c.where);
    }
  }
  return picked.sort((a, b) => a.at.getTime() - b.at.getTime());
}
