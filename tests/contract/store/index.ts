import type { OpenedStore } from '../../../src/store';
import { describeChannelsContract } from './channels';
import { describeConnectionsContract } from './connections';
import { contractHarness } from './harness';
import { describeInstallationsContract } from './installations';
import { describeLedgerContract } from './ledger';
import { describeMetaContract } from './meta';
import { describePeopleContract } from './people';
import { describeRepliesContract } from './replies';
import { describeSandboxMessagesContract } from './sandbox-messages';
import { describeWebSessionsContract } from './web-sessions';

/**
 * The one suite every store back end must pass, one file per role port: the core's (StoreMeta,
 * Channels, Ledger, Replies, People) and those adapters own (SandboxMessages, Installations) and src/http (WebSessions).
 * `open` returns a new handle to the same, migrated database each time it is called (one handle
 * serves the suite; a second one races it). Tests share the database, so each uses its own ids.
 */
export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    const h = contractHarness(open);
    describeMetaContract(h);
    describeChannelsContract(h);
    describeLedgerContract(h);
    describeRepliesContract(h);
    describePeopleContract(h);
    describeConnectionsContract(h);
    describeSandboxMessagesContract(h);
    describeInstallationsContract(h);
    describeWebSessionsContract(h);
  });
}
