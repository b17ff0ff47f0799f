import { describe, expect, it } from "vitest";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { seedConversations } from "../../../reports/testing.ts";
import { apiRoutes } from "../index.ts";

/** 2026-11-16 is a Monday; times in UTC. */
const t = (day: number, clock: string) => `2026-11-${String(day).padStart(2, "0")}T${clock}Z`;
const PERIOD = `from=${t(16, "00:00:00")}&to=${t(21, "00:00:00")}`;

describe("reports overview", () => {
  const relais = useTestRelais();

  it("computes first response and resolution as computed by hand", async () => {
    const { account, token } = await createAccount(relais().services);
    const { channel } = await createApiChannel(relais().services, account.id);
    const answeredAfter = (day: number, seconds: number, extra: object = {}) => ({
      channelId: channel.id,
      messages: [
        { direction: "in" as const, at: t(day, "10:00:00") },
        { direction: "in" as const, at: t(day, "10:00:05") },
        { direction: "note" as const, at: t(day, "10:00:10") },
        {
          direction: "out" as const,
          at: new Date(Date.parse(t(day, "10:00:00")) + seconds * 1000).toISOString(),
        },
      ],
      ...extra,
    });
    await seedConversations(relais().services, account.id, [
      answeredAfter(16, 60, { category: "delivery.late", sentiment: "negative" }),
      answeredAfter(16, 120, { category: "delivery.late", resolvedAt: t(16, "12:00:00") }),
      answeredAfter(17, 300, { category: "billing", resolvedAt: t(17, "11:00:00") }),
      answeredAfter(17, 600),
      answeredAfter(18, 3600),
      // The company wrote first (60 s before the customer): its post is no response; the first
      // response is the reply 30 s after the customer's message.
      {
        channelId: channel.id,
        messages: [
          { direction: "out", at: t(19, "09:59:00") },
          { direction: "in", at: t(19, "10:00:00") },
          { direction: "out", at: t(19, "10:00:30") },
        ],
      },
      // Unanswered: the only reply is still queued (never sent).
      {
        channelId: channel.id,
        messages: [
          { direction: "in", at: t(19, "11:00:00") },
          { direction: "out", at: t(19, "11:01:00"), sentAt: null },
        ],
      },
      // Its first customer message is before the period: not counted (its messages inside are).
      {
        channelId: channel.id,
        messages: [
          { direction: "in", at: t(15, "23:00:00") },
          { direction: "out", at: t(16, "01:00:00") },
        ],
      },
    ]);

    const api = apiClient(relais().url, token);
    const response = await api.get(`/api/v1/reports/overview?${PERIOD}`);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.conversations).toBe(7);
    expect(body.inboundMessages).toBe(5 * 2 + 2);
    // Outbound sent in the period: 5 + 2 (company first) + the earlier conversation's reply.
    expect(body.outboundMessages).toBe(5 + 2 + 1);
    // Sorted responses: 30 60 120 300 600 3600. Median at position 2.5: (120 + 300) / 2 = 210.
    // p90 at position 0.9 · 5 = 4.5: 600 + 0.5 · (3600 − 600) = 2100. Mean 4710 / 6 = 785.
    expect(body.firstResponse).toEqual({
      count: 6,
      unanswered: 1,
      medianSeconds: 210,
      p90Seconds: 2100,
      meanSeconds: 785,
    });
    // Resolutions 3600 and 7200 s: median 5400, p90 3600 + 0.9 · 3600 = 6840.
    expect(body.resolution).toEqual({ count: 2, medianSeconds: 5400, p90Seconds: 6840 });
    expect(body.byCategory).toEqual([
      { category: null, conversations: 4 },
      { category: "delivery.late", conversations: 2 },
      { category: "billing", conversations: 1 },
    ]);
    expect(body.bySentiment).toContainEqual({ sentiment: "negative", conversations: 1 });
    expect(body.byChannel).toEqual([
      { channelId: channel.id, name: "Shop", kind: "api", conversations: 7 },
    ]);
    // Days of the account's zone (Europe/Paris by default).
    expect(
      body.byDay.map((d: { day: string; conversations: number }) => [d.day, d.conversations]),
    ).toEqual([
      ["2026-11-16", 2],
      ["2026-11-17", 2],
      ["2026-11-18", 1],
      ["2026-11-19", 2],
    ]);
    expect(body.byDay[0].firstResponse).toEqual({ medianSeconds: 90, p90Seconds: 114 });
    expect(body.data).toEqual({ ...body, data: undefined });

    const other = await api.get(
      `/api/v1/reports/overview?${PERIOD}&channelId=${crypto.randomUUID()}`,
    );
    expect(other.body.conversations).toBe(0);
    expect(other.body.firstResponse.medianSeconds).toBeNull();
    const bad = await api.get("/api/v1/reports/overview?from=2026-11-20&to=2026-11-10");
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBeDefined();
  });

  it("counts only the team's opening hours with hours=business", async () => {
    const { account, token } = await createAccount(relais().services);
    const team = await relais()
      .services.db.insertInto("teams")
      .values({
        account_id: account.id,
        name: "Support",
        time_zone: "Europe/Paris",
        business_hours: JSON.stringify({
          mon: [["09:00", "18:00"]],
          tue: [["09:00", "18:00"]],
          wed: [["09:00", "18:00"]],
          thu: [["09:00", "18:00"]],
          fri: [["09:00", "18:00"]],
        }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await seedConversations(relais().services, account.id, [
      {
        teamId: team.id,
        // Friday 17:30 in Paris (16:30 UTC), answered Monday 9:30 (08:30 UTC): 30 + 30 minutes.
        messages: [
          { direction: "in", at: t(20, "16:30:00") },
          { direction: "out", at: t(23, "08:30:00") },
        ],
        resolvedAt: t(23, "09:00:00"),
      },
    ]);
    const api = apiClient(relais().url, token);
    const period = `from=${t(16, "00:00:00")}&to=${t(28, "00:00:00")}`;
    const calendar = (await api.get(`/api/v1/reports/overview?${period}`)).body;
    expect(calendar.firstResponse.medianSeconds).toBe(64 * 3600);
    const business = (await api.get(`/api/v1/reports/overview?${period}&hours=business`)).body;
    expect(business.firstResponse).toEqual({
      count: 1,
      unanswered: 0,
      medianSeconds: 3600,
      p90Seconds: 3600,
      meanSeconds: 3600,
    });
    expect(business.resolution.medianSeconds).toBe(3600 + 1800);
    expect(business.byDay[0].firstResponse.medianSeconds).toBe(3600);
  });

  it("exports a report as CSV with a BOM and one header row, agreeing with the API", async () => {
    const { account, token } = await createAccount(relais().services);
    const { channel } = await createApiChannel(relais().services, account.id);
    await seedConversations(relais().services, account.id, [
      {
        channelId: channel.id,
        messages: [
          { direction: "in", at: t(16, "10:00:00") },
          { direction: "out", at: t(16, "10:01:00") },
        ],
      },
      {
        channelId: channel.id,
        messages: [
          { direction: "in", at: t(16, "11:00:00") },
          { direction: "out", at: t(16, "11:03:00") },
        ],
        resolvedAt: t(18, "11:00:00"),
      },
    ]);
    const response = await fetch(
      `${relais().url}/api/v1/reports/export?report=overview&format=csv&${PERIOD}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain("relais-overview-2026-11-16");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines).toEqual([
      "day,conversations,inboundMessages,outboundMessages,firstResponseMedianSeconds,firstResponseP90Seconds,resolutionMedianSeconds,resolutionP90Seconds",
      "2026-11-16,2,2,2,120,168,172800,172800",
      "",
    ]);

    const api = apiClient(relais().url, token);
    const volume = await api.get(`/api/v1/reports/volume?${PERIOD}`);
    expect(volume.body.data).toEqual([
      {
        day: "2026-11-16",
        channelId: channel.id,
        channel: "Shop",
        conversations: 2,
        inboundMessages: 2,
        outboundMessages: 2,
      },
    ]);
    // Open at the end of each day of the period in Paris (the 16th to the 21st): both from the
    // 16th, one of them resolved on the 18th.
    const backlog = await api.get(`/api/v1/reports/backlog?${PERIOD}`);
    expect(backlog.body.data.map((d: { open: number }) => d.open)).toEqual([2, 2, 1, 1, 1, 1]);
    const csv = await fetch(`${relais().url}/api/v1/reports/export?report=backlog&${PERIOD}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await csv.text()).split("\r\n")[1]).toBe("2026-11-16,2");
    const unknown = await api.get("/api/v1/reports/export?report=secrets");
    expect(unknown.status).toBe(400);
  });

  it("lets a viewer see the reports and nothing of customers' data", async () => {
    const { account, token } = await createAccount(relais().services);
    const { channel } = await createApiChannel(relais().services, account.id);
    const [conversationId] = await seedConversations(relais().services, account.id, [
      { channelId: channel.id, messages: [{ direction: "in", at: t(16, "10:00:00") }] },
    ]);
    const viewer = await createUser(relais().services, account.id, "viewer");
    const api = apiClient(relais().url, viewer.token);
    const overview = await api.get(`/api/v1/reports/overview?${PERIOD}`);
    expect(overview.status).toBe(200);
    expect(overview.body.conversations).toBe(1);
    expect(JSON.stringify(overview.body)).not.toContain("Camille");
    expect((await api.get("/api/v1/session")).status).toBe(200);
    expect((await api.get("/api/v1/channels")).status).toBe(200);

    // Every route that is not a report, the session, or names for the filters is closed.
    const closed = apiRoutes.filter(
      (route) =>
        route.auth === "user" &&
        !route.url.startsWith("/api/v1/reports/") &&
        !["/api/v1/session", "/api/v1/tokens", "/api/v1/tokens/:id"].includes(route.url) &&
        !(
          route.method === "GET" &&
          [
            "/api/v1/channels",
            "/api/v1/teams",
            "/api/v1/users",
            "/api/v1/notifications",
            "/api/v1/account",
          ].includes(route.url)
        ) &&
        !(route.method === "PATCH" && route.url === "/api/v1/users/:id") &&
        // Published stories (anonymised) are for the reports' "this week's story"; drafts 403.
        !(route.method === "GET" && route.url.startsWith("/api/v1/stories")),
    );
    expect(closed.length).toBeGreaterThan(20);
    for (const route of closed) {
      const url = route.url.replace(/:\w+/g, conversationId as string);
      const response = await api.call(route.method, url, route.method === "GET" ? undefined : {});
      // Reads are refused; a write may be refused earlier, for its malformed body (400).
      const refused = route.method === "GET" || route.method === "DELETE" ? [403] : [400, 403];
      expect(refused, `${route.method} ${route.url}`).toContain(response.status);
    }
    const listed = await api.get("/api/v1/conversations");
    expect(JSON.stringify(listed.body)).not.toContain("Camille");
    // Agents keep their access.
    const agent = apiClient(relais().url, token);
    expect((await agent.get(`/api/v1/conversations/${conversationId}`)).status).toBe(200);
  });
});
