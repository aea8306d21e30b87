import type { NewDelivery, NewReply } from '../../../src/core/ports';
import type { OpenedStore } from '../../../src/store';

/**
 * What every role's contract file gets: the handle the suite shares (opened in beforeAll, so read
 * it in a hook or a test), a way to open another handle to the same database, and ids of its own.
 */
export interface ContractHarness {
  store(): OpenedStore;
  /** A new handle to the same, migrated database (a second one races the first). */
  open(): Promise<OpenedStore>;
  /** Ids unique to this run: tests share the database and assert only on their own rows. */
  uid(prefix: string): string;
  T0: Date;
  /** T0 plus minutes. */
  at(mins: number): Date;
  newDelivery(over?: Partial<NewDelivery>): NewDelivery;
  newReply(deliveryId: string, over?: Partial<NewReply>): NewReply;
}

export function contractHarness(open: () => Promise<OpenedStore>): ContractHarness {
  let store: OpenedStore | undefined;
  let seq = 0;
  const run = Math.random().toString(36).slice(2, 8);
  const uid = (p: string) => `${p}-${run}-${++seq}`;
  const T0 = new Date('2026-11-16T09:00:00.000Z');
  const at = (mins: number) => new Date(T0.getTime() + mins * 60_000);

  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  return {
    store: () => {
      if (!store) throw new Error('the contract store is opened in beforeAll: read it in a hook or a test');
      return store;
    },
    open,
    uid,
    T0,
    at,
    newDelivery: (over = {}) => ({
      id: uid('d'),
      run: 'wol-week@2026-11-16',
      kind: 'prompt',
      programme: 'wol-week',
      day: 1,
      platform: 'slack',
      channelId: uid('C'),
      round: 0,
      state: 'claimed',
      trigger: 'schedule',
      scheduledAt: T0,
      owner: 'owner-a',
      leaseUntil: at(5),
      now: T0,
      ...over,
    }),
    newReply: (deliveryId, over = {}) => ({
      platform: 'slack',
      channelId: 'C-replies',
      messageId: uid('m'),
      threadId: 'T1',
      deliveryId,
      user: 'U1',
      text: 'hello',
      at: at(1),
      files: [],
      links: [],
      external: false,
      ...over,
    }),
  };
}
