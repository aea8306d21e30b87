import type { GroupCommit } from './group-commit';
import type { StoreKind } from './opened-store';
import type { Db } from './tx';

/** What each query module needs: the Kysely instance, which dialect it speaks, and its group commit. */
export interface StoreContext {
  db: Db;
  kind: StoreKind;
  /** Inbound events' writes, several to a transaction (see group-commit.ts). */
  commits: GroupCommit;
}
