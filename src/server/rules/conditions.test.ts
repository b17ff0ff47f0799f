import { describe, expect, it } from "vitest";
import { type TRuleCondition, ZRuleCondition } from "../../shared/rules.ts";
import { conditionMatches, conditionsMatch, type RuleFacts } from "./conditions.ts";
import { bodyFor, renderTemplate, unknownVariables } from "./templates.ts";

const CHANNEL = "11111111-1111-4111-8111-111111111111";
const PARIS_TEAM = "22222222-2222-4222-8222-222222222222";
const LA_TEAM = "33333333-3333-4333-8333-333333333333";

function facts(overrides: Partial<RuleFacts["conversation"]> = {}, rest: Partial<RuleFacts> = {}) {
  return {
    conversation: {
      channel_id: CHANNEL,
      category: "delivery.late",
      sentiment: "negative",
      language: "fr",
      priority: "high",
      status: "open",
      visibility: "public",
      labels: ["VIP"],
      author_followers: 12_000,
      team_id: null,
      ...overrides,
    },
    channelKind: "x",
    contactEmails: ["zoe@shop.example.fr"],
    text: "Mon COLIS est abîmé, je veux être remboursée",
    timeZone: "Europe/Paris",
    teamHours: [],
    // A Tuesday, 10:30 in Paris (09:30 UTC in winter).
    now: new Date("2026-11-24T09:30:00Z"),
    ...rest,
  } satisfies RuleFacts;
}

/** Parses like the API does (defaults included), then checks. */
function check(condition: Record<string, unknown>, on: RuleFacts = facts()): boolean {
  return conditionMatches(ZRuleCondition.parse(condition), on);
}

