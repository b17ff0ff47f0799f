import { describe, expect, it } from "vitest";
import { customerDueTime, withNextStep } from "./nextStep.ts";

describe("next step as the customer reads it", () => {
  const dueAt = new Date("2026-12-10T13:00:00Z");

  it("is written in French for a Paris customer", () => {
    expect(
      withNextStep("Merci pour votre patience.", {
        text: "un technicien vous rappelle",
        dueAt,
        language: "fr",
        timeZone: "Europe/Paris",
      }),
    ).toBe(
      "Merci pour votre patience.\n\nProchaine étape : un technicien vous rappelle — jeudi 10 décembre à 14 h 00 (heure de Paris)",
    );
  });

  it("is written in English for a Los Angeles customer", () => {
    const la = new Date("2026-12-10T22:00:00Z");
    expect(
      withNextStep("", {
        text: "a technician calls you back",
        dueAt: la,
        language: "en",
        timeZone: "America/Los_Angeles",
      }),
    ).toBe(
      "Next step: a technician calls you back — Thursday, December 10 at 2:00 PM (Los Angeles time)",
    );
  });

  it("follows the zone's summer time", () => {
    expect(customerDueTime(new Date("2026-07-02T07:05:00Z"), "fr", "Europe/Paris")).toBe(
      "jeudi 2 juillet à 9 h 05 (heure de Paris)",
    );
  });
});
