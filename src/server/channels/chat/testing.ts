import { createHash } from "node:crypto";
import { openLiveSocket, visitorSocketUrl } from "../../routes/widget/testing.ts";
import type { Services } from "../../services.ts";

/** Test helpers for the chat channel's tests: a visitor's session row, their words, their identities. */

interface Relais {
  url: string;
  services: Services;
}

/** The stored session of a visitor's token (only its hash is kept). */
export function chatSessionRow(relais: Relais, token: string) {
  return relais.services.db
    .selectFrom("chat_sessions")
    .selectAll()
    .where("token_hash", "=", tokenHash(token))
    .executeTakeFirstOrThrow();
}

/** The identities of a session's contact, by kind. */
export function contactIdentities(relais: Relais, contactId: string | null) {
  if (!contactId) throw new Error("the session has no contact");
  return relais.services.db
    .selectFrom("identities")
    .select(["kind", "value", "verified"])
    .where("contact_id", "=", contactId)
    .orderBy("kind")
    .execute();
}

/** The visitor writes one message over the live socket; the stored copy's conversation. */
export async function visitorSays(
  relais: Relais,
  channelId: string,
  visitorToken: string,
  clientId: string,
  text: string,
): Promise<string> {
  const socket = await openLiveSocket(visitorSocketUrl(relais.url, channelId, visitorToken), {
    origin: "https://shop.example",
  });
  await socket.next((frame) => frame.type === "hello");
  socket.send({ type: "message", clientId, text });
  const stored = await socket.next((frame) => frame.type === "stored");
  socket.close();
  await socket.closed;
  return stored.message.conversationId as string;
}

function tokenHash(token: string): string {
  const secret = /^rcw_[0-9a-f]{32}_(.+)$/.exec(token)?.[1] ?? "";
  return createHash("sha256").update(secret).digest("hex");
}
