import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { LiveEvent } from "../shared/events.ts";
import { queryKeys } from "./hooks/api/keys.ts";

export type LiveStatus = "connecting" | "open" | "reconnecting" | "closed";
type EventListener = (event: LiveEvent) => void;
type StatusListener = (status: LiveStatus) => void;

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const PING_EVERY_MS = 20_000;
const SILENCE_LIMIT_MS = 50_000;
const FLUSH_AFTER_MS = 120;

/** The queries an event makes stale: events carry ids only, so the app refetches what it shows. */
export function staleKeys(event: LiveEvent): QueryKey[] {
  const { payload } = event;
  const conversation = payload.conversationId
    ? [queryKeys.conversation(payload.conversationId)]
    : [];
  const changes = payload.changes ?? [];
  // Callbacks and calls change with their conversation ("callback", "call" changes).
  const calls =
    changes.includes("callback") || changes.includes("call")
      ? [queryKeys.callbacks, queryKeys.calls, ["callback-slots"]]
      : [];
  switch (event.name) {
    case "conversation.created":
    case "conversation.updated":
    case "message.created":
    case "message.updated":
      return [
        queryKeys.conversations,
        ...conversation,
        queryKeys.contacts,
        queryKeys.teamAssignments,
        ...calls,
      ];
    case "contact.merged":
      return [queryKeys.conversations, queryKeys.contacts, ["conversation"]];
    case "contact.created":
    case "contact.updated":
      return [
        queryKeys.conversations,
        payload.contactId ? queryKeys.contact(payload.contactId) : queryKeys.contacts,
        ["conversation"],
      ];
    case "channel.created":
    case "channel.updated":
    case "channel.deleted":
      return [queryKeys.channels];
    case "user.created":
    case "user.updated":
      return [queryKeys.users, queryKeys.session, queryKeys.teamAssignments];
    case "team.created":
    case "team.updated":
    case "team.deleted":
      return [queryKeys.teams, queryKeys.users, queryKeys.teamAssignments];
    case "email_quarantine.created":
    case "email_quarantine.updated":
      // An assigned mail opened or continued a conversation.
      return [queryKeys.emailQuarantine, queryKeys.conversations, ...conversation];
    case "notification.created":
      // The toast is shown by its listener; the bell's list and count refetch.
      return [queryKeys.notifications];
    case "sla.warning":
    case "sla.breached":
      return [queryKeys.conversations, ...conversation];
    case "promise.created":
    case "promise.updated":
      return [["promises"], queryKeys.conversations, ...conversation];
    case "idea.created":
    case "idea.updated":
    case "idea.deleted":
      return [["ideas"]];
    case "story.created":
    case "story.published":
    case "story.deleted":
      return [["stories"]];
    default:
      // Events that change nothing the app caches (typing) are for listeners.
      return [];
  }
}

/**
 * The WebSocket to /api/v1/live: reconnects with backoff, refetches everything after a gap
 * (events may have been missed), and invalidates the queries each event touches.
 */
export class LiveClient {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastHeard = 0;
  private stopped = true;
  private pending = new Map<string, QueryKey>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly statusListeners = new Set<StatusListener>();
  status: LiveStatus = "closed";

  constructor(
    private readonly queryClient: QueryClient,
    private readonly onUnauthorized: () => void,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    document.addEventListener("visibilitychange", this.onVisible);
    window.addEventListener("online", this.onVisible);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    document.removeEventListener("visibilitychange", this.onVisible);
    window.removeEventListener("online", this.onVisible);
    this.clearTimers();
    this.socket?.close(1000, "bye");
    this.socket = null;
    this.setStatus("closed");
  }

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private readonly onVisible = () => {
    if (document.visibilityState !== "visible" || this.stopped) return;
    if (!this.socket || this.socket.readyState === WebSocket.CLOSED) {
      this.attempts = 0;
      this.connect();
    }
  };

  private connect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${protocol}//${window.location.host}/api/v1/live`);
    this.socket = socket;
    this.setStatus(this.attempts === 0 && this.status === "closed" ? "connecting" : "reconnecting");
    socket.onopen = () => {
      this.lastHeard = Date.now();
      this.pingTimer = setInterval(() => this.ping(), PING_EVERY_MS);
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.clearTimers();
      this.socket = null;
      if (this.stopped) return;
      if (close.code === 4401) {
        this.setStatus("closed");
        this.onUnauthorized();
        return;
      }
      this.scheduleReconnect();
    };
  }

  private receive(raw: unknown): void {
    this.lastHeard = Date.now();
    if (typeof raw !== "string") return;
    let message: { type?: string; event?: LiveEvent };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.type === "hello") {
      const wasReconnect = this.attempts > 0 || this.status === "reconnecting";
      this.attempts = 0;
      this.setStatus("open");
      // Whatever happened while we were away is unknown: refetch what is shown.
      if (wasReconnect) void this.queryClient.invalidateQueries();
      return;
    }
    if (message.type !== "event" || !message.event) return;
    const event = message.event;
    for (const key of staleKeys(event)) this.pending.set(JSON.stringify(key), key);
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
    for (const listener of this.eventListeners) listener(event);
  }

  private flush(): void {
    this.flushTimer = null;
    const keys = [...this.pending.values()];
    this.pending.clear();
    for (const queryKey of keys) void this.queryClient.invalidateQueries({ queryKey });
  }

  private ping(): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
      this.socket.close(4000, "silent");
      return;
    }
    this.socket.send("ping");
  }

  private scheduleReconnect(): void {
    this.attempts += 1;
    this.setStatus("reconnecting");
    const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** (this.attempts - 1));
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private clearTimers(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.pingTimer = null;
    this.retryTimer = null;
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
