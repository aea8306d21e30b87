import type { Installations } from '../../adapters/slack/installations';
import type { Platform } from '../core/ports/platform';
import type { StoreContext } from './context';
import type { RoleQueries } from './role';
import { iso } from './rows';

// Workspace installations (the `installations` table), stored as the adapter hands them (encrypted): the port adapters/slack owns.

async function saveInstallation({ db }: StoreContext, platform: Platform, workspaceId: string, data: string, now: Date): Promise<void> {
  await db
    .insertInto('installations')
    .values({ platform, workspace_id: workspaceId, data, updated_at: iso(now) })
    .onConflict((oc) => oc.columns(['platform', 'workspace_id']).doUpdateSet({ data, updated_at: iso(now) }))
    .execute();
}

async function getInstallation({ db }: StoreContext, platform: Platform, workspaceId: string): Promise<string | null> {
  const row = await db.selectFrom('installations').select('data').where('platform', '=', platform).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row ? row.data : null;
}

async function deleteInstallation({ db }: StoreContext, platform: Platform, workspaceId: string): Promise<void> {
  await db.deleteFrom('installations').where('platform', '=', platform).where('workspace_id', '=', workspaceId).execute();
}

export const installationsRole: RoleQueries<Installations> = { saveInstallation, getInstallation, deleteInstallation };
