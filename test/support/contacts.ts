import { nextConversationNumber } from "../../src/server/models/conversations.ts";
import type { Services } from "../../src/server/services.ts";
import type { IdentityKind } from "../../src/shared/enums.ts";

export interface ContactSeed {
  name?: string | null;
  email?: string | null;
  locale?: string | null;
  notes?: string | null;
  identities?: Array<{ kind: IdentityKind; value: string; handle?: string }>;
  conversations?: number;
}

/** A contact with identities and conversations (one inbound message each), straight in the database. */
export async function seedContact(services: Services, accountId: string, seed: ContactSeed) {
  return services.db.transaction().execute(async (trx) => {
    const contact = await trx
      .insertInto("contacts")
      .values({
        account_id: accountId,
        name: seed.name ?? null,
        email: seed.email ?? null,
        locale: seed.locale ?? null,
        notes: seed.notes ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const identity of seed.identities ?? []) {
      await trx
        .insertInto("identities")
        .values({ account_id: accountId, contact_id: contact.id, ...identity })
        .execute();
    }
    const conversationIds: string[] = [];
    for (let index = 0; index < (seed.conversations ?? 0); index += 1) {
      const conversation = await trx
        .insertInto("conversations")
        .values({
          account_id: accountId,
          number: await nextConversationNumber(trx, accountId),
          contact_id: contact.id,
          subject: `${seed.name ?? "?"} #${index}`,
          last_message_at: new Date(Date.UTC(2026, 0, 10 + index)),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("messages")
        .values({
          account_id: accountId,
          conversation_id: conversation.id,
          direction: "in",
          author_contact_id: contact.id,
          text: "Bonjour",
        })
        .execute();
      conversationIds.push(conversation.id);
    }
    return { id: contact.id, conversationIds };
  });
}
