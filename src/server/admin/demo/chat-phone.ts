import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import { businessHoursFor } from "../../callbacks/businessHours.ts";
import { zoneName } from "../../callbacks/customerNotice.ts";
import { availableSlots, displayPhone } from "../../callbacks/model.ts";
import { addNote, noteText } from "../../callbacks/notes.ts";
import { callbackRequester } from "../../callbacks/requester.ts";
import { formatSlot } from "../../callbacks/slots.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { randomSecret } from "../../crypto/tokens.ts";
import type { Channel, DB } from "../../db/schema.ts";
import { customerString } from "../../i18n/customer.ts";
import type { Services } from "../../services.ts";
import { addAgentTurn } from "./api.ts";
import { DEMO_SANDBOX_URL, type DemoContext, type DemoSection } from "./context.ts";

const CALIFORNIA_HOURS = Object.fromEntries(
  (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => [day, [["08:00", "17:00"]]]),
);

/**
 * The website chat and phone callbacks: a visitor chatting live, a customer in Paris with a
 * callback booked with the California team (both local times in the timeline), and a callback
 * the customer missed, told on the chat with new times.
 */
export const chatPhoneDemo: DemoSection = {
  name: "Chat et rappels téléphoniques",
  async run(services, context) {
    const teamId = await californiaTeam(services.db, context);
    const chat = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "chat",
      name: "Chat du site",
      config: {
        allowedOrigins: ["http://localhost:3000"],
        greeting: {
          fr: "Bonjour ! Une question sur une commande ou un produit ?",
          en: "Hello! A question about an order or a product?",
        },
        callbackTeamId: teamId,
        contactEmail: "bonjour@maison-lumiere.example",
        contactPhone: "+33 1 84 80 00 00",
      },
      secrets: { secret: randomSecret() },
    });
    const phone = await channelCreator(services.db, services.secrets, {
      accountId: context.accountId,
      kind: "phone",
      name: "Ligne support (Twilio)",
      config: {
        accountSid: `AC${"0".repeat(32)}`,
        from: "+14155550100",
        apiUrl: DEMO_SANDBOX_URL,
      },
      secrets: { authToken: randomSecret(16) },
    });

    // Élise, in Paris, chats and books a callback with the California team.
    const elise = await visitorSays(services, chat, "demo-elise", "Élise Moreau", [
      { text: "Bonjour, le variateur de ma lampe Arc ne fonctionne plus depuis hier.", ago: 35 },
      { text: "Je préférerais en parler au téléphone, c'est possible ?", ago: 31 },
    ]);
    await addAgentTurn(services, context, {
      conversationId: elise,
      channelId: chat.id,
      at: context.ago(30),
      turn: {
        from: "agent",
        agent: "sam",
        text: "Bien sûr ! Choisissez un créneau avec « Être rappelé » : nous vous appelons à l'heure qui vous convient.",
      },
    });
    const hours = await businessHoursFor(services.db, context.accountId, teamId, {
      fallback: true,
    });
    const slots = await availableSlots(services.db, context.accountId, hours, "Europe/Paris", {
      limit: 6,
    });
    const slot = slots[2] ?? slots[0];
    if (slot) {
      await callbackRequester(services, {
        accountId: context.accountId,
        conversationId: elise,
        phone: "+33 6 12 34 56 78",
        scheduledAt: new Date(slot.start),
        customerTimeZone: "Europe/Paris",
        source: "widget",
        teamId,
        assigneeId: context.people.sam.id,
      });
    }

    // Thomas missed yesterday's callback: the call rang out, he was told and offered new times.
    const thomas = await visitorSays(services, chat, "demo-thomas", "Thomas Girard", [
      {
        text: "Pouvez-vous me rappeler pour le remboursement de ma commande CMD-50211 ?",
        ago: 60 * 26,
      },
    ]);
    await missedCallback(services, context, { conversationId: thomas, phone, teamId, slots });
    return 2;
  },
};

async function californiaTeam(db: Kysely<DB>, context: DemoContext): Promise<string> {
  const existing = await db
    .selectFrom("teams")
    .select("id")
    .where("account_id", "=", context.accountId)
    .where("name", "=", "Support Californie")
    .executeTakeFirst();
  const team =
    existing ??
    (await db
      .insertInto("teams")
      .values({
        account_id: context.accountId,
        name: "Support Californie",
        skills: JSON.stringify({ languages: ["en", "fr"] }),
        time_zone: "America/Los_Angeles",
        business_hours: JSON.stringify(CALIFORNIA_HOURS),
      })
      .returning("id")
      .executeTakeFirstOrThrow());
  await db
    .insertInto("team_members")
    .values({ account_id: context.accountId, team_id: team.id, user_id: context.people.sam.id })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  return team.id;
}

