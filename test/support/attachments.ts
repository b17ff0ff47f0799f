import type { Services } from "../../src/server/services.ts";
import { createAccount, createApiChannel } from "./factories.ts";
import { apiClient, postSignedHook } from "./http.ts";

/** Test helpers for the attachments API: a conversation to reply in, an attachment's row. */

interface Relais {
  url: string;
  services: Services;
}

/** An account whose customer wrote on an API channel, and that conversation. */
export async function customerConversation(relais: Relais, outboundUrl?: string) {
  const seed = await createAccount(relais.services);
  const { channel, secret } = await createApiChannel(relais.services, seed.account.id, {
    outboundUrl,
  });
  await postSignedHook(relais.url, channel.id, secret, {
    message: { id: `m-${crypto.randomUUID()}`, text: "Pouvez-vous m'envoyer l'étiquette ?" },
    contact: { id: `c-${crypto.randomUUID()}`, name: "Inès Garnier" },
  });
  const api = apiClient(relais.url, seed.token);
  const [conversation] = (await api.get("/api/v1/conversations")).body.data;
  return { ...seed, api, conversation, channel };
}

export function attachmentRow(relais: Relais, id: string) {
  return relais.services.db
    .selectFrom("attachments")
    .select(["account_id", "message_id", "uploaded_by", "size", "content"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function messageCount(relais: Relais, accountId: string): Promise<number> {
  const row = await relais.services.db
    .selectFrom("messages")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
