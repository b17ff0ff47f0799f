import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";

const weekly = {
  report: "overview",
  filters: { hours: "business" },
  cadence: "weekly",
  weekday: "fri",
  time: "17:30",
  timeZone: "Europe/Paris",
  emails: ["Direction@Shop.example"],
  locale: "fr",
};

describe("/api/v1/report-schedules and the per-user dashboard", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("creates, lists, changes and deletes schedules; only supervisors and admins", async () => {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const created = await api.post("/api/v1/report-schedules", weekly);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const schedule = created.body.data;
    expect(schedule).toMatchObject({
      report: "overview",
      filters: { hours: "business" },
      cadence: "weekly",
      weekday: "fri",
      time: "17:30",
      timeZone: "Europe/Paris",
      emails: ["direction@shop.example"],
      locale: "fr",
      channelId: null,
      enabled: true,
      lastSentAt: null,
      lastError: null,
    });
    // The next Friday, 17:30 in Paris.
    const next = new Date(schedule.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Paris",
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
      }).format(next),
    ).toBe("Fri 17:30");

    expect(
      (await api.get("/api/v1/report-schedules")).body.data.map((s: { id: string }) => s.id),
    ).toEqual([schedule.id]);
    expect((await api.get(`/api/v1/report-schedules/${schedule.id}`)).body.data.id).toBe(
      schedule.id,
    );

    const daily = await api.patch(`/api/v1/report-schedules/${schedule.id}`, {
      cadence: "daily",
      time: "07:00",
      emails: ["a@shop.example", "b@shop.example"],
      locale: "en",
    });
    expect(daily.status).toBe(200);
    expect(daily.body.data).toMatchObject({ cadence: "daily", time: "07:00", locale: "en" });
    expect(new Date(daily.body.data.nextRunAt).getTime() - Date.now()).toBeLessThanOrEqual(
      86_400_000,
    );

    const refused = await Promise.all([
      api.post("/api/v1/report-schedules", { ...weekly, report: "nope" }),
      api.post("/api/v1/report-schedules", { ...weekly, time: "25:00" }),
      api.post("/api/v1/report-schedules", { ...weekly, timeZone: "Mars/Olympus" }),
      api.post("/api/v1/report-schedules", { ...weekly, emails: [] }),
      api.post("/api/v1/report-schedules", {
        ...weekly,
        channelId: "00000000-0000-4000-8000-000000000000",
      }),
    ]);
    for (const answer of refused) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.id).toBeTruthy();
    }

    for (const role of ["agent", "viewer"] as const) {
      const other = apiClient(
        relais().url,
        (await createUser(relais().services, account.id, role)).token,
      );
      expect((await other.get("/api/v1/report-schedules")).status).toBe(403);
      expect((await other.post("/api/v1/report-schedules", weekly)).status).toBe(403);
      expect((await other.delete(`/api/v1/report-schedules/${schedule.id}`)).status).toBe(403);
    }
    const supervisor = apiClient(
      relais().url,
      (await createUser(relais().services, account.id, "supervisor")).token,
    );
    expect((await supervisor.get("/api/v1/report-schedules")).body.data).toHaveLength(1);

    expect((await api.delete(`/api/v1/report-schedules/${schedule.id}`)).body.data).toEqual({
      deleted: true,
    });
    expect((await api.get(`/api/v1/report-schedules/${schedule.id}`)).status).toBe(404);
    const events = await relais()
      .services.db.selectFrom("events")
      .select("name")
      .where("account_id", "=", account.id)
      .where("name", "like", "report_schedule.%")
      .orderBy("id")
      .execute();
    expect(events.map((event) => event.name)).toEqual([
      "report_schedule.created",
      "report_schedule.updated",
      "report_schedule.deleted",
    ]);
  });

  it("keeps each user's choice of charts, viewers included", async () => {
    const { account, token } = await createAccount(relais().services);
    const admin = apiClient(relais().url, token);
    const viewer = apiClient(
      relais().url,
      (await createUser(relais().services, account.id, "viewer")).token,
    );
    const all = ["volume", "times", "backlog", "sentiment", "categories", "agents"];
    expect((await viewer.get("/api/v1/reports/dashboard")).body.data.charts).toEqual(all);
    const saved = await viewer.put("/api/v1/reports/dashboard", {
      charts: ["agents", "volume", "agents"],
    });
    expect(saved.body.data.charts).toEqual(["volume", "agents"]);
    expect((await viewer.get("/api/v1/reports/dashboard")).body.data.charts).toEqual([
      "volume",
      "agents",
    ]);
    // Another user of the account still sees every chart.
    expect((await admin.get("/api/v1/reports/dashboard")).body.data.charts).toEqual(all);
    expect((await viewer.put("/api/v1/reports/dashboard", { charts: ["pie"] })).status).toBe(400);
  });
});
