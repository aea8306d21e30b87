// The page's only door to the server: same-origin JSON under /v1. Access rides on the cookie the
// server set when the page was opened with ?token= (never kept in the page's script).
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export async function api(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(json.error || `${res.status} ${res.statusText}`, res.status);
  return json;
}

/** The sandbox platform's name (its channels are the ones the page writes in), as the server put it in the page's head. */
export const SANDBOX = document.querySelector('meta[name="wolbot-sandbox"]')?.getAttribute('content') ?? '';
