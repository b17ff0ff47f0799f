import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { ConversationExtras } from "../presenters/conversation.ts";
import { openPromisesOf } from "./promises.ts";
import { listSlaClocks } from "./slaClocks.ts";

/** The SLA clocks and open promise of each given conversation, in two queries. */
export async function loadConversationExtras(
  db: Kysely<DB>,
  accountId: string,
  conversationIds: readonly string[],
): Promise<Map<string, ConversationExtras>> {
  const [clocks, promises] = await Promise.all([
    listSlaClocks(db, accountId, conversationIds),
    openPromisesOf(db, accountId, conversationIds),
  ]);
  return new Map(
    conversationIds.map((id) => [
      id,
      {
        clocks: clocks.filter((clock) => clock.conversation_id === id),
        openPromise: promises.get(id) ?? null,
      },
    ]),
  );
}
