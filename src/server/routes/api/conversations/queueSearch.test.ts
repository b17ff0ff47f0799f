import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { accountWithApiChannel } from "../../../../../test/support/inbox.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import type { TConversation } from "../../../../shared/schemas.ts";

/** The queue summary above the inbox, and a search's matching message with its highlights. */
describe("queue summary and search matches", { timeout: 120_000 }, () => {
  const running = useTestRelais();

  const setUp = () => accountWithApiChannel(running());

  it("counts unassigned waiting, urgent and breaching, and names the oldest wait", async () => {
    const { account, api, user, send } = await setUp();
    await send("q-1", "a", "Bonjour, où en est ma commande ?");
    await send("q-2", "b", "Ma machine à café fuit.");
    await send("q-3", "c", "Je voudrais une facture.");
    const rows: TConversation[] = await waitFor(async () => {
      const data = (await api.get("/api/v1/conversations?sort=waiting_oldest")).body.data;
      return data.length === 3 && data.every((row: TConversation) => row.waitingSince)
        ? data
        : null;
    });
    const [oldest, middle, newest] = rows as [TConversation, TConversation, TConversation];
    await api.patch(`/api/v1/conversations/${middle.id}`, {
      assigneeId: user.id,
      priority: "urgent",
    });
    await running()
      .services.db.insertInto("sla_clocks")
      .values({
        account_id: account.id,
        conversation_id: newest.id,
        policy_name: "Standard",
        target: "firstResponse",
        target_minutes: 60,
        hours: "always",
        basis: "test",
        started_at: new Date(Date.now() - 90 * 60_000),
        remaining_minutes: 0,
        running_since: new Date(Date.now() - 90 * 60_000),
        due_at: new Date(Date.now() - 30 * 60_000),
        breached_at: new Date(Date.now() - 30 * 60_000),
      })
      .execute();

    const summary = await api.get("/api/v1/conversations/queue");
    expect(summary.status).toBe(200);
    expect(summary.body.data).toEqual({
      unassignedWaiting: 2,
      oldestWaiting: { id: oldest.id, waitingSince: oldest.waitingSince },
      urgent: 1,
      breached: 1,
      dueSoon: 0,
    });

    const agent = apiClient(
      running().url,
      (await createUser(running().services, account.id)).token,
    );
    expect((await agent.get("/api/v1/conversations/queue")).body.data.urgent).toBe(1);
    const foreign = apiClient(running().url, (await createAccount(running().services)).token);
    expect((await foreign.get("/api/v1/conversations/queue")).body.data).toEqual({
      unassignedWaiting: 0,
      oldestWaiting: null,
      urgent: 0,
      breached: 0,
      dueSoon: 0,
    });
  });

  it("shows the latest matching message with its matched words, accents and stems included", async () => {
    const { api, send } = await setUp();
    await send("s-1", "d", "Le colis est arrivé hier, mais l'écran était <b>fissuré</b>.");
    await send("s-2", "d", "Autre chose : je n'ai toujours pas reçu la facture.");
    await send("s-3", "e", "Bonjour, rien à voir.");
    await waitFor(async () => {
      const data = (await api.get("/api/v1/conversations?status=open")).body.data;
      return data.length === 2 ? data : null;
    });
    const found = await api.get(`/api/v1/conversations?q=${encodeURIComponent("ecrans fissures")}`);
    expect(found.body.data).toHaveLength(1);
    const match = found.body.data[0].match;
    expect(match.text).toBe("Le colis est arrivé hier, mais l'écran était <b>fissuré</b>.");
    const words = match.highlights.map((h: { start: number; end: number }) =>
      match.text.slice(h.start, h.end),
    );
    expect(words).toEqual(["écran", "fissuré"]);
    // The last message is about something else: the row shows the one that matched.
    expect(found.body.data[0].lastMessage.text).toContain("facture");

    const byName = await api.get("/api/v1/conversations?q=Client");
    expect(byName.body.data.length).toBe(2);
    expect(byName.body.data.every((row: TConversation) => row.match === null)).toBe(true);
    const plain = await api.get("/api/v1/conversations");
    expect(plain.body.data[0]).not.toHaveProperty("match");
  });

  it("applies one change to several conversations at once; another account's is not found", async () => {
    const { account, api, user, send } = await setUp();
    await send("b-1", "f", "Premier message");
    await send("b-2", "g", "Deuxième message");
    await send("b-3", "h", "Troisième message");
    const rows: TConversation[] = await waitFor(async () => {
      const data = (await api.get("/api/v1/conversations")).body.data;
      return data.length === 3 ? data : null;
    });
    const [one, two, three] = rows.map((row) => row.id) as [string, string, string];
    await api.patch(`/api/v1/conversations/${one}`, { labels: ["Ancien", "Garder"] });
    const foreign = await setUp();
    await foreign.send("x-1", "z", "Message d'un autre compte");
    const theirs: TConversation[] = await waitFor(async () => {
      const data = (await foreign.api.get("/api/v1/conversations")).body.data;
      return data.length === 1 ? data : null;
    });
    const theirId = (theirs[0] as TConversation).id;

    const agent = apiClient(
      running().url,
      (await createUser(running().services, account.id)).token,
    );
    const bulk = await agent.post("/api/v1/conversations/bulk", {
      ids: [one, two, theirId],
      changes: { assigneeId: user.id, addLabels: ["Lot"], removeLabels: ["Ancien"] },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.data.updated).toEqual([one, two]);
    expect(bulk.body.data.failed).toEqual([
      { id: theirId, error: { id: "not_found", message: "Conversation not found." } },
    ]);
    const first = (await api.get(`/api/v1/conversations/${one}`)).body.data;
    expect(first.labels).toEqual(["Garder", "Lot"]);
    expect(first.assignee.id).toBe(user.id);
    expect((await api.get(`/api/v1/conversations/${two}`)).body.data.labels).toEqual(["Lot"]);
    expect((await api.get(`/api/v1/conversations/${three}`)).body.data.assignee).toBeNull();
    const untouched = (await foreign.api.get(`/api/v1/conversations/${theirId}`)).body.data;
    expect(untouched).toMatchObject({ assignee: null, labels: [] });

    const snoozed = await api.post("/api/v1/conversations/bulk", {
      ids: [two, three],
      changes: { snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(snoozed.body.data.updated).toEqual([two, three]);
    const statuses = await api.get("/api/v1/conversations?status=snoozed");
    expect(statuses.body.data.map((row: TConversation) => row.id).sort()).toEqual(
      [two, three].sort(),
    );
    const empty = await api.post("/api/v1/conversations/bulk", { ids: [one], changes: {} });
    expect(empty.status).toBe(400);
  });
});
