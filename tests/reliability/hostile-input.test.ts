/**
 * Our own HTTP surface against hostile input: malformed JSON 400, >1 MB 413, unknown routes 404;
 * text in any script stored and exported byte for byte; exports escaped for their medium.
 */
import { parseCsv } from './csv';
import { harnessForTests, postJson } from './app-harness';
import { localPeople } from '../helpers/local-people';

const TEXTS = [
  'Entwurf für Übermorgen — ß, œ, ñ',
  'مسودة الدليل: ما رأيكم؟ \u200f(RTL)\u200e',
  'טיוטה ראשונה \u202eevil\u202c',
  '下書きです。ご意見ください 🙏 草稿 초안',
  'emoji: 👩🏽‍💻 🏳️‍🌈 👨‍👩‍👧‍👦 🇬🇧 1️⃣',
  'zero\u200bwidth\u200cjoin\u200dand\ufeffbom\u2060',
  'combining: e\u0301 a\u0308 ก\u0e31\u0e49',
  '  leading and trailing spaces, tabs\t and\nnew\r\nlines  ',
  'astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀 \u{10FFFD}',
  '<script>alert(1)</script> & <!channel> <!here> @everyone',
];

describe('hostile input on our HTTP surface', () => {
  const h = harnessForTests(['local:general']);
  let thread = '';

  beforeAll(async () => {
    thread = await h.thread('local:general');
  });

  test('malformed JSON → 400, over 1 MB → 413, unknown routes → 404, wrong shapes → 400', async () => {
    for (const route of ['/v1/replies', '/v1/reactions', '/v1/commands']) {
      for (const bad of ['{', '{"channel":', 'nul', '{"a":1,}', "{'a':1}"]) {
        const r = await postJson(`${h.app.url}${route}`, bad);
        expect({ route, bad, status: r.status }).toEqual({ route, bad, status: 400 });
      }
      const big = JSON.stringify({ channel: 'general', thread, text: 'x'.repeat(1_100_000) });
      expect({ route, status: (await postJson(`${h.app.url}${route}`, big)).status }).toEqual({ route, status: 413 });
    }
    for (const [method, route] of [['GET', '/nope'], ['POST', '/v1/nope'], ['GET', '/v1/replies/../../etc/passwd'], ['DELETE', '/v1/replies'], ['GET', '/slack/events'], ['POST', '/api/messages']]) {
      const r = await fetch(`${h.app.url}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect({ method, route, status: r.status }).toEqual({ method, route, status: 404 });
    }
    for (const body of [null, [], 42, 'text', { channel: 'general' }, { channel: 'general', thread, text: '' }, { channel: 'general', thread, text: 'x', extra: 1 }, { channel: 7, thread, text: 'x' }]) {
      const r = await postJson(`${h.app.url}/v1/replies`, JSON.stringify(body));
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
    }
    const wrongType = await fetch(`${h.app.url}/v1/replies`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(wrongType.status).toBe(400);
  });

  test('text in any script, emoji, RTL and zero-width characters round-trips exactly (reply → export)', async () => {
    const ids: string[] = [];
    for (const text of TEXTS) {
      const r = await postJson(`${h.app.url}/v1/replies`, { channel: 'general', thread, text });
      expect(r.status).toBe(201);
      ids.push(((await r.json()) as { id: string }).id);
    }
    const exp = (await (await fetch(`${h.app.url}/v1/export?format=json`)).json()) as { posts: { replies: { id: string; text: string }[] }[] };
    const byId = new Map(exp.posts.flatMap((p) => p.replies).map((r) => [r.id, r.text]));
    TEXTS.forEach((text, i) => expect(Buffer.from(byId.get(ids[i]!) ?? '', 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true));
  });

  test('CSV export neutralises formula prefixes; Markdown escapes structure, one quote per reply', async () => {
    const formulas = ['=HYPERLINK("http://evil/","x")', '+1+cmd|" /C calc"!A0', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];
    for (const [i, text] of formulas.entries()) {
      expect((await localPeople(h.app).reply(`U_CSV_${i}`, 'general', thread, text)).outcome).toBe('stored');
    }
    const mdHostile = 'intro\n# Fake heading\n---\n* list [link](http://evil) `code` <b>html</b> | table |\rlone-CR line\r- injected item';
    expect((await localPeople(h.app).reply('U_MD', 'general', thread, mdHostile)).outcome).toBe('stored');

    const csv = await (await fetch(`${h.app.url}/v1/export?format=csv`)).text();
    const [head, ...rows] = parseCsv(csv.replace(/^[^\r\n]*\r\n/, (l) => l.trimEnd().split(',').map((c) => `"${c}"`).join(',') + '\r\n'));
    const userCol = head!.indexOf('user');
    const textCol = head!.indexOf('text');
    formulas.forEach((text, i) => {
      const row = rows.find((r) => r[userCol] === `U_CSV_${i}`);
      // Neutralised with a leading quote; the rest is the text exactly.
      expect(row?.[textCol]).toBe(`'${text}`);
    });
    for (const r of rows) expect(r[textCol]).not.toMatch(/^[=+\-@\t\r]/);

    const md = await (await fetch(`${h.app.url}/v1/export?format=md`)).text();
    const lines = md.split(/\r\n|\r|\n/);
    const start = lines.findIndex((l) => l.startsWith('> intro'));
    // The report: the quote, one blank line, then who wrote it.
    const end = lines.findIndex((l, i) => i > start && l.startsWith('— ')) - 1;
    expect(start).toBeGreaterThanOrEqual(0);
    expect(lines[end]).toBe('');
    // Every line of the reply stays inside its quote, whatever line ending it used.
    for (const l of lines.slice(start, end)) expect(l.startsWith('> ')).toBe(true);
    const quoted = lines.slice(start, end).join('\n');
    expect(quoted).toContain('\\# Fake heading');
    expect(quoted).toContain('\\<b\\>html\\</b\\>');
    expect(quoted).toContain('\\[link\\]');
    expect(quoted).not.toMatch(/(^|[^\\])<b>/);
  });

  // What the browser does with hostile text (shown as text, nothing injected) is tested in a real
  // browser by tests/browser/page.test.ts; here, what the server promises about the page.
  test('the page forbids inline script by CSP and the API serves hostile text as JSON, never HTML', async () => {
    const res = await fetch(`${h.app.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const posted = await postJson(`${h.app.url}/v1/replies`, { channel: 'general', thread, text: evil });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    const api = await fetch(`${h.app.url}/v1/export?format=json`);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await api.json()) as { posts: { replies: { id: string; text: string }[] }[] };
    expect(body.posts.flatMap((p) => p.replies).find((r) => r.id === id)?.text).toBe(evil);
  });
});
