import { describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMinutesBetween, nextOpening, type Schedule } from "./clock.ts";

const weekdays = (zone: string, holidays: string[] = []): Schedule => ({
  kind: "hours",
  timeZone: zone,
  weekly: {
    mon: [["09:00", "18:00"]],
    tue: [["09:00", "18:00"]],
    wed: [["09:00", "18:00"]],
    thu: [["09:00", "18:00"]],
    fri: [["09:00", "18:00"]],
  },
  holidays: new Set(holidays),
});

const at = (iso: string) => new Date(iso);
const due = (from: string, minutes: number, schedule: Schedule) =>
  addBusinessMinutes(at(from), minutes, schedule)?.toISOString();

describe("business clock", () => {
  it("counts every minute when always open", () => {
    expect(due("2026-03-28T23:30:00Z", 120, { kind: "always" })).toBe("2026-03-29T01:30:00.000Z");
  });

  it("counts only opening hours and skips the weekend (Paris)", () => {
    // Friday 17:00 Paris (CET, UTC+1) + 2 h → Monday 10:00 Paris.
    expect(due("2026-01-09T16:00:00Z", 120, weekdays("Europe/Paris"))).toBe(
      "2026-01-12T09:00:00.000Z",
    );
  });

  it("follows Paris across the spring change (29 March 2026)", () => {
    // Friday 27 March 17:00 CET (16:00Z) + 2 h → Monday 30 March 10:00 CEST (08:00Z).
    expect(due("2026-03-27T16:00:00Z", 120, weekdays("Europe/Paris"))).toBe(
      "2026-03-30T08:00:00.000Z",
    );
  });

  it("follows Paris across the autumn change (25 October 2026)", () => {
    // Friday 23 October 17:00 CEST (15:00Z) + 2 h → Monday 26 October 10:00 CET (09:00Z).
    expect(due("2026-10-23T15:00:00Z", 120, weekdays("Europe/Paris"))).toBe(
      "2026-10-26T09:00:00.000Z",
    );
  });

  it("follows Los Angeles across its spring change (8 March 2026)", () => {
    // Friday 6 March 17:00 PST (01:00Z Sat) + 2 h → Monday 9 March 10:00 PDT (17:00Z).
    expect(due("2026-03-07T01:00:00Z", 120, weekdays("America/Los_Angeles"))).toBe(
      "2026-03-09T17:00:00.000Z",
    );
  });

  it("follows Los Angeles across its autumn change (1 November 2026)", () => {
    // Friday 30 October 17:00 PDT (00:00Z Sat) + 2 h → Monday 2 November 10:00 PST (18:00Z).
    expect(due("2026-10-31T00:00:00Z", 120, weekdays("America/Los_Angeles"))).toBe(
      "2026-11-02T18:00:00.000Z",
    );
  });

  it("counts a day open across midnight's change of offset in whole wall-clock hours", () => {
    const always: Schedule = {
      kind: "hours",
      timeZone: "Europe/Paris",
      weekly: { sun: [["00:00", "24:00"]] },
      holidays: new Set(),
    };
    // Sunday 29 March 2026 in Paris lasts 23 hours.
    expect(
      businessMinutesBetween(at("2026-03-28T20:00:00Z"), at("2026-03-29T23:00:00Z"), always),
    ).toBe(23 * 60);
  });

  it("skips a holiday", () => {
    // Thursday 24 December 17:00 Paris + 2 h: Friday 25 is a holiday → Monday 28, 10:00.
    expect(due("2026-12-24T16:00:00Z", 120, weekdays("Europe/Paris", ["2026-12-25"]))).toBe(
      "2026-12-28T09:00:00.000Z",
    );
  });

  it("starts counting at the next opening when closed", () => {
    expect(nextOpening(at("2026-01-10T12:00:00Z"), weekdays("Europe/Paris"))?.toISOString()).toBe(
      "2026-01-12T08:00:00.000Z",
    );
    expect(due("2026-01-10T12:00:00Z", 30, weekdays("Europe/Paris"))).toBe(
      "2026-01-12T08:30:00.000Z",
    );
  });

  it("measures business minutes between two instants, the inverse of adding them", () => {
    const schedule = weekdays("America/Los_Angeles", ["2026-11-26"]);
    const from = at("2026-11-25T22:00:00Z");
    const to = addBusinessMinutes(from, 600, schedule);
    expect(to).not.toBeNull();
    expect(businessMinutesBetween(from, to as Date, schedule)).toBe(600);
    // Wednesday 25 Nov 14:00 PST → 4 h that day; Thursday is a holiday; 6 h on Friday → 15:00.
    expect(to?.toISOString()).toBe("2026-11-27T23:00:00.000Z");
  });

  it("is never due on a schedule that never opens", () => {
    const closed: Schedule = { kind: "hours", timeZone: "UTC", weekly: {}, holidays: new Set() };
    expect(addBusinessMinutes(at("2026-01-01T00:00:00Z"), 10, closed)).toBeNull();
  });
});
