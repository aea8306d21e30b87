/**
 * Type test (compiled by `npm run lint`): core services take the store roles they use, not the
 * whole Store, so a service reaching past its role does not compile. Each `@ts-expect-error`
 * fails the build if the line under it ever compiles.
 */
import type { CommandDeps } from '../../src/core/commands/run';
import type { DelivererDeps } from '../../src/core/delivery';
import type { DigestService } from '../../src/core/digest';
import type { PeopleNames } from '../../src/core/names';
import type { ApiDeps } from '../../src/http/api/deps';

type StoreOf<C extends abstract new (...args: never[]) => unknown> = ConstructorParameters<C>[0] extends { store: infer S } ? S : never;

declare const deliverer: DelivererDeps['store'];
declare const commands: CommandDeps['store'];
declare const digests: StoreOf<typeof DigestService>;
declare const names: StoreOf<typeof PeopleNames>;
declare const api: ApiDeps['store'];

// What each one uses is there…
export const used = [deliverer.claimDelivery, deliverer.getChannel, commands.forgetUser, digests.listReplies, names.saveName, api.replyTallies];
// …and what it does not is not.
// @ts-expect-error the deliverer forgets nobody
export const a = deliverer.forgetUser;
// @ts-expect-error commands do not write replies
export const b = commands.addReply;
// @ts-expect-error digests forget nobody
export const c = digests.forgetUser;
// @ts-expect-error names read no ledger
export const d = names.claimDelivery;
// @ts-expect-error the page's API never closes the store
export const e = api.close;
