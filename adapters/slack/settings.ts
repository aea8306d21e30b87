/** What the Slack adapter needs from the environment (read by src/config/, passed in through its platform descriptor). */
export interface SlackSettings {
  signingSecret?: string;
  botToken?: string;
  /** xapp- token: Socket Mode. */
  appToken?: string;
  clientId?: string;
  clientSecret?: string;
  stateSecret?: string;
  /** WOLBOT_SECRET_KEY: encrypts installation tokens (multi-workspace mode). */
  secretKey?: string;
  /** Web API base, e.g. https://slack.com/api/ (tests: a local fake). */
  apiUrl?: string;
  /** Workspace-wide ceiling of posts per second. */
  maxPostsPerSecond: number;
  mode: 'http' | 'socket' | 'oauth';
  /** The slash command's name (SLACK_COMMAND, default `/wol`); others are refused. */
  command?: string;
}

export const DEFAULT_API_URL = 'https://slack.com/api/';

/** The Web API base with the trailing slash WebClient expects. */
export function apiBase(settings: Pick<SlackSettings, 'apiUrl'>): string {
  const url = settings.apiUrl || DEFAULT_API_URL;
  return url.endsWith('/') ? url : `${url}/`;
}
