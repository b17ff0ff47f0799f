import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";

describe("/api/v1/sla-policies, team holidays and the SLA report", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("creates, orders, previews, changes and deletes policies; agents only read", async () => {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const team = (await api.post("/api/v1/teams", { name: "Paris" })).body.data;
    const urgent = await api.post("/api/v1/sla-policies", {
      name: "Urgent",
      match: { priorities: ["urgent"], teamIds: [team.id] },
      targets: { firstResponseMinutes: 30, resolutionMinutes: 480 },
      hours: "team",
      warnBeforeMinutes: 10,
    });
    expect(urgent.status).toBe(201);
    expect(urgent.body.data).toMatchObject({
      name: "Urgent",
      position: 0,
      match: { priorities: ["urgent"], teamIds: [team.id] },
      targets: { firstResponseMinutes: 30, resolutionMinutes: 480 },
      hours: "team",
      warnBeforeMinutes: 10,
    });
    const standard = await api.post("/api/v1/sla-policies", {
      name: "Standard",
      targets: { firstResponseMinutes: 240 },
    });
    expect(standard.body.data).toMatchObject({ position: 1, hours: "always" });

    const preview = (body: object) => api.post("/api/v1/sla-policies/preview", body);
    expect((await preview({ priority: "urgent", teamId: team.id })).body.data.policyName).toBe(
      "Urgent",
    );
    expect((await preview({ priority: "urgent" })).body.data.policyName).toBe("Standard");

    const moved = await api.patch(`/api/v1/sla-policies/${urgent.body.data.id}`, { position: 2 });
    expect(moved.body.data.position).toBe(2);
    const renamed = await api.patch(`/api/v1/sla-policies/${standard.body.data.id}`, {
      name: "Standard (all)",
    });
    expect(renamed.status).toBe(200);
    expect((await preview({ priority: "urgent", teamId: team.id })).body.data.policyName).toBe(
      "Standard (all)",
    );
    expect((await api.get("/api/v1/sla-policies")).body.data.map((p: any) => p.name)).toEqual([
      "Standard (all)",
      "Urgent",
    ]);

    const agent = await createUser(relais().services, account.id, "agent");
    const asAgent = apiClient(relais().url, agent.token);
    expect((await asAgent.get("/api/v1/sla-policies")).status).toBe(200);
    expect((await asAgent.post("/api/v1/sla-policies", { name: "x", targets: {} })).status).toBe(
      403,
    );
    const invalid = await api.post("/api/v1/sla-policies", {
      name: "Bad",
      targets: { firstResponseMinutes: 0 },
    });
    expect(invalid.status).toBe(400);

    const removed = await api.delete(`/api/v1/sla-policies/${urgent.body.data.id}`);
    expect(removed.body.data).toEqual({ deleted: true });
    expect((await api.get(`/api/v1/sla-policies/${urgent.body.data.id}`)).status).toBe(404);
  });

  it("replaces a team's holidays", async () => {
    const { token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const team = (await api.post("/api/v1/teams", { name: "Lyon" })).body.data;
    const put = await api.put(`/api/v1/teams/${team.id}/holidays`, [
      { date: "2026-12-25", name: "Noël" },
      { date: "2026-01-01", name: "Jour de l'an" },
    ]);
    expect(put.status).toBe(200);
    expect(put.body.data).toEqual([
      { date: "2026-01-01", name: "Jour de l'an" },
      { date: "2026-12-25", name: "Noël" },
    ]);
    await api.put(`/api/v1/teams/${team.id}/holidays`, [{ date: "2026-07-14", name: "Fête" }]);
    const got = await api.get(`/api/v1/teams/${team.id}/holidays`);
    expect(got.body.data).toEqual([{ date: "2026-07-14", name: "Fête" }]);
    const bad = await api.put(`/api/v1/teams/${team.id}/holidays`, [{ date: "25/12", name: "x" }]);
    expect(bad.status).toBe(400);
  });

  it("reports SLA attainment and promises in their documented shapes", async () => {
    const { token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const sla = await api.get("/api/v1/reports/sla?from=2026-01-01T00:00:00Z");
    expect(sla.status).toBe(200);
    expect(sla.body.data.firstResponse).toEqual({
      met: 0,
      breached: 0,
      running: 0,
      attainment: null,
    });
    const promises = await api.get("/api/v1/reports/promises");
    expect(promises.body.data).toEqual({
      made: 0,
      kept: 0,
      keptOnTime: 0,
      broken: 0,
      open: 0,
      keptOnTimeRate: null,
    });
  });
});
