import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

/** Finds page.html next to this file in src/ or in dist/ (tsc does not copy it). */
function pageFile(): string {
  const candidates = [path.join(__dirname, 'page.html'), path.resolve(__dirname, '..', '..', '..', 'src', 'http', 'page.html')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`page.html not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** GET / — the sandbox and posts page; all data comes from /v1 with the same token. */
export function pageRouter(): express.Router {
  const html = fs.readFileSync(pageFile(), 'utf8');
  const r = express.Router();
  r.get('/', (_req, res) => {
    res.set('Content-Security-Policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'").type('html').send(html);
  });
  return r;
}
