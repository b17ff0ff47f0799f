import type { FastifyInstance } from "fastify";
import { authenticate } from "../auth/sessions.ts";
import type { Services } from "../services.ts";

const HEARTBEAT_MS = 25_000;

/**
 * /api/v1/live: a WebSocket that pushes the account's events to a signed-in agent. Messages are
 * JSON: `{"type": "hello"}` once, then `{"type": "event", "event": {id, name, payload, …}}`.
 */
export async function livePlugin(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.get("/api/v1/live", { websocket: true }, async (socket, request) => {
    const actor = await authenticate(services, request).catch(() => null);
    const origin = request.headers.origin;
    const sameOrigin = !origin || new URL(origin).host === request.headers.host;
    if (!actor || (actor.via === "session" && !sameOrigin)) {
      socket.close(4401, "unauthorized");
      return;
    }
    const unsubscribe = services.live.subscribe({
      accountId: actor.accountId,
      send: (event) => socket.send(JSON.stringify({ type: "event", event })),
    });
    const heartbeat = setInterval(() => socket.ping(), HEARTBEAT_MS);
    socket.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    socket.on("message", (raw) => {
      if (raw.toString() === "ping") socket.send(JSON.stringify({ type: "pong" }));
    });
    socket.send(JSON.stringify({ type: "hello", userId: actor.userId }));
  });
}
