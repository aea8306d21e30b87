/**
 * A small fake of Slack's Socket Mode WebSocket server on 127.0.0.1 for tests. The fake Web API's
 * `apps.connections.open` hands out `url`; on connect the server sends `hello`, then whatever
 * envelopes the test sends (`events_api`, `slash_commands`), and records the client's acks
 * (`{envelope_id, payload}`) in arrival order.
 *
 * `ws` is not a declared dependency of ours: it is installed (hoisted) for botbuilder's streaming
 * package; a test-only import is fine.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  readonly acks: SocketAck[] = [];
  /** Number of WebSocket connections opened by clients so far. */
  connections = 0;
  url = '';
  /** Called synchronously when an ack arrives, before anyone awaiting it is resumed. */
  onAck?: (ack: SocketAck) => void;
  private http?: http.Server;
  private wss?: WebSocket.Server;
  private client?: WebSocket;
  private seq = 0;
  private ackWaiters: { id: string; resolve: (a: SocketAck) => void }[] = [];
  private connectWaiters: (() => void)[] = [];

  async start(): Promise<this> {
    this.http = http.createServer((_req, res) => {
      res.writeHead(426);
      res.end();
    });
    this.wss = new WebSocket.Server({ server: this.http });
    this.wss.on('connection', (ws) => {
      this.connections++;
      this.client = ws;
      ws.on('close', () => {
        if (this.client === ws) this.client = undefined;
      });
      ws.on('message', (data) => this.onMessage(Buffer.isBuffer(data) ? data.toString('utf8') : String(data as string)));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-socket', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0APP' } }));
      for (const w of this.connectWaiters.splice(0)) w();
    });
    await new Promise<void>((r) => this.http!.listen(0, '127.0.0.1', r));
    const { port } = this.http.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}/link/?ticket=fake-ticket&app_id=A0APP`;
    return this;
  }

  get port(): number {
    return (this.http!.address() as AddressInfo).port;
  }

  /** Resolves once a client is connected (it has been sent `hello`). */
  connected(): Promise<void> {
    if (this.client && this.client.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((r) => this.connectWaiters.push(r));
  }

  /** Cut the connection as a network drop would (the client reconnects on its own). */
  drop(): void {
    this.client?.terminate();
  }

  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
    if (this.http) {
      this.http.closeAllConnections();
      await new Promise<void>((r) => this.http!.close(() => r()));
    }
  }

  /** Send an `events_api` envelope around an event_callback body; returns its envelope id. */
  sendEvent(payload: Record<string, unknown>, opts: { retryAttempt?: number; retryReason?: string; envelopeId?: string } = {}): string {
    return this.send({
      type: 'events_api',
      payload,
      accepts_response_payload: false,
      retry_attempt: opts.retryAttempt ?? 0,
      retry_reason: opts.retryReason ?? '',
    }, opts.envelopeId);
  }

  /** Send a `slash_commands` envelope (the payload is the slash command's fields). */
  sendCommand(form: Record<string, string>, opts: { envelopeId?: string } = {}): string {
    return this.send({ type: 'slash_commands', payload: form, accepts_response_payload: true }, opts.envelopeId);
  }

  /** Resolves with the ack of this envelope (at once if it already came). */
  ackOf(envelopeId: string): Promise<SocketAck> {
    const hit = this.acks.find((a) => a.envelope_id === envelopeId);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => this.ackWaiters.push({ id: envelopeId, resolve }));
  }

  /**
   * Round trip of an envelope the app stores nothing for (`app_home_opened`): resolves once it is
   * acked. When the client drops the connection meanwhile (its pong timeout fires after the event
   * loop was blocked, e.g. by SQLite's busy wait), waits for the reconnect and tries again.
   */
  async probe(): Promise<string> {
    for (let i = 0; i < 5; i++) {
      await this.connected();
      const ws = this.client!;
      const closed = new Promise<'closed'>((r) => ws.once('close', () => r('closed')));
      const id = this.sendEvent({
        type: 'event_callback',
        team_id: 'T0TEAM',
        api_app_id: 'A0APP',
        event_id: `EvPROBE${++this.seq}`,
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_home_opened', user: 'U0PROBE', channel: 'D0PROBE', tab: 'home' },
      });
      if ((await Promise.race([this.ackOf(id).then(() => 'acked' as const), closed])) === 'acked') return id;
    }
    throw new Error('the Socket Mode client kept dropping the connection');
  }

  acked(envelopeId: string): boolean {
    return this.acks.some((a) => a.envelope_id === envelopeId);
  }

  private send(envelope: Record<string, unknown>, envelopeId?: string): string {
    if (!this.client || this.client.readyState !== WebSocket.OPEN) throw new Error('no Socket Mode client connected');
    const id = envelopeId ?? `env-${++this.seq}-${Date.now().toString(36)}`;
    this.client.send(JSON.stringify({ envelope_id: id, ...envelope }));
    return id;
  }

  private onMessage(raw: string): void {
    let msg: any;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (!msg || typeof msg.envelope_id !== 'string') return;
    const ack: SocketAck = { envelope_id: msg.envelope_id, payload: msg.payload };
    this.onAck?.(ack);
    this.acks.push(ack);
    for (const w of this.ackWaiters.filter((x) => x.id === ack.envelope_id)) {
      this.ackWaiters.splice(this.ackWaiters.indexOf(w), 1);
      w.resolve(ack);
    }
  }
}
