import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

/** A temp folder with a wolbot.yaml and a SQLite path, removed by cleanup(). */
export function tempWorkspace(configYaml?: string): { dir: string; config: string; dbUrl: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-test-'));
  const config = path.join(dir, 'wolbot.yaml');
  if (configYaml !== undefined) fs.writeFileSync(config, configYaml);
  return { dir, config, dbUrl: `sqlite:${path.join(dir, 'wolbot.db')}`, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A writable stream that keeps every log line (to search logs for secrets or messages). */
export function logSink(): { stream: NodeJS.WritableStream; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}
