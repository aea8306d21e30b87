// Child process for the Slack crash-recovery test: starts the compiled wolbot (startWolbot) against
// the fake Slack Web API with a clock shifted by <offset ms>, then runs <action>:
//   post2 — post day 2 to every channel (the test kills us while a post hangs)
//   tick  — one scheduler tick (recovers abandoned deliveries), then stop and print "done"
// argv: <compiled src/app.js> <temp dir> <fake api url> <clock offset ms> <action>
const [appModule, dir, apiUrl, offset, action] = process.argv.slice(2);
const path = require('node:path');
const { startWolbot } = require(appModule);

const clock = {
  now: () => new Date(Date.now() + Number(offset)),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

(async () => {
  const app = await startWolbot({
    env: {
      DATABASE_URL: `sqlite:${path.join(dir, 'w.db')}`,
      WOLBOT_CONFIG: path.join(dir, 'wolbot.yaml'),
      SLACK_SIGNING_SECRET: 'child-secret',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: apiUrl,
      WEB_TOKEN: 'child-web-token-0123456789ab',
      LOG_LEVEL: 'warn',
    },
    cwd: dir,
    clock,
    cron: false,
    port: 0,
  });
  process.stdout.write(`started ${app.url}\n`);
  if (action === 'post2') {
    await app.core.postDay(2);
    process.stdout.write('posted\n');
  } else {
    const report = await app.tick();
    process.stdout.write(`tick ${JSON.stringify(report)}\n`);
  }
  await app.stop();
  process.stdout.write('done\n');
  process.exit(0);
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
