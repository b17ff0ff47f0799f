import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { sweepSilentVisitors } from "../../channels/chat/visitorSweep.ts";
import {
  createChatChannel,
  openLiveSocket,
  openWidgetSession,
  visitorSocketUrl,
} from "./testing.ts";

/**
 * The widget is open to anyone: what one client can make Relais store is bounded. Before,
 * 60 sessions with forged X-Forwarded-For made 60 contacts, and one socket stored 200 messages
 * of 5 KB.
 */
describe("widget limits", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  const SESSIONS_PER_MINUTE = 40;

  beforeAll(async () => {
    relais = await startTestRelais({
      RELAIS_WIDGET_SESSIONS_PER_MINUTE: String(SESSIONS_PER_MINUTE),
    });
  });
  afterAll(async () => {
    await relais?.stop();
  });

  const contactsOf = async (accountId: string) =>
    (
      await relais.services.db
        .selectFrom("contacts")
        .select("id")
        .where("account_id", "=", accountId)
        .execute()
    ).length;

  it("60 sessions with forged addresses: bounded, and no contact for visitors who never wrote", async () => {
    const { account } = await createAccount(relais.services);
    const { channel } = await createChatChannel(relais.services, account.id);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const response = await fetch(`${relais.url}/widget/${channel.id}/session`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "https://shop.example",
          "x-forwarded-for": `203.0.113.${i + 1}`,
        },
        body: JSON.stringify({ name: `Visiteur ${i}`, email: `v${i}@example.fr` }),
      });
      statuses.push(response.status);
    }
    const opened = statuses.filter((status) => status === 200).length;
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThanOrEqual(SESSIONS_PER_MINUTE);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 429)).toBe(
      true,
    );
    const sessions = await relais.services.db
      .selectFrom("chat_sessions")
      .select(["contact_id"])
      .where("account_id", "=", account.id)
      .execute();
    expect(sessions).toHaveLength(opened);
    expect(sessions.every((session) => session.contact_id === null)).toBe(true);
    expect(await contactsOf(account.id)).toBe(0);

    // After the retention, the silent visitors are forgotten.
    const later = new Date(Date.now() + 25 * 3_600_000);
    const swept = await sweepSilentVisitors(relais.services.db, 24, later);
    expect(swept.sessions).toBeGreaterThanOrEqual(opened);
    const left = await relais.services.db
      .selectFrom("chat_sessions")
      .select("id")
      .where("account_id", "=", account.id)
      .execute();
    expect(left).toEqual([]);
  });

  it("a flood on one socket is refused after the visitor's limit, then hung up", async () => {
    // The sessions test above used up this address's quota of new sessions: start afresh.
    await sql`delete from rate_limits`.execute(relais.services.db);
    const { account } = await createAccount(relais.services);
    const { channel } = await createChatChannel(relais.services, account.id);
    const opened = await openWidgetSession(relais.url, channel.id, { name: "Flood" });
    const socket = await openLiveSocket(
      visitorSocketUrl(relais.url, channel.id, opened.body.data.token),
      { origin: "https://shop.example" },
    );
    await socket.next((frame) => frame.type === "hello");
    const text = "x".repeat(5000);
    for (let i = 0; i < 200; i += 1) {
      if (socket.socket.readyState !== socket.socket.OPEN) break;
      socket.send({ type: "message", clientId: `flood-${String(i).padStart(6, "0")}`, text });
    }
    expect(await socket.closed).toBe(4429);
    const refused = socket.frames.filter(
      (frame) => frame.type === "error" && frame.error === "rate_limited",
    );
    expect(refused.length).toBeGreaterThan(0);
    const stored = await relais.services.db
      .selectFrom("messages")
      .select("text")
      .where("account_id", "=", account.id)
      .execute();
    // 20 000 bytes a minute per visitor: four messages of 5 KB.
    expect(stored.length).toBe(4);
    expect(socket.frames.filter((frame) => frame.type === "stored")).toHaveLength(4);
    // The visitor wrote, so now (and only now) they are a contact, with the name they gave.
    const contacts = await relais.services.db
      .selectFrom("contacts")
      .select("name")
      .where("account_id", "=", account.id)
      .execute();
    expect(contacts).toEqual([{ name: "Flood" }]);
    await waitFor(async () => {
      const session = await relais.services.db
        .selectFrom("chat_sessions")
        .select("connections")
        .where("account_id", "=", account.id)
        .executeTakeFirstOrThrow();
      return session.connections === 0;
    });
  });
});