async function visitorSays(
  services: Services,
  chat: Channel,
  visitor: string,
  name: string,
  turns: Array<{ text: string; ago: number }>,
): Promise<string> {
  let conversationId = "";
  for (const [index, turn] of turns.entries()) {
    const outcome = await inboundIngester(services.db, chat, [
      {
        type: "message",
        message: {
          externalId: `visitor:${visitor}:${index}`,
          text: turn.text,
          visibility: "private",
          sentAt: new Date(Date.now() - turn.ago * 60_000),
          contact: {
            identity: {
              kind: "chat",
              value: `visitor:${visitor}`,
              displayName: name,
              verified: false,
            },
            name,
            locale: "fr",
            timeZone: "Europe/Paris",
          },
        },
      },
    ]);
    const id = outcome.messageIds[0];
    if (id && !conversationId) {
      const row = await services.db
        .selectFrom("messages")
        .select("conversation_id")
        .where("account_id", "=", chat.account_id)
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      conversationId = row.conversation_id;
    }
  }
  return conversationId;
}

async function missedCallback(
  services: Services,
  context: DemoContext,
  props: {
    conversationId: string;
    phone: Channel;
    teamId: string;
    slots: Awaited<ReturnType<typeof availableSlots>>;
  },
) {
  const { accountId } = context;
  // The last weekday before today, 9:00 in California (18:00 in Paris).
  let day = DateTime.now().setZone("America/Los_Angeles").minus({ days: 1 });
  while (day.weekday > 5) day = day.minus({ days: 1 });
  const at = day.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  const conversation = await services.db
    .selectFrom("conversations")
    .select(["contact_id", "channel_id"])
    .where("account_id", "=", accountId)
    .where("id", "=", props.conversationId)
    .executeTakeFirstOrThrow();
  await services.db.transaction().execute(async (trx) => {
    const callback = await trx
      .insertInto("callbacks")
      .values({
        account_id: accountId,
        conversation_id: props.conversationId,
        contact_id: conversation.contact_id,
        team_id: props.teamId,
        assignee_id: context.people.sam.id,
        phone: "+33698765432",
        scheduled_at: at,
        customer_time_zone: "Europe/Paris",
        status: "to_reschedule",
        source: "widget",
        attempts: 1,
        started_by_id: context.people.sam.id,
        reminded_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const call = await trx
      .insertInto("calls")
      .values({
        account_id: accountId,
        channel_id: props.phone.id,
        external_id: `CA${"d".repeat(32)}`,
        conversation_id: props.conversationId,
        callback_id: callback.id,
        direction: "outbound",
        status: "no-answer",
        from_number: "+14155550100",
        to_number: "+33698765432",
        started_by_id: context.people.sam.id,
        ended_at: new Date(at.getTime() + 30_000),
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("callbacks")
      .set({ last_call_id: call.id })
      .where("account_id", "=", accountId)
      .where("id", "=", callback.id)
      .execute();
    const meta = (status: string) => ({
      call: {
        callId: call.id,
        direction: "outbound",
        status,
        from: "+14155550100",
        to: "+33698765432",
        duration: null,
        recordingUrl: null,
      },
      callbackId: callback.id,
    });
    const to = displayPhone("+33698765432");
    const steps: Array<[Parameters<typeof noteText>[0], string, number]> = [
      ["call.started", "queued", 0],
      ["call.ringing", "ringing", 2],
      ["call.no-answer", "no-answer", 32],
    ];
    for (const [key, status, seconds] of steps) {
      await addNote(trx, {
        accountId,
        conversationId: props.conversationId,
        channelId: props.phone.id,
        externalId: `${"CA".padEnd(34, "d")}:${status}`,
        authorUserId: key === "call.started" ? context.people.sam.id : null,
        text: noteText(key, "fr", { to, agent: "Sam Taylor" }),
        metadata: meta(status),
        at: new Date(at.getTime() + seconds * 1000),
      });
    }
  });
  const told = new Date(at.getTime() + 60_000);
  await addAgentTurn(services, context, {
    conversationId: props.conversationId,
    channelId: conversation.channel_id ?? "",
    at: told,
    turn: {
      from: "agent",
      agent: "sam",
      text: customerString("callback.missed", "fr", {
        phone: displayPhone("+33698765432"),
        zone: zoneName("Europe/Paris"),
        slots: props.slots
          .slice(0, 3)
          .map((slot) => `• ${formatSlot(slot.start, "Europe/Paris", "fr")}`)
          .join("\n"),
      }),
    },
  });
  await services.db.transaction().execute((trx) =>
    addNote(trx, {
      accountId,
      conversationId: props.conversationId,
      text: noteText("callback.toReschedule", "fr"),
      metadata: { callback: { status: "to_reschedule", customerTold: true } },
      at: new Date(told.getTime() + 1000),
    }),
  );
}
