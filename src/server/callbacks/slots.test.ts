import { describe, expect, it } from "vitest";
import type { WeeklyHours } from "../db/schema.ts";
import { callbackSlots, formatSlot, withinHours } from "./slots.ts";

const CALIFORNIA_HOURS: WeeklyHours = {
  mon: [["08:00", "17:00"]],
  tue: [["08:00", "17:00"]],
  wed: [["08:00", "17:00"]],
  thu: [["08:00", "17:00"]],
  fri: [["08:00", "17:00"]],
};

function firstSlot(now: string) {
  const [slot] = callbackSlots({
    weekly: CALIFORNIA_HOURS,
    teamTimeZone: "America/Los_Angeles",
    customerTimeZone: "Europe/Paris",
    now: new Date(now),
    limit: 1,
  });
  if (!slot) throw new Error("no slot");
  return slot;
}

describe("callback slots for a team in California and a customer in Paris", () => {
  it("opens at 8:00 in Los Angeles, 17:00 in Paris, in winter (UTC−8 / UTC+1)", () => {
    const slot = firstSlot("2026-11-24T06:00:00Z");
    expect(slot.start).toBe("2026-11-24T16:00:00.000Z");
    expect(slot.team.local).toBe("2026-11-24T08:00:00.000-08:00");
    expect(slot.customer.local).toBe("2026-11-24T17:00:00.000+01:00");
    expect(slot.customer.time).toBe("17:00");
  });

  it("follows each side's own daylight-saving dates: 16:00 in Paris while only California has moved", () => {
    // The United States changed clocks on 8 March 2026, Europe only on 29 March.
    const slot = firstSlot("2026-03-16T06:00:00Z");
    expect(slot.team.local).toBe("2026-03-16T08:00:00.000-07:00");
    expect(slot.customer.local).toBe("2026-03-16T16:00:00.000+01:00");
    const after = firstSlot("2026-03-30T06:00:00Z");
    expect(after.customer.local).toBe("2026-03-30T17:00:00.000+02:00");
  });

  it("offers weekdays only, within the hours, never in the past, and skips full slots", () => {
    // Saturday 28 November 2026, afternoon in Paris: the next slot is Monday 8:00 in California.
    const slots = callbackSlots({
      weekly: CALIFORNIA_HOURS,
      teamTimeZone: "America/Los_Angeles",
      customerTimeZone: "Europe/Paris",
      now: new Date("2026-11-28T14:00:00Z"),
      days: 2,
      taken: new Set(["2026-11-30T16:00:00.000Z"]),
    });
    expect(slots[0]?.start).toBe("2026-11-30T16:30:00.000Z");
    expect(slots).toHaveLength(17);
    expect(slots.at(-1)?.team.time).toBe("16:30");
    for (const slot of slots) {
      expect(withinHours(CALIFORNIA_HOURS, "America/Los_Angeles", new Date(slot.start))).toBe(true);
    }
    expect(
      withinHours(CALIFORNIA_HOURS, "America/Los_Angeles", new Date("2026-11-30T15:30:00Z")),
    ).toBe(false);
    expect(
      withinHours(CALIFORNIA_HOURS, "America/Los_Angeles", new Date("2026-11-28T18:00:00Z")),
    ).toBe(false);
  });

  it("writes the time the customer will read, in their language and zone", () => {
    expect(formatSlot("2026-11-24T16:00:00Z", "Europe/Paris", "fr")).toBe(
      "mardi 24 novembre à 17:00",
    );
    expect(formatSlot("2026-11-24T16:00:00Z", "America/Los_Angeles", "en")).toBe(
      "Tuesday, November 24 at 08:00 AM",
    );
  });
});
