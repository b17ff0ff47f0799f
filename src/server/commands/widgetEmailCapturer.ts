import type { Kysely } from "kysely";
import { accountLanguage, addNote, noteText } from "../callbacks/notes.ts";
import { currentConversationId } from "../channels/chat/messages.ts";
import { captureEmail } from "../channels/chat/sessions.ts";
import type { ChatSession, DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";

/**
 * Keeps the address a visitor leaves for an answer by email (400 for one that is not an
 * address), and tells the agents in a note on the visitor's current conversation.
 */
export async function widgetEmailCapturer(
  db: Kysely<DB>,
  props: { session: ChatSession; email: string },
): Promise<string> {
  const { session } = props;
  const email = await captureEmail(db, session, props.email);
  if (!email) throw validationFailed("This email address is not valid.");
  const conversationId = await currentConversationId(db, session);
  if (conversationId) {
    await db.transaction().execute(async (trx) =>
      addNote(trx, {
        accountId: session.account_id,
        conversationId,
        text: noteText("chat.emailLeft", await accountLanguage(trx, session.account_id), {
          email,
        }),
        metadata: { chat: { emailHint: email, verified: false } },
      }),
    );
  }
  return email;
}
