import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel, createUser } from "../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import { waitFor as waitUntil } from "../../../test/support/wait.ts";
import type { TTeamAssignment } from "../../shared/rules.ts";
import type { TConversation } from "../../shared/schemas.ts";

/** A busy machine slows starting Relais (PGlite) and the relay → triage → automation pipeline. */
const STARTUP_MS = 180_000;
const waitFor = <T>(check: () => T | Promise<T>) => waitUntil(check, { timeoutMs: 40_000 });

const DELIVERY_FR = "Mon colis n'est toujours pas arrivé, la livraison a une semaine de retard";
const MALFUNCTION_EN = "My blender stopped working after two days, it won't turn on at all";

describe("routing and automatic assignment", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  async function setup() {
    const { account, token } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    const api = apiClient(relais.url, token);
    let sequence = 0;
    /** A customer's message; returns their conversation once triage has run. */
    const inbound = async (text: string, sentAt?: string) => {
      sequence += 1;
      const contact = `customer-${sequence}`;
      const hook = await postSignedHook(relais.url, channel.id, secret, {
        message: { id: `m-${sequence}`, text, sentAt },
        contact: { id: contact, name: `Customer ${sequence}` },
      });
      expect(hook.status).toBe(200);
      return waitFor(async () => {
        const list = await api.get("/api/v1/conversations?limit=100");
        const row = list.body.data.find(
          (c: TConversation) => c.contact.name === `Customer ${sequence}`,
        );
        return row?.category ? row : null;
      });
    };
    const conversation = async (id: string) =>
      (await api.get(`/api/v1/conversations/${id}`)).body.data;
    const team = async (name: string, skills: object, memberIds: string[]) => {
      const created = await api.post("/api/v1/teams", { name, skills, memberIds });
      expect(created.status).toBe(201);
      return created.body.data.id as string;
    };
    return { account, api, inbound, conversation, team };
  }

  it("sends each conversation to the team whose skills fit best, or to none", async () => {
    const { api, inbound, conversation, team } = await setup();
    const deliveries = await team(
      "Livraisons FR",
      { languages: ["fr"], categories: ["delivery.*"] },
      [],
    );
    const support = await team(
      "Support EN",
      { languages: ["en"], categories: ["product.malfunction", "product.usage"] },
      [],
    );
    await team("Francophones", { languages: ["fr"] }, []);

    const unmatched = await inbound("Thanks a lot, everything is perfect!");
    const fr = await inbound(DELIVERY_FR);
    const en = await inbound(MALFUNCTION_EN);
    expect([fr.language, fr.category]).toEqual(["fr", "delivery.late"]);
    expect([en.language, en.category]).toEqual(["en", "product.malfunction"]);

    await waitFor(async () => (await conversation(fr.id)).team?.id === deliveries);
    await waitFor(async () => (await conversation(en.id)).team?.id === support);
    // Teams are manual: routed, nobody assigned.
    expect((await conversation(fr.id)).assignee).toBeNull();
    expect((await conversation(unmatched.id)).team).toBeNull();

    const audit = await relais.services.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "data"])
      .where("subject_id", "=", fr.id)
      .execute();
    expect(audit).toEqual([
      { actor_user_id: null, data: { teamId: deliveries, reason: { by: "routing" } } },
    ]);
    const filtered = await api.get(`/api/v1/conversations?teamId=${support}`);
    expect(filtered.body.data.map((c: TConversation) => c.id)).toEqual([en.id]);
  });

  it("round-robin hands conversations to available members in turn", async () => {
    const { account, api, inbound, conversation, team } = await setup();
    const first = await createUser(relais.services, account.id);
    const second = await createUser(relais.services, account.id);
    const away = await createUser(relais.services, account.id);
    await apiClient(relais.url, away.token).patch(`/api/v1/users/${away.id}`, {
      available: false,
    });
    const id = await team("Livraisons", { categories: ["delivery.*"] }, [
      first.id,
      second.id,
      away.id,
    ]);
    const mode = await api.patch(`/api/v1/teams/${id}/assignment`, { mode: "round_robin" });
    expect(mode.status).toBe(200);
    expect(mode.body.data.mode).toBe("round_robin");

    const assignees: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const row = await inbound(DELIVERY_FR);
      const assigned = await waitFor(async () => (await conversation(row.id)).assignee);
      assignees.push(assigned.id);
    }
    expect(assignees[0]).not.toBe(assignees[1]);
    expect(assignees.slice(2)).toEqual(assignees.slice(0, 2));
    expect(new Set(assignees)).toEqual(new Set([first.id, second.id]));

    const summary = await api.get(`/api/v1/teams/${id}/assignment`);
    const loads = Object.fromEntries(
      summary.body.data.members.map((m: TTeamAssignment["members"][number]) => [
        m.userId,
        m.openCount,
      ]),
    );
    expect(loads).toEqual({ [first.id]: 2, [second.id]: 2, [away.id]: 0 });
  });

  it("capacity respects the maximum and availability; freed room goes to the oldest waiting", async () => {
    const { account, api, inbound, conversation, team } = await setup();
    const first = await createUser(relais.services, account.id);
    const second = await createUser(relais.services, account.id);
    const away = await createUser(relais.services, account.id);
    const awayApi = apiClient(relais.url, away.token);
    await awayApi.patch(`/api/v1/users/${away.id}`, { available: false });
    const id = await team("Support", { categories: ["product.*"] }, [first.id, second.id, away.id]);
    const mode = await api.patch(`/api/v1/teams/${id}/assignment`, {
      mode: "capacity",
      maxOpenPerAgent: 1,
    });
    expect(mode.body.data).toMatchObject({ mode: "capacity", maxOpenPerAgent: 1 });

    const routed = async (text: string, sentAt: string) => {
      const row = await inbound(text, sentAt);
      await waitFor(async () => (await conversation(row.id)).team?.id === id);
      return row.id as string;
    };
    const a = await routed(MALFUNCTION_EN, "2026-11-20T09:00:00Z");
    const b = await routed(MALFUNCTION_EN, "2026-11-20T09:05:00Z");
    const oldestWaiting = await routed(MALFUNCTION_EN, "2026-11-20T09:10:00Z");
    const newestWaiting = await routed(MALFUNCTION_EN, "2026-11-20T09:20:00Z");

    const holders = [
      (await waitFor(async () => (await conversation(a)).assignee)).id,
      (await waitFor(async () => (await conversation(b)).assignee)).id,
    ];
    expect(new Set(holders)).toEqual(new Set([first.id, second.id]));
    const queue = await api.get(`/api/v1/teams/${id}/assignment`);
    expect(queue.body.data.waiting).toBe(2);
    expect((await conversation(oldestWaiting)).assignee).toBeNull();
    expect((await conversation(newestWaiting)).assignee).toBeNull();

    // The first agent resolves their conversation: the oldest waiting one is theirs.
    const resolved = await api.patch(`/api/v1/conversations/${a}`, { status: "resolved" });
    expect(resolved.status).toBe(200);
    const next = await waitFor(async () => (await conversation(oldestWaiting)).assignee);
    expect(next.id).toBe(holders[0]);
    expect((await conversation(newestWaiting)).assignee).toBeNull();

    // The agent who was away comes back and takes the last one.
    await awayApi.patch(`/api/v1/users/${away.id}`, { available: true });
    const last = await waitFor(async () => (await conversation(newestWaiting)).assignee);
    expect(last.id).toBe(away.id);
    const after = await api.get(`/api/v1/teams/${id}/assignment`);
    expect(after.body.data.waiting).toBe(0);
    expect(
      after.body.data.members.every((m: TTeamAssignment["members"][number]) => m.openCount <= 1),
    ).toBe(true);
  });

  it("lets supervisors set assignment, refuses agents and bad values, hides other accounts", async () => {
    const { account, api, team } = await setup();
    const id = await team("Équipe", {}, []);
    const agent = await createUser(relais.services, account.id, "agent");
    const asAgent = apiClient(relais.url, agent.token);
    expect((await asAgent.get(`/api/v1/teams/${id}/assignment`)).status).toBe(200);
    expect(
      (await asAgent.patch(`/api/v1/teams/${id}/assignment`, { mode: "capacity" })).status,
    ).toBe(403);
    const bad = await api.patch(`/api/v1/teams/${id}/assignment`, { mode: "lottery" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBe("validation_failed");
    expect((await api.patch(`/api/v1/teams/${id}/assignment`, { maxOpenPerAgent: 0 })).status).toBe(
      400,
    );

    const other = await createAccount(relais.services);
    const foreign = apiClient(relais.url, other.token);
    expect((await foreign.get(`/api/v1/teams/${id}/assignment`)).status).toBe(404);
    expect((await foreign.patch(`/api/v1/teams/${id}/assignment`, { mode: "manual" })).status).toBe(
      404,
    );
  });
});
