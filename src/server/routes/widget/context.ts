import type { FastifyReply, FastifyRequest } from "fastify";
import { type ChatChannel, originAllowed } from "../../channels/chat/config.ts";
import { requireSession } from "../../channels/chat/sessions.ts";
import { findChannelForHook, resolveChannel } from "../../channels/resolve.ts";
import { forbidden, notFound } from "../../errors.ts";
import type { Services } from "../../services.ts";
import { ZWidgetParams } from "./schema.ts";

/**
 * Every widget endpoint starts here: the chat channel named in the path, and the page's Origin
 * checked against the channel's allowed origins (CORS headers only for those).
 */
export async function widgetChannel(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply | null,
): Promise<ChatChannel> {
  const params = ZWidgetParams.safeParse(request.params);
  if (!params.success) throw notFound("Chat channel");
  const row = await findChannelForHook(services.db, params.data.channelId);
  if (row?.kind !== "chat") throw notFound("Chat channel");
  const channel = resolveChannel(row, services.secrets).channel as ChatChannel;
  const origin = request.headers.origin;
  if (origin) {
    if (!originAllowed(channel.config, origin, request.headers.host)) {
      throw forbidden("This site may not embed this chat widget (add it to the allowed origins).");
    }
    reply?.header("access-control-allow-origin", origin);
    reply?.header("vary", "Origin");
  }
  return channel;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}

/** The visitor's session on this channel, named by their token (Authorization: Bearer). */
export async function widgetSession(
  services: Services,
  channel: ChatChannel,
  request: FastifyRequest,
) {
  return requireSession(services.db, channel.row, bearer(request));
}
