import type { ChatChannel } from "../channels/chat/config.ts";
import type { IdentityClaim } from "../channels/chat/identity.ts";
import { channelMayOpenSession } from "../channels/chat/limits.ts";
import { findSession, openChatSession } from "../channels/chat/sessions.ts";
import type { ChatSession } from "../db/schema.ts";
import { tooManyRequests } from "../errors.ts";
import type { Services } from "../services.ts";

/**
 * Resumes the visitor's session (their token) or opens a new one. A new session costs a row:
 * every channel has a ceiling per minute, whatever the client's address (429 past it).
 */
export async function widgetSessionOpener(
  services: Pick<Services, "db" | "env">,
  props: { channel: ChatChannel; request: IdentityClaim & { token?: string | null } },
): Promise<{ token: string | null; session: ChatSession }> {
  const { channel, request } = props;
  const restoring = request.token && (await findSession(services.db, channel.row, request.token));
  if (!restoring && !(await channelMayOpenSession(services.db, services.env, channel.row.id))) {
    throw tooManyRequests("Too many new chat sessions. Try again in a minute.");
  }
  const opened = await openChatSession(services.db, channel.row, channel.secrets.secret, {
    token: request.token,
    claim: request,
  });
  return { token: opened.token ?? request.token ?? null, session: opened.session };
}
