import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { pagePatterns } from '../core/i18n/catalogue';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The first of `candidates` that holds `file`, or a clear error naming where it looked. */
function dirWith(file: string, candidates: string[], what: string): string {
  const found = candidates.find((c) => fs.existsSync(path.join(c, file)));
  if (!found) throw new Error(`${what} were not found (looked in ${candidates.join(', ')}); run \`npm run build\``);
  return found;
}

/**
 * The page's markup, styles and icon live in src/http/web (tsc copies nothing): found next to this
 * module when it runs from src (tests), else in the checkout's source tree beside dist (npm start).
 */
export function webDir(): string {
  return dirWith('index.html', [path.join(__dirname, 'web'), path.resolve(__dirname, '..', '..', '..', 'src', 'http', 'web')], "the page's files");
}

/** The page's scripts, compiled from src/http/web/*.ts by its own tsconfig into dist/web. */
export function webScriptsDir(): string {
  return dirWith('app.js', [path.resolve(__dirname, '..', '..', 'web'), path.resolve(__dirname, '..', '..', 'dist', 'web')], "the page's compiled scripts");
}

/** chart.js's browser build, served from our own origin (no CDN). */
function chartFile(): string {
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

/**
 * intl-messageformat's browser build (an ES module despite its `.iife.js` name): the page fills in
 * its words' ICU patterns with the same library the server uses.
 */
function messageFormatFile(): string {
  return path.join(path.dirname(require.resolve('intl-messageformat')), 'intl-messageformat.iife.js');
}

interface Asset {
  type: string;
  body: Buffer;
}

/** Every file the page may load, read once at start: nothing else on disk is reachable. */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const dir of [webDir(), webScriptsDir()]) {
    for (const name of fs.readdirSync(dir)) {
      const type = TYPES[path.extname(name)];
      if (type && name !== 'index.html') assets.set(name, { type, body: fs.readFileSync(path.join(dir, name)) });
    }
  }
  assets.set('chart.umd.min.js', { type: TYPES['.js']!, body: fs.readFileSync(chartFile()) });
  assets.set('intl-messageformat.js', { type: TYPES['.js']!, body: fs.readFileSync(messageFormatFile()) });
  // The page's English words, a module built here from the catalogue: what the page says before
  // /v1/me has answered with its programme's language, and for any key that language lacks.
  assets.set('words-en.js', { type: TYPES['.js']!, body: Buffer.from(`export const english = ${JSON.stringify(pagePatterns('en').patterns)};\n`) });
  return assets;
}

/** `<meta name="wolbot-sandbox" content="…">` in the head: the page's script learns the sandbox platform's name from it. */
function withSandboxName(html: string, sandbox: string): string {
  const safe = sandbox.replace(/[^A-Za-z0-9_-]/g, '');
  return html.replace('<head>', `<head>\n<meta name="wolbot-sandbox" content="${safe}">`);
}

/**
 * GET / — programme, gallery, participation and sandbox; all data comes from /v1, and the
 * sandbox platform's name from a meta tag. The CSP and the other security headers are set for
 * every answer in security-headers.ts.
 */
export function pageRouter(d: { sandbox: string }): express.Router {
  const html = withSandboxName(fs.readFileSync(path.join(webDir(), 'index.html'), 'utf8'), d.sandbox);
  const assets = loadAssets();
  const r = express.Router();
  r.get('/', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('html').send(html);
  });
  r.get('/favicon.svg', (_req, res) => void res.set('Cache-Control', 'no-cache').type('image/svg+xml').send(assets.get('icon.svg')!.body));
  r.get('/assets/:name', (req, res, next) => {
    const a = assets.get(req.params.name);
    if (!a) return next();
    res.set({ 'Content-Type': a.type, 'Cache-Control': 'no-cache' }).send(a.body);
  });
  return r;
}