describe("rule conditions", () => {
  it("channel kind and channel", () => {
    expect(check({ type: "channel_kind", in: ["x", "facebook"] })).toBe(true);
    expect(check({ type: "channel_kind", in: ["email"] })).toBe(false);
    expect(check({ type: "channel", in: [CHANNEL] })).toBe(true);
    expect(check({ type: "channel", in: ["22222222-2222-4222-8222-222222222222"] })).toBe(false);
  });

  it("category, exact or by family", () => {
    expect(check({ type: "category", in: ["delivery.*"] })).toBe(true);
    expect(check({ type: "category", in: ["delivery.late"] })).toBe(true);
    expect(check({ type: "category", in: ["delivery.damaged", "product.*"] })).toBe(false);
    expect(check({ type: "category", in: ["delivery.*"] }, facts({ category: null }))).toBe(false);
  });

  it("sentiment, language, priority, status, visibility", () => {
    expect(check({ type: "sentiment", in: ["negative"] })).toBe(true);
    expect(check({ type: "sentiment", in: ["positive"] })).toBe(false);
    expect(check({ type: "language", in: ["fr"] })).toBe(true);
    expect(check({ type: "language", in: ["en"] })).toBe(false);
    expect(check({ type: "priority", in: ["high", "urgent"] })).toBe(true);
    expect(check({ type: "priority", in: ["low"] })).toBe(false);
    expect(check({ type: "status", in: ["resolved"] })).toBe(false);
    expect(check({ type: "status", in: ["open"] })).toBe(true);
    expect(check({ type: "visibility", is: "public" })).toBe(true);
    expect(check({ type: "visibility", is: "private" })).toBe(false);
  });

  it("text contains any phrase, ignoring case and accents", () => {
    expect(check({ type: "text_contains", any: ["abime"] })).toBe(true);
    expect(check({ type: "text_contains", any: ["colis est   ABÎMÉ"] })).toBe(true);
    expect(check({ type: "text_contains", any: ["remboursée", "refund"] })).toBe(true);
    expect(check({ type: "text_contains", any: ["facture"] })).toBe(false);
  });

  it("contact: e-mail domain (and subdomains), label, reach", () => {
    expect(check({ type: "contact_email_domain", in: ["example.fr"] })).toBe(true);
    expect(check({ type: "contact_email_domain", in: ["SHOP.example.fr"] })).toBe(true);
    expect(check({ type: "contact_email_domain", in: ["ample.fr"] })).toBe(false);
    expect(check({ type: "label", has: "vip" })).toBe(true);
    expect(check({ type: "label", has: "b2b" })).toBe(false);
    expect(check({ type: "followers", atLeast: 10_000 })).toBe(true);
    expect(check({ type: "followers", atLeast: 50_000 })).toBe(false);
  });

  it("time: days and hours in the account's time zone, across midnight too", () => {
    const office = {
      type: "time",
      days: ["mon", "tue", "wed", "thu", "fri"],
      from: "09:00",
      to: "18:00",
    };
    expect(check(office)).toBe(true);
    // 10:30 in Paris is 01:30 in Los Angeles: outside office hours there.
    expect(check(office, facts({}, { timeZone: "America/Los_Angeles" }))).toBe(false);
    // Saturday 10:30 in Paris.
    expect(check(office, facts({}, { now: new Date("2026-11-28T09:30:00Z") }))).toBe(false);
    const night = { type: "time", days: ["mon"], from: "22:00", to: "06:00" };
    // Tuesday 01:30 in Paris belongs to Monday night.
    expect(check(night, facts({}, { now: new Date("2026-11-24T00:30:00Z") }))).toBe(true);
    expect(check(night)).toBe(false);
    expect(check({ type: "time", days: ["sat", "sun"] })).toBe(false);
  });

  it("business hours: the conversation's team's, another team's, or 9–18 on weekdays", () => {
    const paris = {
      teamId: PARIS_TEAM,
      timeZone: "Europe/Paris",
      weekly: {
        tue: [
          ["09:00", "12:00"],
          ["14:00", "18:00"],
        ] as Array<[string, string]>,
      },
    };
    const california = {
      teamId: LA_TEAM,
      timeZone: "America/Los_Angeles",
      weekly: {
        mon: [["09:00", "17:00"]] as Array<[string, string]>,
        tue: [["09:00", "17:00"]] as Array<[string, string]>,
      },
    };
    const teams = { teamHours: [paris, california] };
    const open = { type: "business_hours" };
    // Tuesday 10:30 in Paris: the Paris team is open; for Los Angeles it is 01:30, closed.
    expect(check(open, facts({ team_id: PARIS_TEAM }, teams))).toBe(true);
    expect(check(open, facts({ team_id: LA_TEAM }, teams))).toBe(false);
    expect(
      check({ type: "business_hours", teamId: LA_TEAM }, facts({ team_id: PARIS_TEAM }, teams)),
    ).toBe(false);
    // 12:30 in Paris falls in the lunch break.
    expect(
      check(
        open,
        facts({ team_id: PARIS_TEAM }, { ...teams, now: new Date("2026-11-24T11:30:00Z") }),
      ),
    ).toBe(false);
    // Outside hours, as a rule would ask before answering "we are closed".
    expect(
      check({ type: "business_hours", negate: true }, facts({ team_id: LA_TEAM }, teams)),
    ).toBe(true);
    // No team of its own: the first team with hours (Paris) decides.
    expect(check(open, facts({}, teams))).toBe(true);
    // No team has hours: weekdays 9–18 in the account's zone (Tuesday 10:30, then Saturday).
    expect(check(open)).toBe(true);
    expect(check(open, facts({}, { now: new Date("2026-11-28T09:30:00Z") }))).toBe(false);
  });

  it("negate turns any condition around; all must hold; none always holds", () => {
    expect(check({ type: "language", in: ["fr"], negate: true })).toBe(false);
    expect(check({ type: "time", days: ["sat", "sun"], negate: true })).toBe(true);
    const both = [
      { type: "language", in: ["fr"] },
      { type: "sentiment", in: ["negative"] },
    ].map((c) => ZRuleCondition.parse(c)) as TRuleCondition[];
    expect(conditionsMatch(both, facts())).toBe(true);
    expect(conditionsMatch(both, facts({ sentiment: "neutral" }))).toBe(false);
    expect(conditionsMatch([], facts())).toBe(true);
  });

  it("refuses malformed conditions", () => {
    expect(ZRuleCondition.safeParse({ type: "language", in: [] }).success).toBe(false);
    expect(ZRuleCondition.safeParse({ type: "time", from: "25:00" }).success).toBe(false);
    expect(ZRuleCondition.safeParse({ type: "weather", is: "rain" }).success).toBe(false);
    expect(ZRuleCondition.safeParse({ type: "label", has: "x", extra: 1 }).success).toBe(false);
  });
});

describe("canned reply templates", () => {
  it("fills variables, with fallbacks for unknown values", () => {
    const values = { "contact.name": "Zoé", "conversation.number": "42", "agent.name": null };
    expect(
      renderTemplate("Bonjour {{contact.name}}, dossier {{ conversation.number }}.", values),
    ).toBe("Bonjour Zoé, dossier 42.");
    expect(renderTemplate("— {{agent.name | L'équipe}}", values)).toBe("— L'équipe");
    expect(renderTemplate("— {{agent.name}}!", values)).toBe("— !");
  });

  it("names the variables it does not know", () => {
    expect(unknownVariables("Hi {{contact.name}} {{order.number}} {{ foo }}")).toEqual([
      "order.number",
      "foo",
    ]);
  });

  it("falls back to the other language when one is missing", () => {
    expect(bodyFor({ body_fr: "Bonjour", body_en: "Hello" }, "en")).toEqual({
      language: "en",
      body: "Hello",
    });
    expect(bodyFor({ body_fr: "Bonjour", body_en: null }, "en")).toEqual({
      language: "fr",
      body: "Bonjour",
    });
  });
});
