import { Client } from 'pg';

/** TEST_DATABASE_URL: a PostgreSQL server the tests may create databases on (CI sets it via .ci/run). */
export const adminUrl = process.env.TEST_DATABASE_URL;

/**
 * The PostgreSQL rule for every suite that needs a server: without TEST_DATABASE_URL it is skipped
 * with a plain message, except in CI, where a missing URL is a broken pipeline.
 */
export function describePg(name: string, fn: () => void): void {
  if (!adminUrl && process.env.CI) {
    describe(name, () => {
      it('needs TEST_DATABASE_URL in CI', () => {
        throw new Error(`TEST_DATABASE_URL is not set but CI is: "${name}" must run in CI`);
      });
    });
  } else if (!adminUrl) {
    console.log(`${name}: skipped, TEST_DATABASE_URL is not set; set it, e.g. postgres://postgres@127.0.0.1:5432/test, to run it`);
    describe.skip(`${name} (TEST_DATABASE_URL not set)`, () => it('skipped', () => undefined));
  } else {
    describe(name, fn);
  }
}

export async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Fresh databases per run (each run never sees another's rows), dropped by dropAll(). */
export function databases(): { fresh(): Promise<{ name: string; url: string }>; dropAll(): Promise<void> } {
  const created: string[] = [];
  return {
    async fresh() {
      const name = `wolbot_rel_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      await admin((c) => c.query(`create database "${name}"`));
      created.push(name);
      const u = new URL(adminUrl!);
      u.pathname = `/${name}`;
      return { name, url: u.toString() };
    },
    async dropAll() {
      if (!adminUrl) return;
      await admin(async (c) => {
        for (const name of created) await c.query(`drop database if exists "${name}" with (force)`);
      });
    },
  };
}
