import type { StoreContext } from './context';

/**
 * A role port as this folder implements it: each method a query function taking the store's
 * context first (`getChannel(ctx, platform, channelId)`), one file a role, checked against the port.
 */
export type RoleQueries<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => infer T ? (ctx: StoreContext, ...args: A) => T : never;
};

type Query = (ctx: StoreContext, ...args: never[]) => unknown;

/** The role as its port has it: every query with the context bound (bind, so no wrapper runs per call). */
export function bindRole<R>(ctx: StoreContext, queries: RoleQueries<R>): R {
  const bound: Record<string, unknown> = {};
  for (const [name, query] of Object.entries<Query>(queries)) bound[name] = query.bind(undefined, ctx);
  // TypeScript cannot follow a loop filling a mapped type key by key: every key of `queries` (a
  // RoleQueries<R>, so every method of R) was bound above, which is what makes this an R.
  return bound as R;
}
