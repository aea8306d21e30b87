/** Time, injected so tests can run a week in milliseconds. */
export interface Clock {
  now(): Date;
  /** Wait; a fake clock may resolve at once. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
