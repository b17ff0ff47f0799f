import type { Kysely } from "kysely";
import type { THelpCentreSettings } from "../../shared/articles.ts";
import { businessHoursFor, WEEKDAYS, type Weekday } from "../callbacks/businessHours.ts";
import type { DB } from "../db/schema.ts";

export interface OpeningHours {
  timeZone: string;
  days: Array<{ day: Weekday; ranges: Array<[string, string]> }>;
}

/** The ways to reach a person that a help-centre page shows, always in the same place. */
export interface ContactOptions {
  chat: { channelId: string; callback: boolean } | null;
  email: string | null;
  phone: { number: string; hours: OpeningHours } | null;
  social: THelpCentreSettings["social"];
}

interface ChannelRow {
  id: string;
  kind: string;
  config: Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

/**
 * What the account offers, as its settings choose: the chat widget (the channel named, else the
 * first chat channel), an email address and a phone number (set, else what the chat and email
 * and phone channels know), the phone's opening hours (its team's business hours) and the
 * social profiles listed.
 */
export async function contactOptions(
  db: Kysely<DB>,
  accountId: string,
  settings: THelpCentreSettings,
): Promise<ContactOptions> {
  const channels = (await db
    .selectFrom("channels")
    .select(["id", "kind", "config"])
    .where("account_id", "=", accountId)
    .where("disabled_at", "is", null)
    .where("kind", "in", ["chat", "email", "phone"])
    .orderBy("created_at")
    .execute()) as ChannelRow[];
  const chats = channels.filter((channel) => channel.kind === "chat");
  const chat = chats.find((channel) => channel.id === settings.chatChannelId) ?? chats[0];
  const first = (kind: string) => channels.find((channel) => channel.kind === kind);
  const email =
    settings.email ?? text(chat?.config.contactEmail) ?? text(first("email")?.config.address);
  const number =
    settings.phone ?? text(chat?.config.contactPhone) ?? text(first("phone")?.config.from);
  let phone: ContactOptions["phone"] = null;
  if (settings.showPhone && number) {
    const hours = await businessHoursFor(db, accountId, settings.phoneTeamId);
    phone = {
      number,
      hours: {
        timeZone: hours.timeZone,
        days: WEEKDAYS.map((day) => ({
          day,
          ranges: (hours.weekly[day] ?? []) as Array<[string, string]>,
        })),
      },
    };
  }
  return {
    chat:
      settings.showChat && chat
        ? { channelId: chat.id, callback: chat.config.callbackEnabled !== false }
        : null,
    email: settings.showEmail ? email : null,
    phone,
    social: settings.showSocial ? settings.social : [],
  };
}
