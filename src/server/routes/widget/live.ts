import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import { z } from "zod";
import { attachmentLinker } from "../../attachments/links.ts";
import { agentsAvailable } from "../../auth/presence.ts";
import type { WidgetHub } from "../../channels/chat/hub.ts";
import { visitorMayWrite } from "../../channels/chat/limits.ts";
import { currentConversationId, widgetMessage } from "../../channels/chat/messages.ts";
import {
  bindSessionContact,
  findSession,
  markConnection,
  sessionContact,
} from "../../channels/chat/sessions.ts";
import { publishTyping } from "../../channels/chat/typing.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import type { Channel, ChatSession } from "../../db/schema.ts";
import { isAppError } from "../../errors.ts";
import { findMessageByExternalId } from "../../models/messages.ts";
import type { Services } from "../../services.ts";
import { widgetChannel } from "./context.ts";

const HEARTBEAT_MS = 20_000;
const TYPING_EVERY_MS = 2000;
/** Refused messages (over the visitor's limits) after which the socket is closed. */
const REFUSALS_BEFORE_CLOSE = 20;

const ZVisitorFrame = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message"),
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    text: z.string().trim().min(1).max(5000),
  }),
  z.object({ type: z.literal("typing") }),
  z.object({
    type: z.literal("ack"),
    ids: z.array(z.uuid()).min(1).max(200),
    status: z.enum(["delivered", "read"]),
  }),
  z.object({ type: z.literal("ping") }),
]);
type VisitorFrame = z.infer<typeof ZVisitorFrame>;

/**
 * /widget/<channel-id>/live?token=…: the visitor's WebSocket. The visitor's messages are stored
 * through the ingester with the widget's own id as external id, so a message resent after a
 * reconnection is stored once and answered with the stored copy; agents' replies and typing
 * come back through the widget hub. Frames are JSON; see docs/chat-and-phone.md.
 *
 * A plain Fastify route, not a `defineRoute` one: a socket has no JSON body to validate and no
 * answer to present. It keeps the same checks as the visitor routes — the channel and the
 * page's Origin (widgetChannel), then a session of that very channel (findSession matches the
 * token's account and the channel), so a visitor of one account never reaches another's
 * conversation (test/integration/tenancy.test.ts covers it).
 */
export async function widgetLiveRoutes(
  app: FastifyInstance,
  options: { services: Services; hub: WidgetHub },
) {
  const { services, hub } = options;
  const links = attachmentLinker(services);
  app.get("/widget/:channelId/live", { websocket: true }, (socket, request) => {
    const send = (frame: unknown) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    let closed = false;
    let cleanup = () => {};
    // Frames may arrive while the session is being looked up: they wait for it, in order.
    const ready = open();
    let queue: Promise<unknown> = ready;

    async function open(): Promise<Visitor | null> {
      let visitor: Visitor;
      try {
        const channel = await widgetChannel(services, request, null);
        const token = (request.query as { token?: string }).token;
        const session = token ? await findSession(services.db, channel.row, token) : undefined;
        if (!session) {
          socket.close(4401, "unknown session");
          return null;
        }
        visitor = { session, channel: channel.row };
      } catch (error) {
        socket.close(isAppError(error) && error.status === 403 ? 4403 : 4404, "refused");
        return null;
      }
      if (closed) return null;
      const { session } = visitor;
      await markConnection(services.db, session, 1);
      const remove = hub.add({ session, push: send });
      const heartbeat = setInterval(async () => {
        socket.ping();
        await markConnection(services.db, session, 0).catch(() => {});
        send({
          type: "availability",
          agentsAvailable: await agentsAvailable(services.db, session.account_id),
        });
      }, HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        remove();
        markConnection(services.db, session, -1).catch(() => {});
      };
      if (closed) cleanup();
      send({
        type: "hello",
        conversationId: await currentConversationId(services.db, session),
        agentsAvailable: await agentsAvailable(services.db, session.account_id),
      });
      return visitor;
    }

    let lastTyping = 0;
    let refused = 0;
    const handle = async ({ session, channel }: Visitor, frame: VisitorFrame) => {
      if (frame.type === "ping") return send({ type: "pong" });
      if (frame.type === "typing") {
        if (Date.now() - lastTyping < TYPING_EVERY_MS) return;
        lastTyping = Date.now();
        const conversationId = await currentConversationId(services.db, session);
        if (!conversationId || !session.contact_id) return;
        return publishTyping(services.db, {
          accountId: session.account_id,
          conversationId,
          contactId: session.contact_id,
          typing: true,
        });
      }
      if (frame.type === "ack") {
        const items = [];
        for (const id of frame.ids) {
          const message = await widgetMessage(services.db, session, id, links);
          if (message?.direction === "out") {
            items.push({ type: "status" as const, externalId: id, status: frame.status });
          }
        }
        if (items.length) await inboundIngester(services.db, channel, items);
        return;
      }
      const allowed = await visitorMayWrite(services.db, services.env, {
        accountId: session.account_id,
        visitorId: session.visitor_id,
        ip: request.ip,
        bytes: Buffer.byteLength(frame.text),
      });
      if (!allowed) {
        refused += 1;
        send({ type: "error", error: "rate_limited", clientId: frame.clientId });
        // A client that keeps writing past the limit is not a person typing: hang up.
        if (refused >= REFUSALS_BEFORE_CLOSE) socket.close(4429, "too many messages");
        return;
      }
      const externalId = `${session.visitor_id}:${frame.clientId}`;
      await inboundIngester(services.db, channel, [
        {
          type: "message",
          message: {
            externalId,
            text: frame.text,
            visibility: "private",
            contact: sessionContact(session),
            metadata: { chat: { sessionId: session.id } },
          },
        },
      ]);
      await bindSessionContact(services.db, session);
      // Stored now or before (a resend after a reconnection): the stored copy either way.
      const stored = await findMessageByExternalId(
        services.db,
        session.account_id,
        channel.id,
        externalId,
      );
      const message = stored ? await widgetMessage(services.db, session, stored.id, links) : null;
      send({ type: "stored", clientId: frame.clientId, message });
    };

    socket.on("message", (raw: WebSocket.RawData) => {
      let frame: VisitorFrame;
      try {
        frame = ZVisitorFrame.parse(JSON.parse(raw.toString()));
      } catch {
        send({ type: "error", error: "invalid_frame" });
        return;
      }
      queue = queue
        .then(async () => {
          const visitor = await ready;
          if (visitor) await handle(visitor, frame);
        })
        .catch((error) => {
          request.log.warn({ err: error }, "widget frame failed");
          send({
            type: "error",
            error: "failed",
            clientId: "clientId" in frame ? frame.clientId : undefined,
          });
        });
    });
    socket.on("close", () => {
      closed = true;
      cleanup();
    });
  });
}

interface Visitor {
  session: ChatSession;
  channel: Channel;
}
