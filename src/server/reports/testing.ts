import { randomUUID } from "node:crypto";
import type { Services } from "../services.ts";

export interface SeedMessage {
  direction: "in" | "out" | "note";
  at: string;
  /** Outbound only: when it left (null: still queued). Defaults to `at`. */
  sentAt?: string | null;
  text?: string;
}

export interface SeedConversation {
  channelId?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  category?: string;
  sentiment?: "negative" | "neutral" | "positive";
  resolvedAt?: string;
  messages: SeedMessage[];
}

/** Inserts conversations with messages at exact times (for reports computed by hand). */
export async function seedConversations(
  services: Services,
  accountId: string,
  conversations: ReadonlyArray<SeedConversation>,
): Promise<string[]> {
  const contact = await services.db
    .insertInto("contacts")
    .values({ account_id: accountId, name: "Camille Martin", email: "camille@example.test" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const seed of conversations) {
    const { conversation_seq: number } = await services.db
      .updateTable("accounts")
      .set((eb) => ({ conversation_seq: eb("conversation_seq", "+", 1) }))
      .where("id", "=", accountId)
      .returning("conversation_seq")
      .executeTakeFirstOrThrow();
    const id = randomUUID();
    const first = seed.messages[0]?.at ?? new Date().toISOString();
    await services.db
      .insertInto("conversations")
      .values({
        account_id: accountId,
        id,
        number,
        contact_id: contact.id,
        channel_id: seed.channelId ?? null,
        team_id: seed.teamId ?? null,
        assignee_id: seed.assigneeId ?? null,
        category: seed.category ?? null,
        sentiment: seed.sentiment ?? null,
        status: seed.resolvedAt ? "resolved" : "open",
        resolved_at: seed.resolvedAt ?? null,
        created_at: new Date(first),
      })
      .execute();
    for (const message of seed.messages) {
      const sentAt = message.sentAt === undefined ? message.at : message.sentAt;
      await services.db
        .insertInto("messages")
        .values({
          account_id: accountId,
          conversation_id: id,
          channel_id: seed.channelId ?? null,
          direction: message.direction,
          author_contact_id: message.direction === "in" ? contact.id : null,
          text: message.text ?? `${message.direction} at ${message.at}`,
          created_at: message.at,
          sent_at: message.direction === "out" ? sentAt : null,
          delivery_status: message.direction === "out" ? (sentAt ? "sent" : "queued") : null,
        })
        .execute();
    }
    ids.push(id);
  }
  return ids;
}
