import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServices, testServices } from "../../../test/support/relais.ts";
import { openedConversation, parisTeamAccount } from "../../../test/support/sla.ts";
import { acknowledgementSender } from "../commands/acknowledgementSender.ts";
import { findAcknowledgement } from "../models/acknowledgements.ts";
import type { Services } from "../services.ts";
import { expectedWaitMinutes } from "./acknowledgementEstimate.ts";

const MINUTE = 60_000;

describe("automatic acknowledgement with a computed expected time (fake clock)", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  });
  afterAll(async () => {
    await closeServices(services);
  });

  async function setup(props: { enabled?: boolean } = {}) {
    const ids = await parisTeamAccount(services);
    if (props.enabled ?? true) {
      await services.db
        .insertInto("channel_acknowledgements")
        .values({ account_id: ids.accountId, channel_id: ids.channelId, enabled: true })
        .execute();
    }
    return ids;
  }

  type Ids = Awaited<ReturnType<typeof setup>>;

  /** A conversation on the channel opened by a customer message at `at`. */
  function conversation(
    ids: Ids,
    at: Date,
    contact: { locale?: "fr" | "en"; timeZone?: string; visibility?: "public" | "private" } = {},
  ) {
    return openedConversation(services, ids, at, contact);
  }

  /** An agent's reply, sent at `at` (the first response of that conversation). */
  async function reply(ids: Ids, conversationId: string, at: Date) {
    await services.db
      .insertInto("messages")
      .values({
        account_id: ids.accountId,
        conversation_id: conversationId,
        channel_id: ids.channelId,
        direction: "out",
        author_user_id: ids.userId,
        text: "Nous regardons.",
        created_at: at,
        sent_at: at,
      })
      .execute();
  }

  /** Three first responses on the channel in the week: after 20, 40 and 60 business minutes. */
  async function history(ids: Ids, day: string) {
    for (const [hour, minutes] of [
      ["09", 20],
      ["11", 40],
      ["13", 60],
    ] as const) {
      const at = new Date(`${day}T${hour}:00:00Z`);
      const { id } = await conversation(ids, at);
      await reply(ids, id, new Date(at.getTime() + minutes * MINUTE));
    }
  }

  async function acknowledgements(accountId: string, conversationId: string) {
    return services.db
      .selectFrom("messages")
      .select(["text", "visibility", "metadata"])
      .where("account_id", "=", accountId)
      .where("conversation_id", "=", conversationId)
      .where("direction", "=", "out")
      .where(sql<boolean>`metadata ? 'slaAcknowledgement'`)
      .execute();
  }

  it("states the median first response of the last 7 days on opening hours, in French for a Paris customer, once", async () => {
    const ids = await setup();
    await history(ids, "2026-01-12");
    // Tuesday 13 January 2026, 10:00 in Paris.
    const now = new Date("2026-01-13T09:00:00Z");
    const { id, messageId } = await conversation(ids, new Date(now.getTime() - MINUTE), {
      locale: "fr",
      timeZone: "Europe/Paris",
    });
    const outcome = await acknowledgementSender(services, {
      accountId: ids.accountId,
      messageId,
      now,
    });
    expect(outcome).toMatchObject({
      status: "sent",
      expectedAt: new Date("2026-01-13T09:40:00Z"),
    });
    const sent = await acknowledgements(ids.accountId, id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toBe(
      "Bonjour, nous avons bien reçu votre message. Un conseiller vous répondra d'ici le mardi 13 janvier à 10 h 40 (heure de Paris).",
    );
    expect(sent[0]?.metadata).toMatchObject({ automatic: true });
    expect(await findAcknowledgement(services.db, ids.accountId, id)).toMatchObject({
      status: "sent",
      basis: { source: "history", medianMinutes: 40, samples: 3, queueAhead: 0, waitMinutes: 40 },
    });

    // A retry, a restart, or two workers at once: still one acknowledgement.
    const again = await Promise.all([
      acknowledgementSender(services, { accountId: ids.accountId, messageId, now }),
      acknowledgementSender(services, { accountId: ids.accountId, messageId, now }),
    ]);
    expect(again.map((result) => result.status)).toEqual(["none", "none"]);
    expect(await acknowledgements(ids.accountId, id)).toHaveLength(1);
  });

  it("lengthens the wait with the live queue", async () => {
    const ids = await setup();
    await history(ids, "2026-01-12");
    const now = new Date("2026-01-13T09:00:00Z");
    // Two customers already waiting for a first answer on the channel.
    await conversation(ids, new Date("2026-01-13T08:10:00Z"));
    await conversation(ids, new Date("2026-01-13T08:20:00Z"));
    const { messageId } = await conversation(ids, new Date(now.getTime() - MINUTE), {
      locale: "fr",
    });
    const outcome = await acknowledgementSender(services, {
      accountId: ids.accountId,
      messageId,
      now,
    });
    // Usual queue: 3 answers × 40 min / 2,700 business minutes (Tue 10:00 → Tue 10:00) ≈ 0.044;
    // 3 in line (2 ahead and this one) → 40 × 3 / 1.044 = 114.9 → 115 minutes → 11:55 Paris.
    expect(
      expectedWaitMinutes({
        medianMinutes: 40,
        answered: 3,
        windowBusinessMinutes: 2700,
        queueAhead: 2,
      }),
    ).toBe(115);
    expect(outcome).toMatchObject({ status: "sent", expectedAt: new Date("2026-01-13T10:55:00Z") });
  });

  it("gives the next opening when closed, skipping a holiday, in English for a Los Angeles customer", async () => {
    const ids = await setup();
    await history(ids, "2026-01-15");
    await services.db
      .insertInto("team_holidays")
      .values({ account_id: ids.accountId, team_id: ids.teamId, date: "2026-01-19", name: "Fête" })
      .execute();
    // Saturday 17 January 2026, 10:00 in Paris; Monday 19 is a holiday.
    const now = new Date("2026-01-17T09:00:00Z");
    const { id, messageId } = await conversation(ids, new Date(now.getTime() - MINUTE), {
      locale: "en",
      timeZone: "America/Los_Angeles",
    });
    const outcome = await acknowledgementSender(services, {
      accountId: ids.accountId,
      messageId,
      now,
    });
    expect(outcome).toMatchObject({ status: "sent", expectedAt: new Date("2026-01-20T08:40:00Z") });
    const [sent] = await acknowledgements(ids.accountId, id);
    expect(sent?.text).toBe(
      "Hello, we've received your message. Our team is closed right now: it's back on Tuesday, January 20 at 12:00 AM (Los Angeles time), and an agent will answer you by Tuesday, January 20 at 12:40 AM (Los Angeles time).",
    );
  });

  it("without answers in the last 7 days, takes the SLA policy's first-response target; without either, says nothing", async () => {
    const ids = await setup();
    const now = new Date("2026-01-13T09:00:00Z");
    const silent = await conversation(ids, new Date(now.getTime() - MINUTE), { locale: "fr" });
    expect(
      await acknowledgementSender(services, {
        accountId: ids.accountId,
        messageId: silent.messageId,
        now,
      }),
    ).toEqual({
      status: "skipped",
      reason: "no answer in the last 7 days and no SLA first-response target",
    });
    expect(await acknowledgements(ids.accountId, silent.id)).toHaveLength(0);

    await services.db
      .insertInto("sla_policies")
      .values({
        account_id: ids.accountId,
        name: "API",
        position: 0,
        match: JSON.stringify({ channelKinds: ["api"] }),
        targets: JSON.stringify({ firstResponseMinutes: 90 }),
        hours: "team",
      })
      .execute();
    const { id, messageId } = await conversation(ids, new Date(now.getTime() - MINUTE), {
      locale: "fr",
    });
    expect(
      await acknowledgementSender(services, { accountId: ids.accountId, messageId, now }),
    ).toMatchObject({ status: "sent", expectedAt: new Date("2026-01-13T10:30:00Z") });
    expect(await findAcknowledgement(services.db, ids.accountId, id)).toMatchObject({
      basis: { source: "policy", samples: 0 },
    });
  });

  it("is off by default, acknowledges only the first customer message, never in public, never after an agent", async () => {
    const now = new Date("2026-01-13T09:00:00Z");
    const off = await setup({ enabled: false });
    await history(off, "2026-01-12");
    const quiet = await conversation(off, now);
    expect(
      await acknowledgementSender(services, {
        accountId: off.accountId,
        messageId: quiet.messageId,
        now,
      }),
    ).toEqual({ status: "none" });
    expect(await findAcknowledgement(services.db, off.accountId, quiet.id)).toBeUndefined();

    const ids = await setup();
    await history(ids, "2026-01-12");
    const first = await conversation(ids, now);
    const second = await services.db
      .insertInto("messages")
      .values({
        account_id: ids.accountId,
        conversation_id: first.id,
        channel_id: ids.channelId,
        direction: "in",
        author_contact_id: first.contactId,
        text: "Vous êtes là ?",
        created_at: new Date(now.getTime() + MINUTE),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(
      await acknowledgementSender(services, {
        accountId: ids.accountId,
        messageId: second.id,
        now,
      }),
    ).toEqual({ status: "none" });

    // A public post on a channel with no private way to its author: nothing is said in public.
    const open = await conversation(ids, now, { visibility: "public" });
    expect(
      await acknowledgementSender(services, {
        accountId: ids.accountId,
        messageId: open.messageId,
        now,
      }),
    ).toEqual({ status: "skipped", reason: "no private way to the customer on this channel" });
    expect(await acknowledgements(ids.accountId, open.id)).toHaveLength(0);

    const answered = await conversation(ids, now);
    await reply(ids, answered.id, now);
    expect(
      await acknowledgementSender(services, {
        accountId: ids.accountId,
        messageId: answered.messageId,
        now,
      }),
    ).toEqual({ status: "skipped", reason: "an agent has already answered" });
  });
});
