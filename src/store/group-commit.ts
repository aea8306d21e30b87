import { type Db, writeTransaction } from './tx';

type Work<T> = (trx: Db) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** At most this many pieces of work share one transaction (bounds a batch's time and a retry's cost). */
const MAX_BATCH = 128;

/**
 * Group commit: write work that arrives while a transaction is running waits for it and then goes
 * in the next one together, so many concurrent events cost one BEGIN … COMMIT (one WAL append on
 * SQLite, one fsync on PostgreSQL) instead of one each. Each caller's promise settles only after
 * the transaction holding its work has committed: nothing is answered before it is durable.
 *
 * Work in a batch runs one after the other on the transaction, so later work sees earlier work (the
 * same event twice in one batch is still recorded once). If any work throws, the batch is rolled
 * back and each piece is retried in a transaction of its own, so one bad event never fails
 * another, and a failure is reported only to its own caller.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly kind: 'sqlite' | 'postgres',
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) this.running = this.drain();
    });
  }

  /** Resolves once everything queued so far has been written (store close). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      // Let the rest of this turn of the event loop queue its work first: requests read together
      // are handled in one I/O phase, and SQLite's synchronous statements would otherwise commit
      // the first one alone before the others reach the queue.
      await new Promise((r) => setImmediate(r));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.commit(batch);
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = null;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      const results: unknown[] = [];
      try {
        await writeTransaction(this.db, this.kind, async (trx) => {
          for (const p of batch) results.push(await p.work(trx));
        });
        batch.forEach((p, i) => p.resolve(results[i]));
        return;
      } catch {
        // Rolled back as a whole: fall through and give every piece its own transaction.
      }
    }
    for (const p of batch) {
      try {
        p.resolve(await writeTransaction(this.db, this.kind, p.work));
      } catch (err) {
        p.reject(err);
      }
    }
  }
}
