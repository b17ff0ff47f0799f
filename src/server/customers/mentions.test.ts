import { describe, expect, it } from "vitest";
import { extractMentions } from "./mentions.ts";

describe("extractMentions", () => {
  it("reads emails, phone numbers and order numbers as they are stored", () => {
    const mentions = extractMentions(
      "Bonjour, c'est Léa (Lea.Dupont@Example.FR, 06 12 34 56 78) pour la commande #10234.",
    );
    expect(mentions).toEqual(
      expect.arrayContaining([
        { kind: "email", value: "lea.dupont@example.fr" },
        { kind: "phone", value: "+33612345678" },
      ]),
    );
    expect(mentions.filter((m) => m.kind === "order").map((m) => m.value)).toContain("10234");
  });

  it("finds nothing in plain text", () => {
    expect(extractMentions("Mon colis n'est pas arrivé.")).toEqual([]);
  });
});
