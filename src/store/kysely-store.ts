import { channelsRole } from './channels';
import { connectionsRole } from './connections';
import type { StoreContext } from './context';
import { ledgerRole } from './deliveries';
import { GroupCommit } from './group-commit';
import { installationsRole } from './installations';
import { metaRole } from './meta';
import type { OpenedStore, StoreKind } from './opened-store';
import { peopleRole } from './people';
import { repliesRole } from './replies';
import { bindRole } from './role';
import { sandboxMessagesRole } from './sandbox-messages';
import type { Db } from './tx';
import { webSessionsRole } from './web-sessions';

/** The store over one Kysely instance: each role's queries (one file a role) bound to one context. */
export function kyselyStore(db: Db, kind: StoreKind, description: string): OpenedStore {
  const ctx: StoreContext = { db, kind, commits: new GroupCommit(db, kind) };
  return {
    kind,
    description,
    ...bindRole(ctx, metaRole),
    ...bindRole(ctx, channelsRole),
    ...bindRole(ctx, ledgerRole),
    ...bindRole(ctx, repliesRole),
    ...bindRole(ctx, peopleRole),
    ...bindRole(ctx, connectionsRole),
    ...bindRole(ctx, sandboxMessagesRole),
    ...bindRole(ctx, installationsRole),
    ...bindRole(ctx, webSessionsRole),
  };
}
