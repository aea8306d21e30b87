import type { WebSession, WebSessions } from '../http/signin/web-sessions';
import type { StoreContext } from './context';
import type { RoleQueries } from './role';
import { iso } from './rows';

// Sign-in sessions (the `web_sessions` table): the port src/http/signin owns.

async function saveSession({ db }: StoreContext, idHash: string, s: WebSession): Promise<void> {
  await db
    .insertInto('web_sessions')
    .values({ id_hash: idHash, platform: s.platform, user_id: s.userId, workspace_id: s.workspaceId, name: s.name, created_at: iso(s.createdAt), expires_at: iso(s.expiresAt) })
    .execute();
}

async function getSession({ db }: StoreContext, idHash: string, now: Date): Promise<WebSession | null> {
  const row = await db.selectFrom('web_sessions').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', iso(now)).executeTakeFirst();
  if (!row) return null;
  return { platform: row.platform, userId: row.user_id, workspaceId: row.workspace_id, name: row.name, createdAt: new Date(row.created_at), expiresAt: new Date(row.expires_at) };
}

async function deleteSession({ db }: StoreContext, idHash: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute();
}

async function pruneSessions({ db }: StoreContext, now: Date): Promise<number> {
  const r = await db.deleteFrom('web_sessions').where('expires_at', '<=', iso(now)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export const webSessionsRole: RoleQueries<WebSessions> = { saveSession, getSession, deleteSession, pruneSessions };
