import { describe, expect, it } from "vitest";
import { assessUrgency } from "./urgency.ts";

const angry = { label: "negative", score: -0.8 } as const;
const happy = { label: "positive", score: 0.8 } as const;
const neutral = { label: "neutral", score: 0 } as const;

describe("assessUrgency", () => {
  it("makes a public negative post by a big account waiting for hours urgent", () => {
    const result = assessUrgency({
      sentiment: angry,
      visibility: "public",
      followers: 50_000,
      waitingMinutes: 120,
      category: "delivery.missing",
    });
    expect(result.priority).toBe("urgent");
  });

  it("makes a private praise low", () => {
    const result = assessUrgency({
      sentiment: happy,
      visibility: "private",
      followers: null,
      waitingMinutes: 30,
      category: "praise",
    });
    expect(result.priority).toBe("low");
  });

  it("orders public + negative + reach + wait above private praise", () => {
    const worst = assessUrgency({
      sentiment: angry,
      visibility: "public",
      followers: 50_000,
      waitingMinutes: 120,
      category: "delivery.late",
    });
    const best = assessUrgency({
      sentiment: happy,
      visibility: "private",
      waitingMinutes: 0,
      category: "praise",
    });
    expect(worst.score).toBeGreaterThan(best.score);
  });

  it("rises with each factor alone", () => {
    const base = {
      sentiment: neutral,
      visibility: "private",
      followers: 0,
      waitingMinutes: 10,
      category: "other",
    } as const;
    const score = (patch: Partial<Parameters<typeof assessUrgency>[0]>) =>
      assessUrgency({ ...base, ...patch }).score;
    const start = score({});
    expect(score({ sentiment: angry })).toBeGreaterThan(start);
    expect(score({ visibility: "public" })).toBeGreaterThan(start);
    expect(score({ visibility: "public", followers: 100_000 })).toBeGreaterThan(
      score({ visibility: "public", followers: 100 }),
    );
    expect(score({ waitingMinutes: 600 })).toBeGreaterThan(start);
    expect(score({ category: "delivery.missing" })).toBeGreaterThan(start);
    expect(score({ sentiment: happy })).toBeLessThan(start);
  });

  it("keeps the score in [0, 1] with extreme or odd inputs", () => {
    for (const input of [
      { sentiment: angry, visibility: "public", followers: 1e9, waitingMinutes: 1e7 },
      { sentiment: happy, visibility: "private", followers: -5, waitingMinutes: -10 },
    ] as const) {
      const { score } = assessUrgency({ ...input, category: "billing" });
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
