import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { attachmentLinker } from "../../attachments/links.ts";
import { agentsAvailable } from "../../auth/presence.ts";
import { accountLanguage, addNote, noteText } from "../../callbacks/notes.ts";
import { channelMayOpenSession } from "../../channels/chat/limits.ts";
import { currentConversationId, widgetHistory } from "../../channels/chat/messages.ts";
import { captureEmail, findSession, openChatSession } from "../../channels/chat/sessions.ts";
import { tooManyRequests, validationFailed } from "../../errors.ts";
import type { Services } from "../../services.ts";
import { hasEmailChannel, widgetChannel, widgetSession } from "./context.ts";

const ZSessionRequest = z.object({
  token: z.string().max(200).nullish(),
  userId: z.string().min(1).max(200).nullish(),
  email: z.string().max(320).nullish(),
  name: z.string().max(200).nullish(),
  signature: z.string().max(200).nullish(),
  locale: z.string().max(20).nullish(),
  timeZone: z.string().max(64).nullish(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success)
    throw validationFailed(`Invalid request: ${result.error.issues[0]?.message}`);
  return result.data;
}

/** Session, history and email capture for the visitor's widget. */
export async function widgetSessionRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;

  app.post(
    "/widget/:channelId/session",
    { config: { rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const channel = await widgetChannel(services, request, reply);
      const body = parse(ZSessionRequest, request.body);
      // A new session costs a row: every channel has a ceiling per minute, whatever the address.
      const restoring = body.token && (await findSession(services.db, channel.row, body.token));
      if (!restoring && !(await channelMayOpenSession(services.db, services.env, channel.row.id))) {
        throw tooManyRequests("Too many new chat sessions. Try again in a minute.");
      }
      const opened = await openChatSession(services.db, channel.row, channel.secrets.secret, {
        token: body.token,
        claim: body,
      });
      const { session } = opened;
      return {
        data: {
          token: opened.token ?? body.token,
          verified: session.verified,
          email: session.email_hint,
          conversationId: await currentConversationId(services.db, session),
          agentsAvailable: await agentsAvailable(services.db, session.account_id),
          emailFallback: await hasEmailChannel(services, session.account_id),
          channel: {
            name: channel.row.name,
            greeting: channel.config.greeting,
            colors: channel.config.colors,
            callbackEnabled: channel.config.callbackEnabled,
            contactEmail: channel.config.contactEmail ?? null,
            contactPhone: channel.config.contactPhone ?? null,
          },
        },
      };
    },
  );

  app.get("/widget/:channelId/messages", async (request, reply) => {
    const channel = await widgetChannel(services, request, reply);
    const session = await widgetSession(services, channel, request);
    const query = parse(z.object({ after: z.string().max(500).optional() }), request.query);
    const links = attachmentLinker(services);
    return { data: await widgetHistory(services.db, session, { after: query.after }, links) };
  });

  app.post("/widget/:channelId/email", async (request, reply) => {
    const channel = await widgetChannel(services, request, reply);
    const session = await widgetSession(services, channel, request);
    const body = parse(z.object({ email: z.string().max(320) }), request.body);
    const email = await captureEmail(services.db, session, body.email);
    if (!email) throw validationFailed("This email address is not valid.");
    const conversationId = await currentConversationId(services.db, session);
    if (conversationId) {
      await services.db.transaction().execute(async (trx) =>
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
    return {
      data: { email, emailFallback: await hasEmailChannel(services, session.account_id) },
    };
  });
}
