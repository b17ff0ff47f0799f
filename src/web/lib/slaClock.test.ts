import { describe, expect, it } from "vitest";
import type { TConversationSla } from "../../shared/sla.ts";
import { slaClockState } from "./slaClock.ts";

const NOW = Date.parse("2026-12-07T10:00:00Z");
const sla = (nearest: TConversationSla["nearest"], paused = false): TConversationSla => ({
  policyId: "p",
  policyName: "Standard",
  firstResponseDueAt: nearest?.dueAt ?? null,
  nextResponseDueAt: null,
  resolutionDueAt: null,
  paused,
  breaches: [],
  nearest,
});
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe("the inbox's SLA clock", () => {
  it("is green while far from due, amber within the hour or past the warning, red when late", () => {
    const clock = (dueIn: number, warnIn: number | null = null, breached = false) =>
      slaClockState(
        sla({
          target: "firstResponse",
          dueAt: at(dueIn),
          warnAt: warnIn === null ? null : at(warnIn),
          breached,
        }),
        NOW,
      )?.tone;
    expect(clock(180)).toBe("ok");
    expect(clock(45)).toBe("warning");
    expect(clock(180, -5)).toBe("warning");
    expect(clock(-1)).toBe("breached");
    // The server said breached (its sweep ran); the browser's clock may lag a little.
    expect(clock(1, null, true)).toBe("breached");
  });

  it("shows paused when no clock runs but one waits on the customer, nothing without a policy", () => {
    expect(slaClockState(sla(null, true), NOW)).toMatchObject({ tone: "paused", dueAt: null });
    expect(slaClockState(sla(null, false), NOW)).toBeNull();
    expect(slaClockState(null, NOW)).toBeNull();
  });
});
