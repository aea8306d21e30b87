/** Someone who said `circle join`, with their time zone and its offset from UTC now (minutes). */
export interface Joiner {
  key: string;
  zone: string;
  offsetMinutes: number;
}

export interface PlannedCircle {
  /** The zone most members are in (the welcome suggests a meeting time there). */
  zone: string;
  members: string[];
}

export interface CirclePlan {
  circles: PlannedCircle[];
  /** Joined a circle of this round that had room (a nearby zone). */
  placed: string[];
  /** Too few nearby: they wait for the next round. */
  waiting: string[];
}

export const CIRCLE_MIN = 4;
export const CIRCLE_MAX = 5;
/** "Nearby": zones this close share a circle when their own zone has too few people. */
export const NEARBY_MINUTES = 180;

/** Split n people into as many circles of 4–5 as they fill; what is left over (0–3, or more when none fit). */
function split<T>(people: T[]): { groups: T[][]; rest: T[] } {
  const k = Math.floor(people.length / CIRCLE_MIN);
  if (k === 0) return { groups: [], rest: people };
  const seated = Math.min(people.length, k * CIRCLE_MAX);
  const groups: T[][] = [];
  let at = 0;
  for (let i = 0; i < k; i++) {
    const size = Math.floor(seated / k) + (i < seated % k ? 1 : 0);
    groups.push(people.slice(at, at + size));
    at += size;
  }
  return { groups, rest: people.slice(seated) };
}

const zoneOf = (members: Joiner[]): string => {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.zone, (counts.get(m.zone) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
};

/**
 * Circles of 4–5 from the people who joined (all of one programme, so one language): first within
 * each time zone; those left over are pooled with nearby zones (within NEARBY_MINUTES) into
 * circles of their own; anyone still left joins a circle of four in a nearby zone, or waits for the
 * next round. Pure, and the same input gives the same circles.
 */
export function planCircles(joiners: Joiner[]): CirclePlan {
  const people = [...joiners].sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.zone.localeCompare(b.zone) || a.key.localeCompare(b.key));
  const byZone = new Map<string, Joiner[]>();
  for (const p of people) byZone.set(p.zone, [...(byZone.get(p.zone) ?? []), p]);
  const circles: Joiner[][] = [];
  let rest: Joiner[] = [];
  for (const group of byZone.values()) {
    const s = split(group);
    circles.push(...s.groups);
    rest.push(...s.rest);
  }
  // Leftovers of neighbouring zones (sorted by offset) make circles of their own where they can.
  rest.sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.key.localeCompare(b.key));
  const stillLeft: Joiner[] = [];
  let run: Joiner[] = [];
  const flush = () => {
    const s = split(run);
    circles.push(...s.groups);
    stillLeft.push(...s.rest);
    run = [];
  };
  for (const p of rest) {
    if (run.length && p.offsetMinutes - run[0]!.offsetMinutes > NEARBY_MINUTES) flush();
    run.push(p);
  }
  flush();
  rest = stillLeft;
  const placed: string[] = [];
  const waiting: string[] = [];
  for (const p of rest) {
    const room = circles
      .filter((c) => c.length < CIRCLE_MAX)
      .map((c) => ({ c, gap: Math.max(...c.map((m) => Math.abs(m.offsetMinutes - p.offsetMinutes))) }))
      .filter((x) => x.gap <= NEARBY_MINUTES)
      .sort((x, y) => x.gap - y.gap)[0];
    if (room) {
      room.c.push(p);
      placed.push(p.key);
    } else {
      waiting.push(p.key);
    }
  }
  return { circles: circles.map((c) => ({ zone: zoneOf(c), members: c.map((m) => m.key) })), placed, waiting };
}
