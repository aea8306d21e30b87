/**
 * Direct routes: a platform's hot route (Slack's Events API) is served by the HTTP server before
 * express; the server finds it marked on a handler inside the platform's express Router.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { WolReceiver } from '../adapters/slack/receiver';
import { silentLogger } from '../src/core/ports/logger';
import { DIRECT_ROUTE, type DirectRoute } from '../src/core/ports/platform-descriptor';
import { directFirst, directRoutesOf } from '../src/http/direct-routes';

const handlers = { onEvent: async () => undefined, onCommand: async () => ({}), firstTime: async () => true };

describe('direct routes', () => {
  test('the Slack receiver marks its events path; it is found inside nested express Routers, and nothing else is', () => {
    const receiver = new WolReceiver({ signingSecret: 's', handlers, log: silentLogger });
    const inner = express.Router().use(receiver.router);
    const outer = express.Router().get('/other', (_req, res) => void res.end()).use(inner);
    const found = directRoutesOf(outer);
    expect(found.map((r) => [r.method, r.path])).toEqual([['POST', '/slack/events']]);
    expect(found[0]).toBe(receiver.router[DIRECT_ROUTE]);
    expect(directRoutesOf(express.Router().use((_req, _res, next) => next()))).toEqual([]);
  });

  test('the server hands the exact method and path (any query) to the route, everything else to the app', async () => {
    const seen: string[] = [];
    const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push(`direct ${req.method} ${req.url}`);
      res.end();
    };
    const route: DirectRoute = { method: 'POST', path: '/hot', handle };
    const app = express().use((req, res) => {
      seen.push(`app ${req.method} ${req.url}`);
      res.end();
    });
    const server = http.createServer(directFirst(app, [route]));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const [method, path] of [['POST', '/hot'], ['POST', '/hot?x=1'], ['GET', '/hot'], ['POST', '/hot/more'], ['POST', '/other']]) await (await fetch(`${url}${path}`, { method })).text();
    } finally {
      server.close();
    }
    expect(seen).toEqual(['direct POST /hot', 'direct POST /hot?x=1', 'app GET /hot', 'app POST /hot/more', 'app POST /other']);
  });
});
