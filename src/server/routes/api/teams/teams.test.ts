import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";

describe("/api/v1/teams", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  /** What the audit log and the outbox kept about one team, oldest first. */
  async function trail(accountId: string, teamId: string) {
    const audit = await relais()
      .services.db.selectFrom("audit_log")
      .select(["action", "data"])
      .where("account_id", "=", accountId)
      .where("subject_id", "=", teamId)
      .orderBy("id")
      .execute();
    const events = await relais()
      .services.db.selectFrom("events")
      .select(["name", "payload"])
      .where("account_id", "=", accountId)
      .where(({ eb, ref }) => eb(ref("payload", "->>").key("teamId"), "=", teamId))
      .orderBy("id")
      .execute();
    return { audit, events };
  }

  it("creates, changes and deletes a team, each change with its event and audit entry", async () => {
    const { account, user, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const agent = await createUser(relais().services, account.id);

    const created = await api.post("/api/v1/teams", {
      name: "Livraisons",
      skills: { languages: ["fr"] },
      memberIds: [agent.id, agent.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      name: "Livraisons",
      skills: { languages: ["fr"] },
      memberIds: [agent.id],
      timeZone: null,
      businessHours: null,
    });
    const id = created.body.data.id;

    const renamed = await api.patch(`/api/v1/teams/${id}`, {
      name: "Deliveries",
      memberIds: [user.id],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: "Deliveries", memberIds: [user.id] });
    expect((await api.get(`/api/v1/teams/${id}`)).body.data.memberIds).toEqual([user.id]);
    expect((await api.get("/api/v1/teams")).body.data.map((t: { id: string }) => t.id)).toEqual([
      id,
    ]);

    const deleted = await api.delete(`/api/v1/teams/${id}`);
    expect(deleted.body).toEqual({ data: { deleted: true } });
    expect((await api.get(`/api/v1/teams/${id}`)).status).toBe(404);
    expect((await api.delete(`/api/v1/teams/${id}`)).status).toBe(404);

    const { audit, events } = await trail(account.id, id);
    expect(audit.map((entry) => entry.action)).toEqual([
      "team.create",
      "team.update",
      "team.delete",
    ]);
    expect(audit[1]?.data).toMatchObject({ name: "Deliveries", memberIds: [user.id] });
    expect(audit[2]?.data).toEqual({ name: "Deliveries" });
    expect(events.map((event) => event.name)).toEqual([
      "team.created",
      "team.updated",
      "team.deleted",
    ]);
    expect(events[1]?.payload).toMatchObject({ changes: ["name", "memberIds"] });
  });

  it("keeps nothing of a change it refuses: a taken name, another account's member", async () => {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const team = (await api.post("/api/v1/teams", { name: "Retours" })).body.data;

    const taken = await api.post("/api/v1/teams", { name: "RETOURS" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe("team_exists");

    const stranger = await createUser(
      relais().services,
      (await createAccount(relais().services)).account.id,
    );
    const foreignMember = await api.post("/api/v1/teams", {
      name: "Échanges",
      memberIds: [stranger.id],
    });
    expect(foreignMember.status).toBe(404);
    const renameWithForeign = await api.patch(`/api/v1/teams/${team.id}`, {
      name: "Remboursements",
      memberIds: [stranger.id],
    });
    expect(renameWithForeign.status).toBe(404);

    const names = (await api.get("/api/v1/teams")).body.data.map((t: { name: string }) => t.name);
    expect(names).toEqual(["Retours"]);
    const { audit, events } = await trail(account.id, team.id);
    expect(audit.map((entry) => entry.action)).toEqual(["team.create"]);
    expect(events.map((event) => event.name)).toEqual(["team.created"]);
    const stray = await relais()
      .services.db.selectFrom("audit_log")
      .select("action")
      .where("account_id", "=", account.id)
      .where("action", "like", "team.%")
      .execute();
    expect(stray.map((entry) => entry.action)).toEqual(["team.create"]);
  });

  it("lets agents read teams, not change them; hides other accounts' teams", async () => {
    const { account, token } = await createAccount(relais().services);
    const team = (await apiClient(relais().url, token).post("/api/v1/teams", { name: "Support" }))
      .body.data;
    const agent = apiClient(relais().url, (await createUser(relais().services, account.id)).token);
    expect((await agent.get(`/api/v1/teams/${team.id}`)).status).toBe(200);
    expect((await agent.post("/api/v1/teams", { name: "Mine" })).status).toBe(403);
    expect((await agent.patch(`/api/v1/teams/${team.id}`, { name: "x" })).status).toBe(403);
    expect((await agent.delete(`/api/v1/teams/${team.id}`)).status).toBe(403);
    expect(
      (await agent.patch(`/api/v1/teams/${team.id}/assignment`, { mode: "round_robin" })).status,
    ).toBe(403);

    const foreign = apiClient(relais().url, (await createAccount(relais().services)).token);
    expect((await foreign.get("/api/v1/teams")).body.data).toEqual([]);
    expect((await foreign.patch(`/api/v1/teams/${team.id}`, { name: "x" })).status).toBe(404);
    expect((await foreign.delete(`/api/v1/teams/${team.id}`)).status).toBe(404);
  });

  it("sets how a team assigns and its business hours, with their audit entries", async () => {
    const { account, user, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const team = (await api.post("/api/v1/teams", { name: "Phone", memberIds: [user.id] })).body
      .data;

    const assignment = await api.patch(`/api/v1/teams/${team.id}/assignment`, {
      mode: "capacity",
      maxOpenPerAgent: 3,
    });
    expect(assignment.status).toBe(200);
    expect(assignment.body.data).toMatchObject({
      teamId: team.id,
      mode: "capacity",
      maxOpenPerAgent: 3,
      members: [{ userId: user.id, available: true, openCount: 0 }],
      waiting: 0,
    });
    const modeOnly = await api.patch(`/api/v1/teams/${team.id}/assignment`, { mode: "manual" });
    expect(modeOnly.body.data).toMatchObject({ mode: "manual", maxOpenPerAgent: 3 });

    const weekly = { mon: [["09:00", "17:00"]] };
    const hours = await api.put(`/api/v1/teams/${team.id}/business-hours`, {
      timeZone: "Europe/Paris",
      weekly,
    });
    expect(hours.body.data).toEqual({ teamId: team.id, timeZone: "Europe/Paris", weekly });
    expect((await api.get(`/api/v1/teams/${team.id}`)).body.data).toMatchObject({
      timeZone: "Europe/Paris",
      businessHours: weekly,
    });

    const { audit, events } = await trail(account.id, team.id);
    expect(audit.map((entry) => entry.action)).toEqual([
      "team.create",
      "team.assignment",
      "team.assignment",
      "team.business_hours",
    ]);
    expect(events.map((event) => event.payload.changes)).toEqual([
      undefined,
      ["assignment"],
      ["assignment"],
      ["businessHours"],
    ]);
  });
});
