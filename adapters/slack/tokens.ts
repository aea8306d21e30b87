import { isObj, type SelfIds, type SlackObject } from './events';

/** A workspace we can post to: its bot token and our ids there. */
export interface Workspace {
  token: string;
  teamId?: string;
  self: SelfIds;
}

/** Where bot tokens come from: one token from .env, or one per installed workspace. */
export interface TokenSource {
  /** null when we have no token for that workspace (not installed, uninstalled). */
  forTeam(teamId: string | null | undefined): Promise<Workspace | null>;
  /** Our ids in a workspace, synchronously, for filtering our own messages out of events. */
  self(teamId: string | undefined, body?: SlackObject): SelfIds;
  /** A workspace uninstalled us. */
  forget(teamId: string): Promise<void>;
}

/** Ids from the envelope's `authorizations` (present on every Events API delivery). */
export function selfFromBody(body: SlackObject | undefined): SelfIds {
  const list: unknown = body?.authorizations;
  const a = Array.isArray(list) ? list.filter(isObj).find((x) => x.is_bot === true) : undefined;
  return typeof a?.user_id === 'string' && a.user_id ? { botUserId: a.user_id } : {};
}

/** HTTP and Socket Mode: the single SLACK_BOT_TOKEN; ids learned from auth.test at start. */
export class SingleToken implements TokenSource {
  teamId?: string;
  ids: SelfIds = {};

  constructor(readonly token: string) {}

  async forTeam(): Promise<Workspace> {
    return { token: this.token, teamId: this.teamId, self: this.ids };
  }

  self(_teamId: string | undefined, body?: SlackObject): SelfIds {
    return this.ids.botUserId ? this.ids : { ...selfFromBody(body), ...this.ids };
  }

  async forget(): Promise<void> {}
}
