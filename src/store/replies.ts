import type { Replies } from '../core/ports/store';
import {
  addReaction, addReply, deleteReply, editReply, getReply, hasEvent, listReplies, pruneEvents, reactionCounts, recordEvent, removeReaction,
} from './ingest';
import { replyTallies } from './reply-tallies';
import type { RoleQueries } from './role';

/** What people wrote and reacted: ingest (deduplicated, group-committed) and its reads in ingest.ts; counts in reply-tallies.ts. */
export const repliesRole: RoleQueries<Replies> = {
  addReply, editReply, deleteReply, addReaction, removeReaction, recordEvent, hasEvent, pruneEvents,
  getReply, listReplies, reactionCounts, replyTallies,
};
