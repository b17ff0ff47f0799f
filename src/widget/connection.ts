import { newClientId, type WidgetApi, type WidgetMessage } from "./api.ts";
import { load, save } from "./storage.ts";

export interface PendingMessage {
  clientId: string;
  text: string;
  createdAt: string;
}

export interface ConnectionHandlers {
  /** Connected (again): time to catch up on what was missed. */
  onOpen(hello: { conversationId: string | null; agentsAvailable: boolean }): void;
  onClose(): void;
  onMessage(message: WidgetMessage): void;
  onStored(clientId: string, message: WidgetMessage | null): void;
  onTyping(typing: boolean, name: string | null): void;
  onAvailability(agentsAvailable: boolean): void;
  /** The session is gone (deleted, or another site's token): start a new one. */
  onRejected(code: number): void;
}

const MAX_BACKOFF_MS = 15_000;

/**
 * The visitor's live connection. Messages wait in an outbox kept in localStorage until the
 * server says they are stored; every (re)connection sends the outbox again, and the server
 * stores each message once (its id is ours). Reconnects with exponential backoff and jitter.
 */
export class Connection {
  #socket: WebSocket | null = null;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #outbox: PendingMessage[];

  constructor(
    private readonly api: WidgetApi,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.#outbox = load<PendingMessage[]>(api.channelId, "outbox", []);
  }

  get pending(): readonly PendingMessage[] {
    return this.#outbox;
  }

  get open(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.close();
  }

  send(text: string): PendingMessage {
    const pending = { clientId: newClientId(), text, createdAt: new Date().toISOString() };
    this.#outbox.push(pending);
    save(this.api.channelId, "outbox", this.#outbox);
    this.#frame({ type: "message", clientId: pending.clientId, text });
    return pending;
  }

  typing(): void {
    this.#frame({ type: "typing" });
  }

  ack(ids: string[], status: "delivered" | "read"): void {
    if (ids.length > 0) this.#frame({ type: "ack", ids, status });
  }

  #frame(frame: unknown): boolean {
    if (!this.open) return false;
    this.#socket?.send(JSON.stringify(frame));
    return true;
  }

  #connect(): void {
    if (this.#stopped) return;
    const socket = new WebSocket(this.api.liveUrl());
    this.#socket = socket;
    socket.onmessage = (event) => this.#receive(String(event.data));
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.handlers.onClose();
      if (event.code === 4401 || event.code === 4403 || event.code === 4404) {
        this.handlers.onRejected(event.code);
        return;
      }
      this.#retry();
    };
  }

  #retry(): void {
    if (this.#stopped) return;
    const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.#attempt);
    const delay = base * (0.8 + Math.random() * 0.4);
    this.#attempt += 1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#connect(), delay);
  }

  #receive(raw: string): void {
    let frame: { type: string; [key: string]: unknown };
    try {
      frame = JSON.parse(raw);
    } catch {
      return;
    }
    switch (frame.type) {
      case "hello":
        this.#attempt = 0;
        for (const pending of this.#outbox) {
          this.#frame({ type: "message", clientId: pending.clientId, text: pending.text });
        }
        this.handlers.onOpen({
          conversationId: (frame.conversationId as string | null) ?? null,
          agentsAvailable: Boolean(frame.agentsAvailable),
        });
        return;
      case "stored": {
        const clientId = String(frame.clientId);
        this.#outbox = this.#outbox.filter((pending) => pending.clientId !== clientId);
        save(this.api.channelId, "outbox", this.#outbox);
        this.handlers.onStored(clientId, (frame.message as WidgetMessage | null) ?? null);
        return;
      }
      case "message":
        this.handlers.onMessage(frame.message as WidgetMessage);
        return;
      case "typing":
        this.handlers.onTyping(Boolean(frame.typing), (frame.name as string | null) ?? null);
        return;
      case "availability":
        this.handlers.onAvailability(Boolean(frame.agentsAvailable));
        return;
      default:
        return;
    }
  }
}
