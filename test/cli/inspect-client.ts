/**
 * A minimal client of the V8 inspector protocol for tests: a WebSocket (RFC 6455, text frames
 * only) opened with a `node:http` upgrade, since Node 20 has no WebSocket client without a flag.
 */
import { request } from "node:http";
import { randomBytes } from "node:crypto";
import type { Socket } from "node:net";

/** A protocol event (`Debugger.paused`, …). */
export interface InspectorEvent {
  method: string;
  params: Record<string, unknown>;
}

interface Waiter {
  method: string;
  resolve(e: InspectorEvent): void;
}

export class InspectorClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Every event received, in order (tests read `scriptParsed` from here). */
  readonly events: InspectorEvent[] = [];
  private readonly unread: InspectorEvent[] = [];
  private readonly waiters: Waiter[] = [];
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("close", () => {
      for (const p of this.pending.values()) p.reject(new Error("inspector connection closed"));
      this.pending.clear();
    });
  }

  /** Connects to `ws://host:port/path`. */
  static connect(url: string): Promise<InspectorClient> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const req = request({
        host: u.hostname, port: u.port, path: u.pathname,
        headers: {
          Connection: "Upgrade", Upgrade: "websocket",
          "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
        },
      });
      req.on("upgrade", (_res, socket: Socket, head: Buffer) => {
        const client = new InspectorClient(socket);
        if (head.length > 0) client.receive(head);
        resolve(client);
      });
      req.on("response", (res) => reject(new Error(`no WebSocket upgrade: HTTP ${res.statusCode}`)));
      req.on("error", reject);
      req.end();
    });
  }

  /** Sends a command and resolves to its result (rejects with the protocol's error). */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const payload = Buffer.from(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.write(frame(payload));
    });
  }

  /** The next event named `method` not yet consumed by an earlier call (waits for it). */
  next(method: string): Promise<InspectorEvent> {
    const i = this.unread.findIndex((e) => e.method === method);
    if (i >= 0) return Promise.resolve(this.unread.splice(i, 1)[0]!);
    return new Promise((resolve) => this.waiters.push({ method, resolve }));
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) return;
      let length = b[1]! & 0x7f;
      let at = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        at = 10;
      }
      if (b.length < at + length) return;
      const opcode = b[0]! & 0x0f;
      const fin = (b[0]! & 0x80) !== 0;
      const payload = b.subarray(at, at + length);
      this.buffer = b.subarray(at + length);
      if (opcode === 0x8) {
        this.socket.end();
        return;
      }
      if (opcode !== 0x1 && opcode !== 0x0) continue; // pings and binary frames: not used by the inspector
      this.fragments.push(payload);
      if (!fin) continue;
      const text = Buffer.concat(this.fragments).toString("utf8");
      this.fragments = [];
      this.message(JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown> });
    }
  }

  private message(m: { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown> }): void {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error.message));
      else p?.resolve(m.result);
      return;
    }
    if (m.method === undefined) return;
    const event = { method: m.method, params: m.params ?? {} };
    this.events.push(event);
    const w = this.waiters.findIndex((x) => x.method === event.method);
    if (w >= 0) this.waiters.splice(w, 1)[0]!.resolve(event);
    else this.unread.push(event);
  }
}

/** One masked text frame (a client must mask what it sends). */
function frame(payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x81, 0x80 | n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126 && n < 65536) {
    head[0] = 0x81;
    head[1] = 0x80 | 126;
    head.writeUInt16BE(n, 2);
  } else if (n >= 65536) {
    head[0] = 0x81;
    head[1] = 0x80 | 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  const body = Buffer.alloc(n);
  for (let i = 0; i < n; i++) body[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([head, mask, body]);
}
