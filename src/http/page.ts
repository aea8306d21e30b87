import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

/** The page's folder (index.html, its script, styles and icon) in src/ or beside dist/ (tsc does not copy it). */
function pageDir(): string {
  const candidates = [path.join(__dirname, 'page'), path.resolve(__dirname, '..', '..', '..', 'src', 'http', 'page')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'index.html')));
  if (!found) throw new Error(`the page's folder was not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * GET / — the sandbox and posts page; its script and styles are files of this folder (the CSP
 * allows no inline code). All data comes from /v1 with the same access rule.
 */
export function pageRouter(): express.Router {
  const dir = pageDir();
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const r = express.Router();
  r.get('/', (_req, res) => void res.type('html').send(html));
  r.use(express.static(dir, { index: false, dotfiles: 'ignore', fallthrough: true }));
  return r;
}
