import { describe, expect, it } from "vitest";
import { delayNoticeText } from "../backoffice/delayPlan.ts";
import { customerDate } from "./customer.ts";

describe("dates and reasons in the customer's words", () => {
  const now = new Date("2026-12-07T20:00:00Z");

  it("says a delivery day as people do, the year only when it is not this one", () => {
    expect(customerDate("fr", "2026-12-10", now)).toBe("jeudi 10 décembre");
    expect(customerDate("en", "2026-12-10", now)).toBe("Thursday, December 10");
    expect(customerDate("fr", "2027-01-05", now)).toBe("mardi 5 janvier 2027");
    expect(customerDate("en", "2027-01-05", now)).toBe("Tuesday, January 5, 2027");
    expect(customerDate("en", "not a date", now)).toBe("not a date");
  });

  it("words Relais's own reasons in the customer's language and keeps an agent's as written", () => {
    const restock = delayNoticeText("fr", ["R-1"], {
      newExpectedDelivery: "2026-12-17",
      reason: "restock of RST-1 on 2026-12-17",
      reasonCode: "restock",
    });
    expect(restock).toContain("votre commande R-1 aura du retard");
    expect(restock).toContain(
      "Raison : un article de votre commande attend son réapprovisionnement",
    );
    expect(restock).not.toContain("RST-1");
    const agent = delayNoticeText("en", ["D-3"], {
      newExpectedDelivery: "2026-12-24",
      reason: "a strike at the depot",
    });
    expect(agent).toContain("Reason: a strike at the depot.");
  });
});
