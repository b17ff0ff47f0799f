import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { waitFor as waitUntil } from "../../../../../test/support/wait.ts";
import type { TRule, TRuleTestResult } from "../../../../shared/rules.ts";

/** A busy machine slows starting Relais (PGlite) and the relay → triage → automation pipeline. */
const STARTUP_MS = 180_000;
const waitFor = <T>(check: () => T | Promise<T>) => waitUntil(check, { timeoutMs: 40_000 });

const NEGATIVE_PUBLIC = {
  name: "Negative public post",
  trigger: "conversation.triaged",
  conditions: [
    { type: "visibility", is: "public" },
    { type: "sentiment", in: ["negative"] },
  ],
  actions: [
    { type: "set_priority", priority: "urgent" },
    { type: "notify", text: "Public complaint from {{contact.name}}" },
  ],
};

describe("/api/v1/rules", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });

  it("creates, lists in order, reads, changes and deletes rules", async () => {
    const { token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const first = await api.post("/api/v1/rules", NEGATIVE_PUBLIC);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      name: "Negative public post",
      enabled: true,
      position: 0,
      trigger: "conversation.triaged",
      conditions: [
        { type: "visibility", is: "public", negate: false },
        { type: "sentiment", in: ["negative"], negate: false },
      ],
      actions: [
        { type: "set_priority", priority: "urgent" },
        { type: "notify", text: "Public complaint from {{contact.name}}", userIds: [] },
      ],
    });
    const second = await api.post("/api/v1/rules", {
      name: "Deliveries",
      trigger: "message.received",
      conditions: [{ type: "category", in: ["delivery.*"] }],
      actions: [{ type: "add_label", label: "livraison" }],
    });
    expect(second.body.data.position).toBe(1);

    const moved = await api.patch(`/api/v1/rules/${second.body.data.id}`, {
      position: 0,
      enabled: false,
      conditions: [],
    });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ position: 0, enabled: false, conditions: [] });
    const moveFirst = await api.patch(`/api/v1/rules/${first.body.data.id}`, { position: 5 });
    expect(moveFirst.body.data.position).toBe(5);

    const list = await api.get("/api/v1/rules");
    expect(list.body.data.map((rule: TRule) => rule.name)).toEqual([
      "Deliveries",
      "Negative public post",
    ]);
    const one = await api.get(`/api/v1/rules/${first.body.data.id}`);
    expect(one.body.data.name).toBe("Negative public post");

    const deleted = await api.delete(`/api/v1/rules/${first.body.data.id}`);
    expect(deleted.body.data).toEqual({ deleted: true });
    expect((await api.get(`/api/v1/rules/${first.body.data.id}`)).status).toBe(404);
  });

  it("refuses invalid rules with 400", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const other = await createAccount(relais.services);
    const foreignTeam = await apiClient(relais.url, other.token).post("/api/v1/teams", {
      name: "Theirs",
    });
    const agent = await createUser(relais.services, account.id);
    const invalid: Array<[object, string]> = [
      [{ ...NEGATIVE_PUBLIC, trigger: "message.deleted" }, "trigger"],
      [{ ...NEGATIVE_PUBLIC, actions: [] }, "actions"],
      [{ ...NEGATIVE_PUBLIC, conditions: [{ type: "weather", is: "rain" }] }, "conditions.0"],
      [
        { ...NEGATIVE_PUBLIC, conditions: [{ type: "sentiment", in: ["furious"] }] },
        "conditions.0",
      ],
      [{ ...NEGATIVE_PUBLIC, conditions: [{ type: "time", from: "9h" }] }, "conditions.0"],
      [
        { ...NEGATIVE_PUBLIC, conditions: [{ type: "category", in: ["delivery.lost"] }] },
        "conditions.0.in",
      ],
      [
        {
          ...NEGATIVE_PUBLIC,
          actions: [{ type: "assign_team", teamId: foreignTeam.body.data.id }],
        },
        "actions.0.teamId",
      ],
      [
        { ...NEGATIVE_PUBLIC, actions: [{ type: "reply", cannedReplyId: agent.id }] },
        "actions.0.cannedReplyId",
      ],
      [
        { ...NEGATIVE_PUBLIC, actions: [{ type: "notify", text: "{{order.total}}" }] },
        "actions.0.text",
      ],
      [{ ...NEGATIVE_PUBLIC, actions: [{ type: "set_priority", priority: "asap" }] }, "actions.0"],
      [{ ...NEGATIVE_PUBLIC, colour: "red" }, ""],
    ];
    for (const [body, field] of invalid) {
      const response = await api.post("/api/v1/rules", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.id).toBe("validation_failed");
      expect(response.body.error.message).toContain(field);
    }
    const created = await api.post("/api/v1/rules", {
      ...NEGATIVE_PUBLIC,
      actions: [{ type: "assign_user", userId: agent.id }],
    });
    expect(created.status).toBe(201);
    const patch = await api.patch(`/api/v1/rules/${created.body.data.id}`, {
      actions: [{ type: "assign_team", teamId: foreignTeam.body.data.id }],
    });
    expect(patch.status).toBe(400);
    expect((await api.patch(`/api/v1/rules/${created.body.data.id}`, {})).status).toBe(400);
    expect((await api.get("/api/v1/rules")).body.data).toHaveLength(1);
  });

  it("lets agents read rules but not change them", async () => {
    const { account, token } = await createAccount(relais.services);
    const rule = await apiClient(relais.url, token).post("/api/v1/rules", NEGATIVE_PUBLIC);
    const supervisor = await createUser(relais.services, account.id, "supervisor");
    const agent = apiClient(relais.url, (await createUser(relais.services, account.id)).token);
    const id = rule.body.data.id;
    expect((await agent.get("/api/v1/rules")).body.data).toHaveLength(1);
    expect((await agent.get(`/api/v1/rules/${id}`)).status).toBe(200);
    expect((await agent.post("/api/v1/rules", NEGATIVE_PUBLIC)).status).toBe(403);
    expect((await agent.patch(`/api/v1/rules/${id}`, { enabled: false })).status).toBe(403);
    expect((await agent.delete(`/api/v1/rules/${id}`)).status).toBe(403);
    const asSupervisor = apiClient(relais.url, supervisor.token);
    expect((await asSupervisor.patch(`/api/v1/rules/${id}`, { enabled: false })).status).toBe(200);
  });

  it("answers 404 for another account's rules and conversations", async () => {
    const mine = await createAccount(relais.services);
    const theirs = await createAccount(relais.services);
    const api = apiClient(relais.url, mine.token);
    const foreign = apiClient(relais.url, theirs.token);
    const rule = await foreign.post("/api/v1/rules", NEGATIVE_PUBLIC);
    const id = rule.body.data.id;
    expect((await api.get(`/api/v1/rules/${id}`)).status).toBe(404);
    expect((await api.patch(`/api/v1/rules/${id}`, { enabled: false })).status).toBe(404);
    expect((await api.delete(`/api/v1/rules/${id}`)).status).toBe(404);
    expect((await api.post(`/api/v1/rules/${id}/test`, { conversationId: id })).status).toBe(404);
    expect((await api.get("/api/v1/rules")).body.data).toEqual([]);
    expect((await foreign.get(`/api/v1/rules/${id}`)).body.data.enabled).toBe(true);

    // My rule, tested against their conversation.
    const { channel, secret } = await createApiChannel(relais.services, theirs.account.id);
    const hook = await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "x", text: "Bonjour" },
      contact: { id: "c" },
    });
    const theirConversation = (await foreign.get("/api/v1/conversations")).body.data[0].id;
    expect(hook.status).toBe(200);
    const mineRule = await api.post("/api/v1/rules", NEGATIVE_PUBLIC);
    const test = await api.post(`/api/v1/rules/${mineRule.body.data.id}/test`, {
      conversationId: theirConversation,
    });
    expect(test.status).toBe(404);
  });

  it("dry-runs a rule against a conversation, condition by condition", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "d1", text: "Mon colis est arrivé complètement écrasé. Je suis furieux !!!" },
      contact: { id: "c1", email: "zoe@example.fr" },
    });
    const conversation = await waitFor(async () => {
      const row = (await api.get("/api/v1/conversations")).body.data[0];
      return row?.category ? row : null;
    });
    const rule = await api.post("/api/v1/rules", {
      ...NEGATIVE_PUBLIC,
      conditions: [
        { type: "sentiment", in: ["negative"] },
        { type: "visibility", is: "public" },
        { type: "contact_email_domain", in: ["example.fr"] },
        { type: "text_contains", any: ["ecrase"] },
      ],
    });
    const dry = await api.post(`/api/v1/rules/${rule.body.data.id}/test`, {
      conversationId: conversation.id,
    });
    expect(dry.status).toBe(200);
    expect(dry.body.data.matched).toBe(false);
    expect(
      dry.body.data.conditions.map((c: TRuleTestResult["conditions"][number]) => [
        c.condition.type,
        c.matched,
      ]),
    ).toEqual([
      ["sentiment", true],
      ["visibility", false],
      ["contact_email_domain", true],
      ["text_contains", true],
    ]);
    // Nothing was changed.
    const after = (await api.get(`/api/v1/conversations/${conversation.id}`)).body.data;
    expect(after.priority).toBe(conversation.priority);
  });
});
