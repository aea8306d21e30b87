// The page's only door to the server: same-origin JSON under /v1. Access rides on the cookie the
// server set when the page was opened with ?token= (never kept in the page's script).
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** GET `path` (or POST `body` as JSON) and return the JSON answer as `T`; a non-2xx answer throws ApiError. */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const json: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error = typeof json === 'object' && json !== null && 'error' in json && typeof json.error === 'string' ? json.error : '';
    throw new ApiError(error || `${res.status} ${res.statusText}`, res.status);
  }
  return json as T;
}

/** The message of anything thrown, for a line on the page. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The sandbox platform's name (its channels are the ones the page writes in), as the server put it in the page's head. */
export const SANDBOX = document.querySelector('meta[name="wolbot-sandbox"]')?.getAttribute('content') ?? '';
