import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Caps the sockets the server keeps open without refusing new ones: past `cap`, the oldest socket
 * that is not serving a request (a client that connected and sent nothing, or an idle keep-alive)
 * is closed to make room. Node's own `maxConnections` refuses the newest instead, so 1,024 idle
 * sockets shut everyone out — /healthz too. Sockets busy with a request are bounded by the
 * request timeout; past `hardCap` of them a new connection is refused.
 */
export function capIdleConnections(server: Server, cap: number, hardCap = cap * 2): void {
  // Insertion order = age: the first idle socket is the oldest.
  const idle = new Set<Socket>();
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => {
      open--;
      idle.delete(socket);
    });
    if (open > cap) {
      const oldest = idle.values().next().value;
      if (oldest) {
        idle.delete(oldest);
        oldest.destroy();
      } else if (open > hardCap) return void socket.destroy();
    }
    idle.add(socket);
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    idle.delete(socket);
    res.once('finish', () => {
      if (!socket.destroyed) idle.add(socket);
    });
  });
}
