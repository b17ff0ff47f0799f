import { beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import type { Services } from "../../../services.ts";
import { runOperation } from "../../operations.ts";
import { loadOpenings } from "./corpus.ts";
import { ScalePlan, type ScaleSetting } from "./plan.ts";

const UNTIL = "2026-11-30T15:30:00.000Z";
const SCALE = 240;

interface ScaleResult {
  account: string;
  conversations: number;
  generated: { conversations: number; messages: number; contacts: number };
}

/** Everything generated, without the ids a database chooses: equal for equal seeds. */
async function fingerprint(services: Services, slug: string, generated: number) {
  const account = await services.db
    .selectFrom("accounts")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  const conversations = await services.db
    .selectFrom("conversations as c")
    .innerJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
    )
    .leftJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "c.account_id").onRef("u.id", "=", "c.assignee_id"),
    )
    .leftJoin("teams as t", (join) =>
      join.onRef("t.account_id", "=", "c.account_id").onRef("t.id", "=", "c.team_id"),
    )
    .innerJoin("contacts as k", (join) =>
      join.onRef("k.account_id", "=", "c.account_id").onRef("k.id", "=", "c.contact_id"),
    )
    .select([
      "c.id",
      "c.number",
      "c.status",
      "c.category",
      "c.sentiment",
      "c.labels",
      "c.priority",
      "c.created_at",
      "ch.kind",
      "u.email as assignee",
      "t.name as team",
      "k.name as contact",
    ])
    .where("c.account_id", "=", account.id)
    // The demo's own conversations come first, dated from now; the generated ones follow.
    .where("c.number", ">", SCALE - generated)
    .orderBy("c.number")
    .execute();
  const messages = await services.db
    .selectFrom("messages")
    .select(["conversation_id", "direction", "text", "created_at"])
    .where("account_id", "=", account.id)
    .orderBy("created_at")
    .orderBy("text")
    .execute();
  const byConversation = new Map<string, string[]>();
  for (const message of messages) {
    const list = byConversation.get(message.conversation_id) ?? [];
    list.push(`${message.direction}|${new Date(message.created_at).toISOString()}|${message.text}`);
    byConversation.set(message.conversation_id, list);
  }
  return conversations.map(({ id, created_at, assignee, ...rest }) => ({
    ...rest,
    // The same agent in each account (agent3@scale-a… and agent3@scale-b…).
    assignee: assignee?.split("@")[0] ?? null,
    createdAt: new Date(created_at).toISOString(),
    messages: byConversation.get(id) ?? [],
  }));
}

