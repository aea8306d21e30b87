import type { ConnectorClientOptions } from 'botframework-connector';

/**
 * The HTTP client our connector clients send with, given to botbuilder through its public
 * `connectorClientOptions.httpClient`. Why our own: the Azure pipeline under the connector retries
 * 408/429/5xx answers and some network errors up to 3 times on its own, which could create a prompt
 * thread twice behind the ledger's back. Its retry policy retries only errors that are RestErrors
 * (or carry a system error code), so this client answers every failing status with a plain
 * `ConnectorHttpError` — the pipeline passes it straight up, once, and the ledger decides.
 * tests/teams-outbound.test.ts checks that each failing answer is one request.
 */
type HttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type WebResource = Parameters<HttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<HttpClient['sendRequest']>>;
type HeadersLike = CompatResponse['headers'];

/** An answer of 400 or more, shaped as `toDeliveryError` reads it (statusCode, response.headers). */
export class ConnectorHttpError extends Error {
  override readonly name = 'ConnectorHttpError'; // never 'RestError': that would be retried
  constructor(
    readonly statusCode: number,
    readonly response: { request: { method: string; url: string; headers: HeaderBag }; status: number; headers: HeaderBag; bodyAsText: string },
    what: string,
  ) {
    super(`${what}: HTTP ${statusCode} ${response.bodyAsText.slice(0, 200)}`);
  }
}

class HeaderBag implements HeadersLike {
  private readonly map = new Map<string, { name: string; value: string }>();
  constructor(raw: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(raw)) this.set(k, v);
  }
  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): Record<string, string> {
    return this.toJson();
  }
  headersArray(): { name: string; value: string }[] {
    return [...this.map.values()].map((h) => ({ ...h }));
  }
  headerNames(): string[] {
    return [...this.map.values()].map((h) => h.name);
  }
  headerValues(): string[] {
    return [...this.map.values()].map((h) => h.value);
  }
  clone(): HeaderBag {
    return new HeaderBag(this.toJson({ preserveCase: true }));
  }
  /** The newer pipeline's spelling: an error's response is read by both pipelines. */
  toJSON(options: { preserveCase?: boolean } = {}): Record<string, string> {
    return this.toJson(options);
  }
  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    return Object.fromEntries([...this.map.entries()].map(([k, h]) => [options.preserveCase ? h.name : k, h.value]));
  }
}

function bodyOf(req: WebResource): string | undefined {
  const b: unknown = req.body;
  if (b === undefined || b === null) return undefined;
  return typeof b === 'string' ? b : JSON.stringify(b);
}

/**
 * fetch hides the socket's error code in `cause` ("fetch failed"); bring it up where
 * `toDeliveryError` looks, so a connection that never opened counts as nothing sent.
 */
function networkError(err: unknown): unknown {
  // Duck-typed: fetch's errors come from Node's own realm, where `instanceof` may not hold.
  const e = err as { name?: unknown; message?: unknown; cause?: { code?: string; message?: string } };
  if (e?.name !== 'TypeError' || typeof e.cause !== 'object' || e.cause === null) return err; // timeouts and aborts stay as they are
  const cause = e.cause;
  const code = cause.code ?? (/bad port/i.test(String(cause.message)) ? 'ERR_BAD_PORT' : undefined);
  return Object.assign(new Error(`${String(e.message)}: ${String(cause.message)}`, { cause }), { code });
}

/** One request per call, over Node's fetch; the request's own timeout and abort signal apply. */
export const noRetryHttpClient: HttpClient = {
  async sendRequest(req: WebResource): Promise<CompatResponse> {
    const signals: AbortSignal[] = [];
    if (req.abortSignal) signals.push(req.abortSignal as AbortSignal);
    if (req.timeout) signals.push(AbortSignal.timeout(req.timeout));
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers.toJson({ preserveCase: true }),
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : bodyOf(req),
      signal: signals.length ? AbortSignal.any(signals) : undefined,
    }).catch((err: unknown) => {
      throw networkError(err);
    });
    const headers = new HeaderBag();
    res.headers.forEach((value, name) => headers.set(name, value));
    const bodyAsText = await res.text();
    if (res.status >= 400) throw new ConnectorHttpError(res.status, { request: { method: req.method, url: req.url, headers: new HeaderBag(req.headers.toJson({ preserveCase: true })) }, status: res.status, headers, bodyAsText }, `${req.method} ${new URL(req.url).pathname}`);
    return { request: req, status: res.status, headers, bodyAsText };
  },
};
