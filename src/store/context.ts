import type { Db } from './tx';

/** What each query module needs: the Kysely instance and which dialect it speaks. */
export interface StoreContext {
  db: Db;
  kind: 'sqlite' | 'postgres';
}