describe("relais demo --scale", () => {
  // No worker: the demo's social channels name real hosts (mastodon.social, graph.facebook.com)
  // that the worker's profile and polling jobs would try to reach.
  const relais = useTestRelais({ RELAIS_ROLES: "web" });
  const results: Record<string, ScaleResult> = {};
  beforeAll(async () => {
    for (const slug of ["scale-a", "scale-b"]) {
      results[slug] = (await runOperation(relais().services, "demo.scale", {
        account: slug,
        scale: SCALE,
        seed: 42,
        until: UNTIL,
      })) as ScaleResult;
    }
  }, 600_000);

  it("generates the same account for the same seed, in exactly the number asked", async () => {
    const services = relais().services;
    expect(results["scale-a"]?.conversations).toBe(SCALE);
    const generated = results["scale-a"]?.generated.conversations ?? 0;
    const a = await fingerprint(services, "scale-a", generated);
    const b = await fingerprint(services, "scale-b", generated);
    expect(a.length).toBe(generated);
    expect(a.length).toBeGreaterThan(150);
    expect(b).toEqual(a);
    // Realistic spread: every channel kind, several statuses, a year of dates, long threads.
    expect(new Set(a.map((row) => row.kind)).size).toBe(10);
    expect(new Set(a.map((row) => row.status)).size).toBeGreaterThanOrEqual(2);
    const dates = a.map((row) => Date.parse(row.createdAt));
    expect(Math.max(...dates) - Math.min(...dates)).toBeGreaterThan(300 * 86_400_000);
    expect(Math.max(...dates)).toBeLessThanOrEqual(Date.parse(UNTIL));
    const sizes = a.map((row) => row.messages.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(15);
    const texts = a.flatMap((row) => row.messages);
    expect(texts.some((text) => /colis|commande/i.test(text))).toBe(true);
    expect(texts.some((text) => /order|parcel|refund/i.test(text))).toBe(true);
  });

  it("gives customers several identities", async () => {
    const services = relais().services;
    const account = await services.db
      .selectFrom("accounts")
      .select("id")
      .where("slug", "=", "scale-a")
      .executeTakeFirstOrThrow();
    const several = await services.db
      .selectFrom("identities")
      .select("contact_id")
      .where("account_id", "=", account.id)
      .groupBy("contact_id")
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    expect(several.length).toBeGreaterThan(20);
  });

  it("is served by the API with exact counts", async () => {
    const services = relais().services;
    const { token } = (await runOperation(services, "token.create", {
      account: "scale-a",
      email: "admin@scale-a.relais.test",
    })) as { token: string };
    const api = apiClient(relais().url, token);
    const account = await services.db
      .selectFrom("accounts")
      .select("id")
      .where("slug", "=", "scale-a")
      .executeTakeFirstOrThrow();
    const rows = await services.db
      .selectFrom("conversations")
      .select(["status", (eb) => eb.fn.countAll<string>().as("count")])
      .where("account_id", "=", account.id)
      .groupBy("status")
      .execute();
    const expected = { open: 0, pending: 0, snoozed: 0, resolved: 0 } as Record<string, number>;
    for (const row of rows) expected[row.status] = Number(row.count);
    const listed = await api.get("/api/v1/conversations?status=resolved&sort=recent&limit=100");
    expect(listed.status).toBe(200);
    expect(listed.body.counts).toEqual(expected);
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBe(SCALE);
    expect(listed.body.data.length).toBe(Math.min(100, expected.resolved ?? 0));
    const open = await api.get("/api/v1/conversations/counts");
    expect(open.status).toBe(200);
    // The longest generated thread comes back whole.
    const longest = await services.db
      .selectFrom("messages")
      .select(["conversation_id", (eb) => eb.fn.countAll<string>().as("count")])
      .where("account_id", "=", account.id)
      .groupBy("conversation_id")
      .orderBy("count", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const thread = await api.get(`/api/v1/conversations/${longest.conversation_id}/messages`);
    expect(thread.status).toBe(200);
    expect(thread.body.data.length).toBe(Number(longest.count));
    // Full-text search finds generated French words.
    const found = await api.get(
      "/api/v1/conversations?status=open,pending,snoozed,resolved&q=commande",
    );
    expect(found.status).toBe(200);
    expect(found.body.data.length).toBeGreaterThan(0);
  });
});

describe("the scale plan", () => {
  const setting = (seed: number) => {
    const channels = (
      [
        "api",
        "email",
        "chat",
        "phone",
        "x",
        "facebook",
        "instagram",
        "whatsapp",
        "mastodon",
        "bluesky",
      ] as const
    ).map((kind, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, kind }));
    const value: ScaleSetting = {
      channels,
      teams: { delivery: "t1", tech: "t2", billing: "t3", care: "t4" },
      agents: [{ id: "u1", name: "Camille Roux", team: "delivery" }],
      openings: loadOpenings(),
      firstNumber: 1,
      end: new Date(UNTIL),
    };
    return new ScalePlan(value, 500, seed).next(500);
  };
  it("differs from one seed to another and averages about five messages", () => {
    const a = setting(1);
    const b = setting(2);
    expect(a.conversations.length).toBe(500);
    expect(a.messages.map((m) => m.text)).not.toEqual(b.messages.map((m) => m.text));
    const average = a.messages.length / a.conversations.length;
    expect(average).toBeGreaterThan(3.5);
    expect(average).toBeLessThan(7);
  });
});
