import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { attachmentLinker } from "../../attachments/links.ts";
import { WidgetHub } from "../../channels/chat/hub.ts";
import type { Services } from "../../services.ts";
import { registerRoutes } from "../register.ts";
import type { RouteDefinition } from "../route.ts";
import { widgetArticleRoutes } from "./articles.ts";
import { widgetCallbackRoutes } from "./callbacks.ts";
import { callHooksPlugin } from "./callHooks.ts";
import { widgetChannel } from "./context.ts";
import { widgetLiveRoutes } from "./live.ts";
import { widgetScriptRoutes } from "./script.ts";
import { widgetSessionRoutes } from "./session.ts";

/**
 * The visitor's endpoints, declared like the API's (validated, in the OpenAPI document under
 * "Widget", in the cross-tenant test). The WebSocket (live.ts), the loader script (script.ts) and
 * Twilio's signed callbacks (callHooks.ts) stay plain Fastify routes: a socket, a JavaScript
 * file and a provider's form-encoded webhook answered in TwiML are not JSON request/answer
 * routes that defineRoute can carry.
 */
export const widgetRoutes: readonly RouteDefinition[] = [
  ...widgetSessionRoutes,
  ...widgetCallbackRoutes,
  ...widgetArticleRoutes,
];

/**
 * The website chat widget and the phone channel's Twilio callbacks: GET /widget.js, the
 * visitor's endpoints under /widget/<channel-id>/… (CORS limited to the channel's allowed
 * origins) and the signed Twilio callbacks at /hooks/<phone-channel-id>.
 */
export async function widgetPlugin(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  const hub = new WidgetHub(services.db, services.log, attachmentLinker(services));
  hub.start(services.live);
  app.addHook("onClose", async () => hub.stop());

  await app.register(widgetScriptRoutes);
  await app.register(async (widget) => {
    // Preflight: the page's Origin must be one the channel allows.
    widget.options("/widget/:channelId/*", async (request: FastifyRequest, reply: FastifyReply) => {
      await widgetChannel(services, request, reply);
      reply
        .header("access-control-allow-methods", "GET, POST, OPTIONS")
        .header("access-control-allow-headers", "authorization, content-type")
        .header("access-control-max-age", "600")
        .status(204);
      return "";
    });
    registerRoutes(widget, services, widgetRoutes);
    await widget.register(widgetLiveRoutes, { services, hub });
  });
  await app.register(callHooksPlugin, { services });
}
