import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServices, testServices } from "../../../test/support/relais.ts";
import {
  openedConversation,
  type ParisTeamIds,
  parisTeamAccount,
} from "../../../test/support/sla.ts";
import { listSlaClocks, NO_SLA_DUE_KEY } from "../models/slaClocks.ts";
import { presentConversationSla } from "../presenters/sla.ts";
import type { Services } from "../services.ts";
import { slaReconciler } from "./reconciler.ts";
import { slaSweeper } from "./sweep.ts";

describe("SLA clocks on conversations (fake clock)", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  });
  afterAll(async () => {
    await closeServices(services);
  });

  const setup = () => parisTeamAccount(services);

  async function policy(accountId: string, values: Record<string, unknown>) {
    await services.db
      .insertInto("sla_policies")
      .values({
        account_id: accountId,
        name: String(values.name),
        position: Number(values.position ?? 0),
        match: JSON.stringify(values.match ?? {}),
        targets: JSON.stringify(values.targets),
        hours: (values.hours as "always" | "team") ?? "always",
        warn_before_minutes: (values.warn as number | undefined) ?? null,
      })
      .execute();
  }

  const conversation = (ids: ParisTeamIds, createdAt: Date) =>
    openedConversation(services, ids, createdAt, { text: "Bonjour" });

  async function sla(accountId: string, conversationId: string) {
    return presentConversationSla(await listSlaClocks(services.db, accountId, [conversationId]));
  }

  /** The inbox's sort key the reconciler keeps on the conversation. */
  async function dueKey(accountId: string, id: string) {
    const row = await services.db
      .selectFrom("conversations")
      .select("sla_due_key")
      .where("account_id", "=", accountId)
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return row.sla_due_key;
  }

  const set = (accountId: string, id: string, values: Record<string, unknown>) =>
    services.db
      .updateTable("conversations")
      .set(values)
      .where("account_id", "=", accountId)
      .where("id", "=", id)
      .execute();

  it("counts business hours in the team's zone and pauses while pending", async () => {
    const ids = await setup();
    await policy(ids.accountId, {
      name: "Office hours",
      targets: { firstResponseMinutes: 120, resolutionMinutes: 600 },
      hours: "team",
    });
    // Friday 9 January 2026, 17:00 in Paris.
    const created = new Date("2026-01-09T16:00:00Z");
    const { id } = await conversation(ids, created);
    await slaReconciler(services.db, { ...ids, conversationId: id, now: created });
    expect(await sla(ids.accountId, id)).toMatchObject({
      policyName: "Office hours",
      firstResponseDueAt: "2026-01-12T09:00:00.000Z",
      // 10 h: 1 h on Friday, 9 h on Monday → Monday 18:00 Paris.
      resolutionDueAt: "2026-01-12T17:00:00.000Z",
      paused: false,
      breaches: [],
    });
    expect(await dueKey(ids.accountId, id)).toBe(Date.parse("2026-01-12T09:00:00Z"));

    // Monday 09:30 Paris: waits on the customer; the clock stands still…
    await set(ids.accountId, id, { status: "pending" });
    const pausedAt = new Date("2026-01-12T08:30:00Z");
    await slaReconciler(services.db, { ...ids, conversationId: id, now: pausedAt });
    expect(await sla(ids.accountId, id)).toMatchObject({
      firstResponseDueAt: null,
      resolutionDueAt: null,
      paused: true,
    });
    expect(await dueKey(ids.accountId, id)).toBe(NO_SLA_DUE_KEY);
    // …until 11:00 Paris, when the customer writes back: 30 minutes were left.
    await set(ids.accountId, id, { status: "open" });
    await slaReconciler(services.db, {
      ...ids,
      conversationId: id,
      now: new Date("2026-01-12T10:00:00Z"),
    });
    expect(await sla(ids.accountId, id)).toMatchObject({
      firstResponseDueAt: "2026-01-12T10:30:00.000Z",
      paused: false,
    });
    expect(await dueKey(ids.accountId, id)).toBe(Date.parse("2026-01-12T10:30:00Z"));
  });

  it("re-applies the first matching policy when the priority changes, history kept", async () => {
    const ids = await setup();
    await policy(ids.accountId, {
      name: "Urgent",
      position: 0,
      match: { priorities: ["urgent"] },
      targets: { firstResponseMinutes: 30 },
    });
    await policy(ids.accountId, {
      name: "Standard",
      position: 1,
      targets: { firstResponseMinutes: 240 },
    });
    const created = new Date("2026-03-02T10:00:00Z");
    const { id } = await conversation(ids, created);
    await slaReconciler(services.db, { ...ids, conversationId: id, now: created });
    expect(await sla(ids.accountId, id)).toMatchObject({
      policyName: "Standard",
      firstResponseDueAt: "2026-03-02T14:00:00.000Z",
    });
    await set(ids.accountId, id, { priority: "urgent" });
    await slaReconciler(services.db, {
      ...ids,
      conversationId: id,
      now: new Date("2026-03-02T10:10:00Z"),
    });
    expect(await sla(ids.accountId, id)).toMatchObject({
      policyName: "Urgent",
      firstResponseDueAt: "2026-03-02T10:30:00.000Z",
    });
    const clocks = await listSlaClocks(services.db, ids.accountId, [id]);
    expect(clocks.map((clock) => [clock.policy_name, Boolean(clock.superseded_at)])).toEqual([
      ["Standard", true],
      ["Urgent", false],
    ]);
  });

  it("meets the first response when a reply is sent, then owes a next response", async () => {
    const ids = await setup();
    await policy(ids.accountId, {
      name: "Chat",
      targets: { firstResponseMinutes: 60, nextResponseMinutes: 15 },
    });
    const created = new Date("2026-05-04T08:00:00Z");
    const { id, contactId } = await conversation(ids, created);
    await slaReconciler(services.db, { ...ids, conversationId: id, now: created });
    const reply = {
      account_id: ids.accountId,
      conversation_id: id,
      direction: "out" as const,
      author_user_id: ids.userId,
      text: "Bonjour !",
      created_at: new Date("2026-05-04T08:20:00Z"),
    };
    // Queued, not sent: not a response.
    await services.db
      .insertInto("messages")
      .values({ ...reply, delivery_status: "queued" })
      .execute();
    await slaReconciler(services.db, { ...ids, conversationId: id, now: reply.created_at });
    expect((await sla(ids.accountId, id))?.firstResponseDueAt).toBe("2026-05-04T09:00:00.000Z");
    await services.db
      .insertInto("messages")
      .values({ ...reply, delivery_status: "sent", sent_at: new Date("2026-05-04T08:21:00Z") })
      .execute();
    await services.db
      .insertInto("messages")
      .values({
        account_id: ids.accountId,
        conversation_id: id,
        direction: "in",
        author_contact_id: contactId,
        text: "Merci, et ensuite ?",
        created_at: new Date("2026-05-04T08:30:00Z"),
      })
      .execute();
    await slaReconciler(services.db, {
      ...ids,
      conversationId: id,
      now: new Date("2026-05-04T08:31:00Z"),
    });
    expect(await sla(ids.accountId, id)).toMatchObject({
      firstResponseDueAt: null,
      nextResponseDueAt: "2026-05-04T08:45:00.000Z",
    });
  });

  it("announces a warning and a breach exactly once, with two workers sweeping", async () => {
    const ids = await setup();
    await policy(ids.accountId, {
      name: "Fast",
      targets: { firstResponseMinutes: 10 },
      warn: 5,
    });
    const created = new Date("2020-01-01T10:00:00Z");
    const { id } = await conversation(ids, created);
    await slaReconciler(services.db, { ...ids, conversationId: id, now: created });
    const at = new Date("2020-01-01T10:06:00Z");
    await Promise.all([slaSweeper(services.db, at), slaSweeper(services.db, at)]);
    const later = new Date("2020-01-01T10:30:00Z");
    await Promise.all([slaSweeper(services.db, later), slaSweeper(services.db, later)]);
    const events = await services.db
      .selectFrom("events")
      .select(["name", "payload"])
      .where("account_id", "=", ids.accountId)
      .where("name", "in", ["sla.warning", "sla.breached", "notification.created"])
      .orderBy("id")
      .execute();
    expect(events.map((event) => [event.name, event.payload.changes ?? null])).toEqual([
      ["sla.warning", null],
      ["notification.created", ["sla.warning"]],
      ["sla.breached", null],
      ["notification.created", ["sla.breached"]],
    ]);
    expect(events[3]?.payload).toMatchObject({ teamId: ids.teamId, target: "firstResponse" });
    expect((await sla(ids.accountId, id))?.breaches).toEqual([
      { target: "firstResponse", at: "2020-01-01T10:10:00.000Z" },
    ]);
  });
});
