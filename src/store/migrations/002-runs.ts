import type { Kysely, Migration } from 'kysely';
import { IANAZone } from 'luxon';
import { addDays, localDateOf } from '../../core/calendar';
import { runId } from '../../core/runs';

export interface RunsMigrationOptions {
  /** The config's zone for a programme, used for rows whose channel has no zone of its own. */
  timezoneFor?: (programme: string) => string | undefined;
}

const BATCH = 200;

/**
 * Runs and kinds in the ledger. Every delivery gets a `run` (programme@start) and a `kind`
 * (prompt | digest | kickoff | wrapup); the unique claim key becomes
 * (run, kind, day, platform, channel_id, round). Both dialects rebuild the table (SQLite cannot
 * drop a table constraint), so the new one is made beside the old, filled, and renamed.
 *
 * Existing rows are prompts. Each joins the run its own scheduled date implies: its local date
 * (in its channel's zone, else the config's zone for its programme, else the demo's stored zone,
 * else UTC) minus its day offset — so a start changed before the upgrade is still a new run.
 * A digest already posted (the old `digest_posted_at`) becomes a sent `digest` row in the same
 * thread, so the upgrade never posts a second digest there.
 */
export function runsMigration(opts: RunsMigrationOptions = {}): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await createDeliveriesV2(db);
      const rows = ledgerRows(await db.selectFrom('deliveries').selectAll().orderBy('created_at').orderBy('id').execute(), await zoneFinder(db, opts));
      for (let i = 0; i < rows.length; i += BATCH) {
        await db.insertInto('deliveries_v2').values(rows.slice(i, i + BATCH)).execute();
      }
      await db.schema.dropTable('deliveries').execute();
      await db.schema.alterTable('deliveries_v2').renameTo('deliveries').execute();
      await db.schema.createIndex('deliveries_thread_idx').on('deliveries').columns(['platform', 'channel_id', 'thread_id']).execute();
      await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['state', 'next_attempt_at']).execute();
      await db.schema.createIndex('deliveries_run_idx').on('deliveries').columns(['run', 'kind', 'day']).execute();
    },
  };
}

async function createDeliveriesV2(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliveries_v2')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('thread_id', 'text')
    .addColumn('posted_at', 'text')
    .addColumn('admins_notified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deliveries_run_key_uq', ['run', 'kind', 'day', 'platform', 'channel_id', 'round'])
    .execute();
}

type ZoneOf = (programme: string, platform: string, channel: string) => string;

/** A row's zone: its channel's, else the config's for its programme, else the demo's stored one, else UTC. */
async function zoneFinder(db: Kysely<any>, opts: RunsMigrationOptions): Promise<ZoneOf> {
  const zones = new Map<string, string | null>();
  for (const c of await db.selectFrom('channels').select(['platform', 'channel_id', 'timezone']).execute()) {
    zones.set(`${c.platform}:${c.channel_id}`, c.timezone);
  }
  const demo = await db.selectFrom('meta').select('value').where('key', '=', 'demo.anchor').executeTakeFirst();
  const demoZone = demo ? (JSON.parse(String(demo.value)) as { timezone?: string }).timezone : undefined;
  const valid = (z: string | null | undefined): z is string => !!z && IANAZone.isValidZone(z);
  return (programme, platform, channel) => {
    const candidates = [zones.get(`${platform}:${channel}`), opts.timezoneFor?.(programme), demoZone];
    return candidates.find(valid) ?? 'UTC';
  };
}

/** The old rows as prompts of the run their date implies, plus a sent digest row for each digest already posted. */
function ledgerRows(old: any[], zoneOf: ZoneOf): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const digests = new Map<string, Record<string, unknown>>();
  for (const r of old) {
    const zone = zoneOf(r.programme, r.platform, r.channel_id);
    const start = addDays(localDateOf(new Date(r.scheduled_at), zone), 1 - Number(r.day));
    const run = runId(r.programme, start);
    const { digest_posted_at: digestAt, ...rest } = r;
    rows.push({ ...rest, run, kind: 'prompt' });
    if (digestAt && r.thread_id) {
      // One digest per (run, day, channel) before this upgrade: keep the first.
      const key = `${run}|${r.day}|${r.platform}|${r.channel_id}`;
      if (!digests.has(key)) {
        digests.set(key, {
          ...rest, id: `${r.id}:digest`, run, kind: 'digest', state: 'sent', trigger: 'schedule', owner: null, lease_until: null,
          attempts: 1, last_attempt_at: digestAt, next_attempt_at: null, reason: null, posted_at: digestAt, admins_notified: 0, updated_at: digestAt,
        });
      }
    }
  }
  return [...rows, ...digests.values()];
}
