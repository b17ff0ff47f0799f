import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { recordEvent } from "../../../events/outbox.ts";

describe("notifications", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, 120_000);
  afterAll(async () => {
    await relais?.stop();
  });

  /** Stored exactly as the rules' notify action and the callback reminders store them. */
  const notify = (accountId: string, payload: Record<string, unknown>) =>
    recordEvent(relais.services.db, { accountId, name: "notification.created", payload });

  async function setup() {
    const { account, user, token } = await createAccount(relais.services);
    const colleague = await createUser(relais.services, account.id, "agent");
    const team = await relais.services.db
      .insertInto("teams")
      .values({ account_id: account.id, name: "Livraisons" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const otherTeam = await relais.services.db
      .insertInto("teams")
      .values({ account_id: account.id, name: "Facturation" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await relais.services.db
      .insertInto("team_members")
      .values({ account_id: account.id, team_id: team.id, user_id: user.id })
      .execute();
    return { account, user, colleague, team, otherTeam, api: apiClient(relais.url, token) };
  }

  it("lists the agent's own notifications, newest first, with the unread count", async () => {
    const { account, user, colleague, team, otherTeam, api } = await setup();
    const ruleId = "11111111-1111-4111-8111-111111111111";
    await notify(account.id, { text: "For everyone", ruleId, userIds: [] });
    await notify(account.id, { text: "For me by name", ruleId, userIds: [user.id] });
    await notify(account.id, { text: "For my colleague", ruleId, userIds: [colleague.id] });
    await notify(account.id, { userId: user.id, teamId: team.id, changes: ["callback.due"] });
    await notify(account.id, { teamId: team.id, changes: ["callback.due"] });
    await notify(account.id, { teamId: otherTeam.id, changes: ["callback.due"] });
    // Assigned to a colleague: their teammates are not told, as in the live toast.
    await notify(account.id, { userId: colleague.id, teamId: team.id, changes: ["callback.due"] });

    const response = await api.get("/api/v1/notifications");
    expect(response.status).toBe(200);
    const list = response.body.data as Array<Record<string, unknown>>;
    expect(list.map((n) => [n.kind, n.text])).toEqual([
      ["callback_due", null],
      ["callback_due", null],
      ["rule", "For me by name"],
      ["rule", "For everyone"],
    ]);
    expect(list.every((n) => n.read === false)).toBe(true);
    expect(response.body.unread).toBe(4);
    const ids = list.map((n) => Number(n.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const theirs = await apiClient(relais.url, colleague.token).get("/api/v1/notifications");
    expect(theirs.body.data.map((n: { text: string | null }) => n.text)).toEqual([
      null,
      "For my colleague",
      "For everyone",
    ]);
  });

  it("pages with a cursor", async () => {
    const { account, api } = await setup();
    for (let index = 1; index <= 5; index += 1) await notify(account.id, { text: `N${index}` });
    const first = await api.get("/api/v1/notifications?limit=2");
    expect(first.body.data.map((n: { text: string }) => n.text)).toEqual(["N5", "N4"]);
    const second = await api.get(`/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((n: { text: string }) => n.text)).toEqual(["N3", "N2"]);
    const third = await api.get(`/api/v1/notifications?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.data.map((n: { text: string }) => n.text)).toEqual(["N1"]);
    expect(third.body.nextCursor).toBeUndefined();
    const bad = await api.get("/api/v1/notifications?cursor=nonsense");
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBeDefined();
  });

  it("marks read up to one notification, or all, never backwards, for this agent only", async () => {
    const { account, colleague, api } = await setup();
    for (let index = 1; index <= 3; index += 1) await notify(account.id, { text: `N${index}` });
    const list = (await api.get("/api/v1/notifications")).body.data as Array<{ id: string }>;
    const oldest = list[2]?.id;

    const some = await api.post("/api/v1/notifications/read", { upTo: oldest });
    expect(some.status).toBe(200);
    expect(some.body.data.unread).toBe(2);
    const after = (await api.get("/api/v1/notifications")).body;
    expect(after.data.map((n: { read: boolean }) => n.read)).toEqual([false, false, true]);

    expect((await api.post("/api/v1/notifications/read", {})).body.data.unread).toBe(0);
    // Marking an older one again does not make the newer ones unread.
    expect((await api.post("/api/v1/notifications/read", { upTo: oldest })).body.data.unread).toBe(
      0,
    );
    await notify(account.id, { text: "N4" });
    expect((await api.get("/api/v1/notifications")).body.unread).toBe(1);
    // The colleague has read nothing.
    expect(
      (await apiClient(relais.url, colleague.token).get("/api/v1/notifications")).body.unread,
    ).toBe(4);

    const malformed = await api.post("/api/v1/notifications/read", { upTo: "yesterday" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain("upTo");
    const extra = await api.post("/api/v1/notifications/read", { all: true });
    expect(extra.status).toBe(400);
  });

  it("never shows another account's notifications", async () => {
    const mine = await setup();
    const other = await setup();
    await notify(other.account.id, { text: "Secret de B" });
    await notify(mine.account.id, { text: "Pour A" });
    const list = (await mine.api.get("/api/v1/notifications")).body;
    expect(list.data.map((n: { text: string }) => n.text)).toEqual(["Pour A"]);
    expect(list.unread).toBe(1);
    // Reading up to B's newer id marks only A's own, and leaks nothing.
    const bNewest = (await other.api.get("/api/v1/notifications")).body.data[0].id;
    await mine.api.post("/api/v1/notifications/read", { upTo: bNewest });
    expect((await other.api.get("/api/v1/notifications")).body.unread).toBe(1);
  });

  it("numbers notifications per account, so ids say nothing of other accounts' activity", async () => {
    const mine = await setup();
    const other = await setup();
    await notify(mine.account.id, { text: "A1" });
    for (let index = 1; index <= 5; index += 1)
      await notify(other.account.id, { text: `B${index}` });
    await notify(mine.account.id, { text: "A2" });
    const ids = (await mine.api.get("/api/v1/notifications")).body.data.map(
      (n: { id: string }) => n.id,
    );
    expect(ids).toEqual(["2", "1"]);
    const theirs = (await other.api.get("/api/v1/notifications")).body.data.map(
      (n: { id: string }) => n.id,
    );
    expect(theirs).toEqual(["5", "4", "3", "2", "1"]);
    // Kept in their own table: pruning the outbox's published events keeps them.
    await relais.services.db
      .deleteFrom("events")
      .where("account_id", "=", mine.account.id)
      .where("name", "=", "notification.created")
      .execute();
    expect((await mine.api.get("/api/v1/notifications")).body.data).toHaveLength(2);
  });
});
