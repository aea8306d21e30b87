import type { Kysely, Migration } from 'kysely';
import type { PlainText } from '../../core/ports/inbound';

export interface ReplyMentionsMigrationOptions {
  /**
   * What the core reads of a text stored as written before this migration, by its platform's
   * adapter (best effort: only the markup the written text still holds). Absent, or undefined for
   * a platform: the row reads as its written text, mentioning nobody.
   */
  readWritten?: (platform: string, text: string) => PlainText | undefined;
}

/** Rows read and converted a page at a time (a large store never sits in memory at once). */
const PAGE = 500;

/**
 * Replies keep what the core reads beside what was written: `plain_text` (no platform markup) and
 * `mentions` (a JSON list of {userId, name, start, end} in it), so digests and wrap-ups decide who
 * was addressed from the list, while exports keep `text` byte for byte. Rows from before are read
 * once by their platform's adapter when the caller passes `readWritten`; a row it leaves unchanged
 * keeps NULL and reads as its written text, mentioning nobody (see rows.ts).
 */
export function replyMentionsMigration(opts: ReplyMentionsMigrationOptions = {}): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('replies').addColumn('plain_text', 'text').execute();
      await db.schema.alterTable('replies').addColumn('mentions', 'text').execute();
      if (opts.readWritten) await backfill(db, opts.readWritten);
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('replies').dropColumn('mentions').execute();
      await db.schema.alterTable('replies').dropColumn('plain_text').execute();
    },
  };
}

interface Row {
  platform: string;
  channel_id: string;
  message_id: string;
  text: string;
}

async function backfill(db: Kysely<any>, readWritten: NonNullable<ReplyMentionsMigrationOptions['readWritten']>): Promise<void> {
  let after: Row | undefined;
  for (;;) {
    let q = db.selectFrom('replies').select(['platform', 'channel_id', 'message_id', 'text']).where('text', 'is not', null);
    if (after) {
      const a = after;
      q = q.where((eb) => eb.or([
        eb('platform', '>', a.platform),
        eb.and([eb('platform', '=', a.platform), eb('channel_id', '>', a.channel_id)]),
        eb.and([eb('platform', '=', a.platform), eb('channel_id', '=', a.channel_id), eb('message_id', '>', a.message_id)]),
      ]));
    }
    const page = (await q.orderBy('platform').orderBy('channel_id').orderBy('message_id').limit(PAGE).execute()) as Row[];
    for (const r of page) {
      const read = readWritten(r.platform, r.text);
      // Only rows the adapter reads differently are written: the others read the same from NULL.
      if (!read || (read.plainText === r.text && read.mentions.length === 0)) continue;
      await db.updateTable('replies').set({ plain_text: read.plainText, mentions: JSON.stringify(read.mentions) })
        .where('platform', '=', r.platform).where('channel_id', '=', r.channel_id).where('message_id', '=', r.message_id)
        .execute();
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1];
  }
}
