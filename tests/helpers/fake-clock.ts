import type { Clock } from '../../src/core/ports/clock';

/** A clock tests move by hand; sleep() advances it at once, so retries and backoff run instantly. */
export class FakeClock implements Clock {
  /** Milliseconds since the epoch; tests may read and set it. */
  t: number;
  /** Every sleep asked for, in order (pacing tests read them). */
  readonly sleeps: number[] = [];

  constructor(start: string | number | Date = '2026-11-17T09:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.t);
  set(at: string | number | Date): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.t += ms;
    await new Promise((r) => setImmediate(r));
  };
}
