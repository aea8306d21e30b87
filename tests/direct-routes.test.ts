/**
 * Direct routes: a platform's hot route (Slack's Events API) is served by the HTTP server before
 * express; the platform hands it over beside its router.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSlackAdapter } from '../adapters/slack/index';
import { silentLogger, systemClock } from '../src/core/ports';
import type { DirectRoute } from '../src/core/ports/platform-descriptor';
import { directFirst } from '../src/http/direct-routes';
import { RecordingInbound } from './helpers/recording-inbound';


describe('direct routes', () => {
  test('the Slack platform hands over its events path in HTTP mode, and none in Socket Mode', async () => {
    const installations = { saveInstallation: async () => undefined, getInstallation: async () => null, deleteInstallation: async () => undefined };
    const base = { inbound: new RecordingInbound(), logger: silentLogger, clock: systemClock, installations };
    const http = createSlackAdapter({ ...base, settings: { mode: 'http', signingSecret: 's', botToken: 'xoxb-1', maxPostsPerSecond: 1 } });
    expect(http.directRoutes.map((r) => [r.method, r.path])).toEqual([['POST', '/slack/events']]);
    const socket = createSlackAdapter({ ...base, settings: { mode: 'socket', appToken: 'xapp-1', botToken: 'xoxb-1', maxPostsPerSecond: 1 } });
    expect(socket.directRoutes).toEqual([]);
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
