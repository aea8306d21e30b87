import { type Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { noRetryHttpClient } from './http-client';
import type { TeamsSettings } from './settings';

/**
 * The keys ConfigurationBotFrameworkAuthentication reads. Handing it our env names
 * (MICROSOFT_APP_ID…) would silently switch authentication off, so they are mapped here, explicitly.
 */
export interface BotAuthConfig {
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppType: string;
  MicrosoftAppTenantId: string;
}

export function botAuthConfig(s: TeamsSettings): BotAuthConfig {
  return {
    MicrosoftAppId: s.appId?.trim() ?? '',
    MicrosoftAppPassword: s.appPassword ?? '',
    MicrosoftAppType: s.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: s.appTenantId ?? '',
  };
}

/**
 * CloudAdapter with its turn runner opened up: our router authenticates first (to answer every
 * failure with a clean 401 in bounded time) and then runs the turn with that result.
 */
export class WolCloudAdapter extends CloudAdapter {
  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export interface BotAuth {
  cloud: WolCloudAdapter;
  auth: BotFrameworkAuthentication;
  /** '' when anonymous. */
  appId: string;
}

/** An empty app id gives an anonymous adapter: only call this when anonymous mode is allowed. */
export function createBotAuth(s: TeamsSettings): BotAuth {
  const config = botAuthConfig(s);
  // Every connector client botbuilder builds sends through our client, which never retries on its own.
  const auth = new ConfigurationBotFrameworkAuthentication({ ...config, ...s.authOverrides } as unknown as Record<string, string>, undefined, undefined, undefined, { httpClient: noRetryHttpClient });
  // No onTurnError: an error in our turn logic must reach our router, which answers 500 so that
  // Teams redelivers the activity (store failures). See router.ts.
  return { cloud: new WolCloudAdapter(auth), auth, appId: config.MicrosoftAppId };
}
