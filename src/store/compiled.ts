import { CompiledQuery, type Compilable } from 'kysely';
import type { StoreContext } from './context';
import type { Db } from './tx';

/** SQL text per store and statement name: built by Kysely on first use, reused after. */
const texts = new WeakMap<Db, Map<string, string>>();

/**
 * Runs a hot statement (ingest: an event key, a reply) without building it through Kysely each
 * time (building and compiling was ~7% of ingest). `build` makes it from these very `params` on
 * first use; the parameters it compiled to must equal `params`, in order, so the cached text can
 * never be run with its values in the wrong places.
 */
export async function runCompiled<R>(ctx: StoreContext, trx: Db, name: string, params: readonly unknown[], build: (db: Db) => Compilable): Promise<R[]> {
  let byName = texts.get(ctx.db);
  if (!byName) texts.set(ctx.db, (byName = new Map<string, string>()));
  let text = byName.get(name);
  if (text === undefined) {
    const q = build(ctx.db).compile();
    if (q.parameters.length !== params.length || q.parameters.some((p, i) => p !== params[i])) {
      throw new Error(`compiled statement ${name}: its parameters are not the ones given, in order`);
    }
    byName.set(name, (text = q.sql));
  }
  return (await trx.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows;
}
