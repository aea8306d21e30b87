import Database from 'better-sqlite3';

export interface LedgerRow {
  id: string;
  channel_id: string;
  state: string;
  owner: string | null;
  lease_until: string | null;
}

/** Reads the ledger straight from the SQLite file (read-only, beside the running server). */
export function ledger(file: string): LedgerRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(`select id, channel_id, state, owner, lease_until from deliveries where day = 1 and round = 0`).all() as LedgerRow[];
  } finally {
    db.close();
  }
}
