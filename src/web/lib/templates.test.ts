import { describe, expect, it } from "vitest";
import { placeholders, prefillValues, renderTemplate, templateParts } from "./templates.ts";

const SUIVI =
  "Bonjour {{1}}, nous revenons vers vous au sujet de la commande {{2}}. Pouvez-vous nous répondre ici ?";

describe("message templates", () => {
  it("lists each placeholder once, positional ones by number", () => {
    expect(placeholders("Order {{2}} for {{1}}; {{1}} again")).toEqual(["1", "2"]);
    expect(placeholders("Bonjour {{first_name}}, commande {{ order }}")).toEqual([
      "first_name",
      "order",
    ]);
    expect(placeholders("Plain text")).toEqual([]);
  });

  it("renders the body with the values, leaving an empty variable visible", () => {
    expect(renderTemplate(SUIVI, { "1": "Lucas", "2": " CMD-47790 " })).toBe(
      "Bonjour Lucas, nous revenons vers vous au sujet de la commande CMD-47790. Pouvez-vous nous répondre ici ?",
    );
    expect(renderTemplate("Hi {{1}}, order {{2}}", { "1": "Priya" })).toBe("Hi Priya, order {{2}}");
  });

  it("splits the body into text and variables for the preview", () => {
    expect(templateParts("Hi {{1}}, order {{2}}.", { "1": "Priya" })).toEqual([
      { at: 0, text: "Hi " },
      { at: 3, text: "Priya", variable: "1", filled: true },
      { at: 8, text: ", order " },
      { at: 16, text: "{{2}}", variable: "2", filled: false },
      { at: 21, text: "." },
    ]);
  });

  it("puts the customer's first name where the template greets them, and only there", () => {
    expect(prefillValues(SUIVI, "Lucas Bernard")).toEqual({ "1": "Lucas" });
    expect(prefillValues("Hi {{1}}, we're following up on order {{2}}.", "Priya Shah")).toEqual({
      "1": "Priya",
    });
    expect(prefillValues("{{1}}, votre colis arrive demain.", "Élodie Martin")).toEqual({
      "1": "Élodie",
    });
    expect(prefillValues("Your order {{1}} has shipped.", "Lucas Bernard")).toEqual({});
    expect(prefillValues("Bonjour {{first_name}} ({{name}})", "Lucas Bernard")).toEqual({
      first_name: "Lucas",
      name: "Lucas Bernard",
    });
  });

  it("leaves the name out when the contact has none that reads as a name", () => {
    expect(prefillValues(SUIVI, null)).toEqual({});
    expect(prefillValues(SUIVI, "+33 7 98 76 54 32")).toEqual({});
    expect(prefillValues(SUIVI, "lucas@example.fr")).toEqual({});
  });
});
