import type { Clock } from '../../src/core/ports/clock';

/** A clock tests move by hand; sleep() advances it at once, so retries and backoff run instantly. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: string | Date): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
    await new Promise((r) => setImmediate(r));
  }
}
