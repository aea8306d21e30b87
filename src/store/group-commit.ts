import type { StoreKind } from './opened-store';
import { type Db, writeTransaction } from './tx';

type Work<T> = (trx: Db) => Promise<T>;

/**
 * Several pieces of work of one kind done at once: `run` takes the rows in batch order and gives one
 * result per row, in the same order. The same object is the same kind (see GroupCommit.merge).
 */
export interface ManyAtOnce<R, T> {
  run(trx: Db, rows: readonly R[]): Promise<T[]>;
  /** `run` is a single statement: atomic by itself, so a batch of nothing else needs no transaction. */
  readonly oneStatement: boolean;
}

interface Pending {
  /** Work on its own, or … */
  work?: Work<unknown>;
  /** … one row of work that neighbours of the same kind share a statement with. */
  many?: ManyAtOnce<unknown, unknown>;
  row?: unknown;
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
 * same event twice in one batch is still recorded once). Neighbouring work of one kind given to
 * `merge` runs as one statement for all of it (PostgreSQL then waits for one round trip per batch
 * instead of one per event); a batch that is a single statement needs no BEGIN … COMMIT around it.
 * If any work throws, the batch is rolled back and each piece is retried in a transaction of its
 * own, so one bad event never fails another, and a failure is reported only to its own caller.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly kind: StoreKind,
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return this.enqueue<T>({ work });
  }

  /** `row` done by `many` together with the rows of neighbouring calls that pass the same `many`. */
  merge<R, T>(many: ManyAtOnce<R, T>, row: R): Promise<T> {
    return this.enqueue<T>({ many, row });
  }

  /** Resolves once everything queued so far has been written (store close). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private enqueue<T>(p: Pick<Pending, 'work' | 'many' | 'row'>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ ...p, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) this.running = this.drain();
    });
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
      try {
        const results = await this.inTransaction(batch);
        batch.forEach((p, i) => p.resolve(results[i]));
        return;
      } catch {
        // Rolled back as a whole: fall through and give every piece its own transaction.
      }
    }
    for (const p of batch) {
      try {
        p.resolve((await this.inTransaction([p]))[0]);
      } catch (err) {
        p.reject(err);
      }
    }
  }

  /** The batch in one transaction; a batch that is one statement is its own transaction. */
  private inTransaction(batch: Pending[]): Promise<unknown[]> {
    const many = batch[0].many;
    if (many?.oneStatement && batch.every((p) => p.many === many)) return many.run(this.db, batch.map((p) => p.row));
    return writeTransaction(this.db, this.kind, (trx) => runInOrder(trx, batch));
  }
}

/** Each piece in batch order; runs of neighbours with the same `many` go as one statement. */
async function runInOrder(trx: Db, batch: Pending[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let i = 0; i < batch.length; ) {
    const { work, many } = batch[i];
    if (!many) {
      results.push(await work!(trx));
      i++;
      continue;
    }
    let end = i + 1;
    while (end < batch.length && batch[end].many === many) end++;
    results.push(...(await many.run(trx, batch.slice(i, end).map((p) => p.row))));
    i = end;
  }
  return results;
}
