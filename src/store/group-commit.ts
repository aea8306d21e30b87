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
  /**
   * Two batches of it may commit at once in any order (no row of one depends on having seen a row
   * of the other: the database's unique keys settle duplicates, waiting for each other's commit).
   */
  readonly independent?: boolean;
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
 * PostgreSQL: batches of independent single statements committing at once (each holds a pool
 * connection). A batch's commit waits for the WAL's fsync (15 ms and more in the benchmark); one
 * at a time, the next requests queued behind it. Three at once: 1,400 → 1,630 events/s (paired runs).
 */
const OVERLAP_POSTGRES = 3;

/**
 * Group commit: write work that arrives while a transaction is running waits for it and then goes
 * in the next one together, so many concurrent events cost one BEGIN … COMMIT (one WAL append on
 * SQLite, one fsync on PostgreSQL) instead of one each. Each caller's promise settles only after
 * the transaction holding its work has committed: nothing is answered before it is durable.
 *
 * Work in a batch runs one after the other on the transaction, so later work sees earlier work (the
 * same event twice in one batch is still recorded once). Neighbouring work of one kind given to
 * `merge` runs as one statement for all of it (PostgreSQL then waits for one round trip per batch
 * instead of one per event); a batch that is a single statement needs no BEGIN … COMMIT around it,
 * and on PostgreSQL a few such batches of independent work may be committing at once (anything
 * else waits until they are done and goes alone, so order still holds). If any work throws, the
 * batch is rolled back and each piece is retried in a transaction of its own, so one bad event
 * never fails another, and a failure is reported only to its own caller.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  /** Wakes the drain loop when work arrives while batches are in flight. */
  private arrived: (() => void) | null = null;
  /** Batches that may be committing at once (PostgreSQL: overlapping one's round trip with the next one's work). */
  private readonly overlap: number;

  constructor(
    private readonly db: Db,
    private readonly kind: StoreKind,
  ) {
    this.overlap = kind === 'postgres' ? OVERLAP_POSTGRES : 1;
  }

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
      else this.arrived?.();
    });
  }

  private async drain(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    try {
      for (;;) {
        if (this.queue.length === 0) {
          if (inFlight.size === 0) return;
          // Batches are still committing: the next one starts when work arrives or one of them ends.
          await Promise.race([...inFlight, new Promise<void>((r) => (this.arrived = r))]);
          continue;
        }
        // Let the rest of this turn of the event loop queue its work first: requests read together
        // are handled in one I/O phase, and SQLite's synchronous statements would otherwise commit
        // the first one alone before the others reach the queue.
        await new Promise((r) => setImmediate(r));
        const batch = this.queue.splice(0, MAX_BATCH);
        if (!this.mayOverlap(batch)) {
          // Anything else goes alone, after what is in flight: later work sees earlier work.
          await Promise.all(inFlight);
          await this.commit(batch);
          continue;
        }
        if (inFlight.size >= this.overlap) await Promise.race(inFlight);
        const done: Promise<void> = this.commit(batch).finally(() => inFlight.delete(done));
        inFlight.add(done);
      }
    } finally {
      this.arrived = null;
      this.running = null;
    }
  }

  /**
   * Whether the batch may commit while others do: only single statements of one kind that marks
   * itself `independent` (the database's own unique keys settle two of them racing).
   */
  private mayOverlap(batch: Pending[]): boolean {
    const many = batch[0].many;
    return this.overlap > 1 && !!many?.oneStatement && !!many.independent && batch.every((p) => p.many === many);
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
