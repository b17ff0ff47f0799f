import { describe, expect, it } from "vitest";
import { type Candidate, pickAssignee } from "./assignment.ts";
import { bestTeam } from "./skills.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

function candidates(loads: Record<string, number>, unavailable: string[] = []): Candidate[] {
  return Object.entries(loads).map(([userId, openCount]) => ({
    userId,
    openCount,
    available: !unavailable.includes(userId),
  }));
}

describe("pickAssignee", () => {
  it("never assigns in manual mode", () => {
    expect(
      pickAssignee(candidates({ [A]: 0 }), {
        mode: "manual",
        maxOpenPerAgent: null,
        lastAssignedUserId: null,
      }),
    ).toBeNull();
  });

  it("round-robin takes the member after the previous one, wrapping, skipping the unavailable", () => {
    const policy = { mode: "round_robin" as const, maxOpenPerAgent: null };
    const team = candidates({ [A]: 9, [B]: 0, [C]: 0 }, [B]);
    expect(pickAssignee(team, { ...policy, lastAssignedUserId: null })).toBe(A);
    expect(pickAssignee(team, { ...policy, lastAssignedUserId: A })).toBe(C);
    expect(pickAssignee(team, { ...policy, lastAssignedUserId: C })).toBe(A);
    // The previous member left the team: the rotation goes on from where they stood.
    const without = candidates({ [A]: 0, [C]: 0 });
    expect(pickAssignee(without, { ...policy, lastAssignedUserId: B })).toBe(C);
  });

  it("capacity takes the least loaded below the maximum, ties in round-robin order", () => {
    const policy = { mode: "capacity" as const, maxOpenPerAgent: 3 };
    expect(
      pickAssignee(candidates({ [A]: 2, [B]: 1, [C]: 3 }), { ...policy, lastAssignedUserId: null }),
    ).toBe(B);
    expect(
      pickAssignee(candidates({ [A]: 1, [B]: 1, [C]: 1 }), { ...policy, lastAssignedUserId: A }),
    ).toBe(B);
    expect(
      pickAssignee(candidates({ [A]: 3, [B]: 0, [C]: 3 }, [B]), {
        ...policy,
        lastAssignedUserId: null,
      }),
    ).toBeNull();
  });
});

describe("bestTeam", () => {
  const teams = [
    { id: "all-fr", name: "Francophones", skills: { languages: ["fr"] } },
    {
      id: "delivery-fr",
      name: "Livraisons",
      skills: { languages: ["fr"], categories: ["delivery.*"] },
    },
    {
      id: "delivery-any",
      name: "Deliveries",
      skills: { categories: ["delivery.late", "delivery.missing", "delivery.damaged"] },
    },
    { id: "tech", name: "Tech", skills: { categories: ["product.malfunction"] } },
    { id: "general", name: "General", skills: {} },
  ];

  it("chooses the most specific team whose every declared skill fits", () => {
    const routeOf = (language: string | null, category: string | null) =>
      bestTeam(teams, { language, category, channelKind: "api" })?.id ?? null;
    expect(routeOf("fr", "delivery.late")).toBe("delivery-fr");
    expect(routeOf("en", "delivery.late")).toBe("delivery-any");
    expect(routeOf("en", "product.malfunction")).toBe("tech");
    expect(routeOf("fr", "billing")).toBe("all-fr");
    // A team without skills is never chosen by routing; nothing fitting leaves it unrouted.
    expect(routeOf("de", "billing")).toBeNull();
  });

  it("prefers the narrower list when as many kinds of skill match, then the name", () => {
    const pair = [
      { id: "wide", name: "A", skills: { channelKinds: ["email", "api", "chat"] } },
      { id: "narrow", name: "B", skills: { channelKinds: ["api"] } },
      { id: "twin", name: "C", skills: { channelKinds: ["api"] } },
    ];
    expect(bestTeam(pair, { language: null, category: null, channelKind: "api" })?.id).toBe(
      "narrow",
    );
  });
});
