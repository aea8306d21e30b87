/**
 * Type test, compiled by `tsc -p tsconfig.json` (`npm run lint`, part of `npm test`): a platform's
 * HTTP parts are typed with Node's request and response, so a wrong router does not compile.
 * Each `@ts-expect-error` fails the build if the line under it ever compiles.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response } from 'express';
import type { DirectRoute, PlatformParts } from '../../src/core/ports/platform-descriptor';

declare const adapter: PlatformParts['adapter'];

// What the platforms hand over today compiles: an express Router, a plain Node handler.
export const good: PlatformParts[] = [
  { adapter, router: express.Router() },
  { adapter, router: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => (req.url ? res.end() : next()) },
  { adapter, directRoutes: [{ method: 'POST', path: '/hook', handle: (_req: IncomingMessage, res: ServerResponse) => res.end() }] },
];

export const wrongRouters: PlatformParts[] = [
  // @ts-expect-error a handler of something else than a request (a Koa-style context)
  { adapter, router: (ctx: { body: string }) => void ctx.body },
  // @ts-expect-error request and response swapped
  { adapter, router: (res: ServerResponse, req: IncomingMessage) => void res.end(req.url) },
  // @ts-expect-error not a handler at all
  { adapter, router: '/slack/events' },
];

// A direct route is served before any middleware: it gets Node's request only, so an express handler does not fit.
// @ts-expect-error express's Request has more than a direct route receives
export const wrongDirect: DirectRoute = { method: 'POST', path: '/hook', handle: (req: Request, res: Response) => void res.json(req.body) };
