import type { FastifyInstance } from "fastify";
import { markAgentConnection } from "../auth/presence.ts";
import { authenticate } from "../auth/sessions.ts";
import { isViewer } from "../policies/viewer.ts";
import type { Services } from "../services.ts";
import { isSameOrigin } from "./origin.ts";

const HEARTBEAT_MS = 25_000;

/**
 * /api/v1/live: a WebSocket that pushes the account's events to a signed-in agent. Messages are
 * JSON: `{"type": "hello"}` once, then `{"type": "event", "event": {id, name, payload, …}}`.
 */
export async function livePlugin(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.get("/api/v1/live", { websocket: true }, async (socket, request) => {
    const actor = await authenticate(services, request).catch(() => null);
    if (!actor || (actor.via === "session" && !isSameOrigin(request))) {
      socket.close(4401, "unauthorized");
      return;
    }
    // Live events carry conversations and customers' words: viewers see reports only.
    if (isViewer(actor)) {
      socket.close(4403, "forbidden");
      return;
    }
    const unsubscribe = services.live.subscribe({
      accountId: actor.accountId,
      send: (event) => socket.send(JSON.stringify({ type: "event", event })),
    });
    // The agent's presence, shared by every server: the widget asks it whether anyone is there.
    const presence = (delta: 1 | -1 | 0) =>
      markAgentConnection(services.db, actor, delta).catch((error) =>
        request.log.warn({ err: error }, "agent presence not recorded"),
      );
    const opened = presence(1);
    const heartbeat = setInterval(() => {
      socket.ping();
      void presence(0);
    }, HEARTBEAT_MS);
    socket.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
      void opened.then(() => presence(-1));
    });
    socket.on("message", (raw) => {
      if (raw.toString() === "ping") socket.send(JSON.stringify({ type: "pong" }));
    });
    // Hello once the agent counts as present: from then on, the widget knows someone is there.
    await opened;
    if (socket.readyState === socket.OPEN) {
      socket.send(JSON.stringify({ type: "hello", userId: actor.userId }));
    }
  });
}
