import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ZInstant } from "../../../shared/instant.ts";
import { attachmentLinker } from "../../attachments/links.ts";
import { businessHoursFor, ZTimeZone } from "../../callbacks/businessHours.ts";
import { zoneName } from "../../callbacks/customerNotice.ts";
import { availableSlots, checkSlot, displayPhone, e164 } from "../../callbacks/model.ts";
import { callbackRequester } from "../../callbacks/requester.ts";
import { formatSlot, localTime } from "../../callbacks/slots.ts";
import type { ChatChannel } from "../../channels/chat/config.ts";
import { widgetMessage } from "../../channels/chat/messages.ts";
import { bindSessionContact, sessionContact } from "../../channels/chat/sessions.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { notFound, validationFailed } from "../../errors.ts";
import { customerLanguage } from "../../i18n/customer.ts";
import type { Services } from "../../services.ts";
import { widgetChannel, widgetSession } from "./context.ts";

const ZSlotsQuery = z.object({
  tz: ZTimeZone.optional(),
  days: z.coerce.number().int().min(1).max(14).default(7),
});

const ZCallbackRequest = z.object({
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  phone: z.string().min(3).max(40),
  region: z.string().length(2).nullish(),
  at: ZInstant,
  timeZone: ZTimeZone,
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw validationFailed(`Invalid ${issue?.path.join(".") || "request"}: ${issue?.message}`);
  }
  return result.data;
}

function callbacksEnabled(channel: ChatChannel) {
  if (!channel.config.callbackEnabled) throw notFound("Callbacks on this chat");
}

const REQUEST_TEXT = {
  fr: (when: string, zone: string, phone: string) =>
    `📞 Merci de me rappeler le ${when} (heure de ${zone}) au ${phone}.`,
  en: (when: string, zone: string, phone: string) =>
    `📞 Please call me back on ${when} (${zone} time) at ${phone}.`,
};

/** Callback slots in the visitor's zone, and the visitor's callback request. */
export async function widgetCallbackRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;

  app.get("/widget/:channelId/callback-slots", async (request, reply) => {
    const channel = await widgetChannel(services, request, reply);
    callbacksEnabled(channel);
    const query = parse(ZSlotsQuery, request.query);
    const hours = await businessHoursFor(
      services.db,
      channel.row.account_id,
      channel.config.callbackTeamId,
    );
    const timeZone = query.tz ?? hours.timeZone;
    return {
      data: {
        timeZone,
        teamTimeZone: hours.timeZone,
        slots: await availableSlots(services.db, channel.row.account_id, hours, timeZone, {
          days: query.days,
        }),
      },
    };
  });

  app.post(
    "/widget/:channelId/callbacks",
    { config: { rateLimit: { max: 10, timeWindow: 60_000 } } },
    async (request, reply) => {
      const channel = await widgetChannel(services, request, reply);
      callbacksEnabled(channel);
      const session = await widgetSession(services, channel, request);
      const body = parse(ZCallbackRequest, request.body);
      const accountId = channel.row.account_id;
      const at = new Date(body.at);
      const phone = e164(body.phone, body.region);
      const hours = await businessHoursFor(services.db, accountId, channel.config.callbackTeamId);
      const externalId = `${session.visitor_id}:${body.clientId}`;
      // A request sent again (the widget retries after a lost answer) is answered, not rebooked.
      const again = await services.db
        .selectFrom("messages")
        .select("id")
        .where("account_id", "=", accountId)
        .where("channel_id", "=", channel.row.id)
        .where("external_id", "=", externalId)
        .executeTakeFirst();
      if (!again) await checkSlot(services.db, accountId, hours, at);

      // The request is the visitor's own message: it starts (or continues) their conversation.
      const language = customerLanguage(session.locale);
      await inboundIngester(services.db, channel.row, [
        {
          type: "message",
          message: {
            externalId,
            text: REQUEST_TEXT[language](
              formatSlot(at, body.timeZone, language),
              zoneName(body.timeZone),
              displayPhone(phone),
            ),
            visibility: "private",
            contact: { ...sessionContact(session), timeZone: body.timeZone },
            metadata: {
              chat: { sessionId: session.id },
              callbackRequest: { at: body.at, timeZone: body.timeZone },
            },
          },
        },
      ]);
      await bindSessionContact(services.db, session);
      const stored = await services.db
        .selectFrom("messages")
        .select(["id", "conversation_id"])
        .where("account_id", "=", accountId)
        .where("channel_id", "=", channel.row.id)
        .where("external_id", "=", externalId)
        .executeTakeFirstOrThrow();
      const existing = await services.db
        .selectFrom("callbacks")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("conversation_id", "=", stored.conversation_id)
        .where("scheduled_at", "=", at)
        .where("source", "=", "widget")
        .executeTakeFirst();
      const callback =
        existing ??
        (await callbackRequester(services, {
          accountId,
          conversationId: stored.conversation_id,
          phone,
          scheduledAt: at,
          customerTimeZone: body.timeZone,
          source: "widget",
          teamId: hours.teamId,
        }));
      reply.status(existing ? 200 : 201);
      return {
        data: {
          callback: {
            id: callback.id,
            status: callback.status,
            scheduledAt: callback.scheduled_at.toISOString(),
            customerTime: localTime(callback.scheduled_at, callback.customer_time_zone),
            phone: callback.phone,
          },
          message: await widgetMessage(services.db, session, stored.id, attachmentLinker(services)),
        },
      };
    },
  );
}
