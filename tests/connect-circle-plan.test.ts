import { planCircles, type Joiner } from '../src/core/connect/circle-plan';

const people = (n: number, zone: string, offsetMinutes: number, prefix = zone.slice(0, 3)): Joiner[] =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i + 1}`, zone, offsetMinutes }));

describe('circles of 4–5 by time zone', () => {
  test('five in Berlin and four in New York: two circles, one zone each', () => {
    const plan = planCircles([...people(5, 'Europe/Berlin', 60), ...people(4, 'America/New_York', -300)]);
    expect(plan.circles.map((c) => [c.zone, c.members.length])).toEqual([['America/New_York', 4], ['Europe/Berlin', 5]]);
    expect(plan.waiting).toEqual([]);
  });

  test('nobody is in two circles, and everyone placed is in one', () => {
    const all = [...people(13, 'Europe/Berlin', 60), ...people(7, 'Asia/Tokyo', 540)];
    const plan = planCircles(all);
    const seated = plan.circles.flatMap((c) => c.members);
    expect(new Set(seated).size).toBe(seated.length);
    for (const c of plan.circles) expect(c.members.length).toBeGreaterThanOrEqual(4);
    for (const c of plan.circles) expect(c.members.length).toBeLessThanOrEqual(5);
    expect(seated.length + plan.waiting.length).toBe(all.length);
  });

  test('leftovers join a nearby circle with room, else wait for the next round', () => {
    // Four in Berlin (a circle with room) and one in London (an hour away): London joins Berlin.
    const near = planCircles([...people(4, 'Europe/Berlin', 60), ...people(1, 'Europe/London', 0)]);
    expect(near.circles).toHaveLength(1);
    expect(near.circles[0]!.members).toContain('Eur1');
    expect(near.placed).toEqual(['Eur1']);
    // Two in Tokyo are far from everyone: they wait.
    const far = planCircles([...people(4, 'Europe/Berlin', 60), ...people(2, 'Asia/Tokyo', 540)]);
    expect(far.circles.map((c) => c.members.length)).toEqual([4]);
    expect(far.waiting).toEqual(['Asi1', 'Asi2']);
  });

  test('small groups of neighbouring zones make a circle together', () => {
    const plan = planCircles([...people(2, 'Europe/Berlin', 60, 'b'), ...people(2, 'Europe/London', 0, 'l'), ...people(3, 'Asia/Tokyo', 540, 't')]);
    expect(plan.circles.map((c) => c.members.sort())).toEqual([['b1', 'b2', 'l1', 'l2']]);
    expect(plan.waiting.sort()).toEqual(['t1', 't2', 't3']);
  });
});
