import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts oidc-provider (tests/helpers/oidc-provider-child.mjs) as an issuer for one client whose
 * redirect URI is `redirectUri`, authenticating with client_secret_post; `accounts` gives each
 * login name its claims (Slack's or Microsoft's).
 */
export async function startProvider(o: { redirectUri: string; claims: string[]; accounts: Record<string, Record<string, string>> }): Promise<TestProvider> {
  const clientId = `client-${Math.random().toString(36).slice(2, 8)}`;
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}-0123456789`;
  const setup = {
    claims: o.claims,
    accounts: o.accounts,
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [o.redirectUri], token_endpoint_auth_method: 'client_secret_post', response_types: ['code'], grant_types: ['authorization_code'] }],
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider-child.mjs'), JSON.stringify(setup)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  const issuer = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}): ${stderr}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Goes through the provider's own login and consent pages as `login`, back to wherever it redirects. */
export async function signInThroughProvider(page: Page, login: string): Promise<void> {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').first().click();
  await page.waitForLoadState();
  // Consent (asked the first time a client wants this person's claims).
  const consent = page.locator('button[type=submit]');
  if (await consent.count()) {
    await consent.first().click();
    await page.waitForLoadState();
  }
}

/** A port free now (sign-in needs PUBLIC_URL, with its port, before the app starts). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
