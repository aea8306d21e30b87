import type { LocalMessageKind } from '../../adapters/local/sandbox-messages';
import type { ChannelSource, ConnectState, DeliveryKind, DeliveryState, DeliveryTrigger, OptInKind } from '../core/ports/store';

/**
 * The text columns that hold one of a few words, and every word each may hold. A table per union
 * (`Record<Union, true>`) so the compiler insists on each member, and on nothing else.
 *
 * schema.ts types these columns with their unions, so every insert, update and comparison is
 * checked. The database itself has no CHECK constraints (SQLite cannot add one without rebuilding
 * the table), so a read checks the word again: a row written by a newer wolbot (after a downgrade)
 * or by hand fails loudly here instead of falling through a switch further on.
 */
const CHANNEL_SOURCES: Record<ChannelSource, true> = { config: true, subscribed: true, known: true };
const DELIVERY_KINDS: Record<DeliveryKind, true> = { prompt: true, digest: true, kickoff: true, wrapup: true };
const DELIVERY_TRIGGERS: Record<DeliveryTrigger, true> = { schedule: true, manual: true };
const DELIVERY_STATES: Record<DeliveryState, true> = {
  claimed: true, sending: true, recovering: true, sent: true, retry: true, failed: true, uncertain: true, skipped: true,
};
const LOCAL_MESSAGE_KINDS: Record<LocalMessageKind, true> = {
  prompt: true, digest: true, kickoff: true, wrapup: true, notice: true, reply: true, introduction: true, circle: true,
};

const OPT_IN_KINDS: Record<OptInKind, true> = { connect: true, circle: true };
const CONNECTION_STATES: Record<ConnectState, true> = { claimed: true, sent: true, failed: true };

function isOneOf<U extends string>(words: Record<U, true>, value: string): value is U {
  return Object.hasOwn(words, value);
}

/** `value` as read from `column`, or a clear error naming the column and the word it does not know. */
function oneOf<U extends string>(words: Record<U, true>, column: string, value: string): U {
  if (isOneOf(words, value)) return value;
  throw new Error(`${column} holds '${value}', which this version does not know (one of: ${Object.keys(words).join(', ')})`);
}

export const channelSource = (v: string): ChannelSource => oneOf(CHANNEL_SOURCES, 'channels.source', v);
export const deliveryKind = (v: string): DeliveryKind => oneOf(DELIVERY_KINDS, 'deliveries.kind', v);
export const deliveryState = (v: string): DeliveryState => oneOf(DELIVERY_STATES, 'deliveries.state', v);
export const deliveryTrigger = (v: string): DeliveryTrigger => oneOf(DELIVERY_TRIGGERS, 'deliveries.trigger', v);
export const localMessageKind = (v: string): LocalMessageKind => oneOf(LOCAL_MESSAGE_KINDS, 'local_messages.kind', v);
export const optInKind = (v: string): OptInKind => oneOf(OPT_IN_KINDS, 'opt_ins.kind', v);
export const connectionState = (v: string): ConnectState => oneOf(CONNECTION_STATES, 'connections.state', v);
