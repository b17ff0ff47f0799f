import type { Kysely } from "kysely";
import type { LiveEvent } from "../../../shared/events.ts";
import type { AttachmentLinker } from "../../attachments/links.ts";
import type { ChatSession, DB } from "../../db/schema.ts";
import type { LiveHub } from "../../events/live.ts";
import type { Logger } from "../../logger.ts";
import { type WidgetMessage, widgetMessage } from "./messages.ts";

/** What the server pushes to a visitor's widget. */
export type VisitorPush =
  | { type: "message"; message: WidgetMessage }
  | { type: "typing"; typing: boolean; name: string | null };

export interface VisitorSocket {
  session: ChatSession;
  push(message: VisitorPush): void;
}

interface ConversationOwner {
  contactId: string;
  channelId: string | null;
}

const OWNER_CACHE_SIZE = 5000;

/**
 * Fans the account's live events out to visitors' widget sockets on this process: agents'
 * replies once sent (message.updated), the visitor's own messages from another tab
 * (message.created) and agents typing. It observes the live hub without subscribing to it (the
 * hub's subscribers are agents' sockets). Events come from every process through
 * LISTEN/NOTIFY, so a reply sent by a worker anywhere reaches the visitor here.
 */
export class WidgetHub {
  readonly #sockets = new Map<string, Set<VisitorSocket>>();
  readonly #owners = new Map<string, ConversationOwner>();
  readonly #names = new Map<string, string | null>();
  #unsubscribe?: () => void;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: Logger,
    private readonly links: AttachmentLinker,
  ) {}

  start(live: LiveHub): void {
    this.#unsubscribe = live.onEvent((event) => {
      if (!this.#sockets.has(event.accountId)) return;
      this.#dispatch(event).catch((error) =>
        this.log.warn({ err: error }, "widget event dispatch failed"),
      );
    });
  }

  stop(): void {
    this.#unsubscribe?.();
  }

  add(socket: VisitorSocket): () => void {
    const accountId = socket.session.account_id;
    const set = this.#sockets.get(accountId) ?? new Set();
    set.add(socket);
    this.#sockets.set(accountId, set);
    return () => {
      set.delete(socket);
      if (set.size === 0) this.#sockets.delete(accountId);
    };
  }

  async #dispatch(event: LiveEvent): Promise<void> {
    const { conversationId, messageId } = event.payload;
    if (!conversationId) return;
    const relevant =
      event.name === "message.created" ||
      (event.name === "message.updated" && event.payload.changes?.includes("delivery")) ||
      (event.name === "conversation.typing" && event.payload.userId);
    if (!relevant) return;
    const owner = await this.#owner(event.accountId, conversationId);
    if (!owner) return;
    const targets = [...(this.#sockets.get(event.accountId) ?? [])].filter(
      (socket) =>
        socket.session.contact_id === owner.contactId &&
        socket.session.channel_id === owner.channelId,
    );
    if (targets.length === 0) return;

    if (event.name === "conversation.typing") {
      const name = await this.#agentName(event.accountId, event.payload.userId ?? "");
      const typing = event.payload.changes?.includes("started") ?? false;
      for (const socket of targets) socket.push({ type: "typing", typing, name });
      return;
    }
    if (!messageId) return;
    // Visible only when the visitor may see it: their own, or an agent's reply once sent.
    const message = await widgetMessage(this.db, targets[0]!.session, messageId, this.links);
    if (!message) return;
    for (const socket of targets) socket.push({ type: "message", message });
  }

  async #owner(accountId: string, conversationId: string) {
    const cached = this.#owners.get(conversationId);
    if (cached) return cached;
    const row = await this.db
      .selectFrom("conversations")
      .select(["contact_id", "channel_id"])
      .where("account_id", "=", accountId)
      .where("id", "=", conversationId)
      .executeTakeFirst();
    if (!row) return null;
    const owner = { contactId: row.contact_id, channelId: row.channel_id };
    if (this.#owners.size >= OWNER_CACHE_SIZE) this.#owners.clear();
    this.#owners.set(conversationId, owner);
    return owner;
  }

  async #agentName(accountId: string, userId: string) {
    if (this.#names.has(userId)) return this.#names.get(userId) ?? null;
    const row = await this.db
      .selectFrom("users")
      .select("name")
      .where("account_id", "=", accountId)
      .where("id", "=", userId)
      .executeTakeFirst();
    const first = row?.name.split(" ")[0] ?? null;
    if (this.#names.size >= OWNER_CACHE_SIZE) this.#names.clear();
    this.#names.set(userId, first);
    return first;
  }
}
