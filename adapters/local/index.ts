import type { BudgetedRequest } from '../../src/core/ports/body-budget';
import type { Clock } from '../../src/core/ports/clock';
import type { InboundPort } from '../../src/core/ports/inbound';
import type { Logger } from '../../src/core/ports/logger';
import { LocalAdapter, type LocalMessages } from './local-adapter';
import { sandboxRouter } from './sandbox-router';

export { SANDBOX_USER } from './sandbox-router';

export function createLocalAdapter(opts: { messages: LocalMessages; inbound: InboundPort; logger: Logger; clock: Clock; clientAddress?: (req: BudgetedRequest) => string }) {
  return {
    adapter: new LocalAdapter({ messages: opts.messages, clock: opts.clock }),
    router: sandboxRouter({ inbound: opts.inbound, messages: opts.messages, clock: opts.clock, logger: opts.logger, clientAddress: opts.clientAddress }),
  };
}
