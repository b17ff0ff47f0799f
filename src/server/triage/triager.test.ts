import { describe, expect, it } from "vitest";
import { CATEGORIES, type Category, createTriager } from "./index.ts";

const triager = createTriager();

describe("createTriager().triage", () => {
  it.each<[string, Category]>([
    ["Ma commande devait arriver il y a une semaine, toujours rien", "delivery.late"],
    ["My order is 5 days late", "delivery.late"],
    ["Mon colis est marqué livré mais je n'ai rien reçu", "delivery.missing"],
    ["Tracking says delivered but there is no parcel at my door", "delivery.missing"],
    ["colis abîmé !!!", "delivery.damaged"],
    ["The vase arrived smashed, the box was crushed", "delivery.damaged"],
    ["Le chargeur n'est pas compatible avec mon téléphone", "compatibility"],
    ["The charger doesn't fit my phone model", "compatibility"],
    ["La batterie ne tient plus la charge après deux semaines", "product.malfunction"],
    ["the screen went black and won't turn on", "product.malfunction"],
    ["Comment appairer le casque avec mon ordinateur ?", "product.usage"],
    ["How do I pair the headphones with my laptop?", "product.usage"],
    ["Ce serait bien d'ajouter un mode sombre à l'appli", "suggestion"],
    ["It would be great to add a wishlist to the app", "suggestion"],
    ["Faites un partenariat avec des influenceurs sur Instagram", "marketing_idea"],
    ["You should partner with a famous influencer on Instagram", "marketing_idea"],
    ["J'ai été débité deux fois pour la même commande", "billing"],
    ["I was charged twice for my order", "billing"],
    ["Je n'arrive pas à me connecter à mon compte", "account"],
    ["I can't log into my account", "account"],
    ["Merci pour votre super service, je recommande !", "praise"],
    ["Thank you so much, the team was amazing!", "praise"],
    ["Êtes-vous ouverts le dimanche ?", "other"],
    ["Are you hiring?", "other"],
  ])("files %j under %s", (text, category) => {
    expect(triager.triage(text).category).toBe(category);
  });

  it("returns the language, the sentiment and a confidence in [0, 1]", () => {
    const result = triager.triage("where is my order?? 😡");
    expect(result.language).toBe("en");
    expect(result.sentiment.label).toBe("negative");
    expect(CATEGORIES).toContain(result.category);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it("is more confident on a clear message than on a vague one", () => {
    const clear = triager.triage("I was charged twice, please refund the double payment");
    const vague = triager.triage("Je voudrais parler à quelqu'un");
    expect(clear.confidence).toBeGreaterThan(vague.confidence);
  });

  it("files a message without any known word under other", () => {
    expect(triager.triage("hello").category).toBe("other");
    expect(triager.triage("").category).toBe("other");
  });
});

describe("learning from agents' corrections", () => {
  // A question about where the shop ships, which agents file under "other"; the shipped model
  // reads it as a late delivery.
  const message = "Vous expédiez au Québec ?";

  it("changes the outcome of a misclassified message and of a similar one", () => {
    const own = createTriager();
    const before = own.triage(message).category;
    expect(before, "the example must start misclassified").not.toBe("other");
    own.learn(message, "other");
    expect(own.triage(message).category).toBe("other");
    expect(own.triage("Vous expédiez au Québec ou en Ontario ?").category).toBe("other");
    // Unrelated messages keep their category.
    expect(own.triage("colis abîmé !!!").category).toBe("delivery.damaged");
  });

  it("moves the statistical model too, not only the remembered messages", () => {
    const own = createTriager();
    // Shares too few words with the corrections below for the memory to match it (Jaccard < 0.5).
    const probe = "Bazooka géant, violet et brillant";
    expect(own.triage(probe).category).not.toBe("marketing_idea");
    for (const variant of ["bazooka violet", "mon bazooka violet", "le bazooka violet encore"]) {
      own.learn(variant, "marketing_idea");
    }
    expect(own.triage(probe).category).toBe("marketing_idea");
  });

  it("applies stored corrections at creation, and keeps triagers apart", () => {
    const corrected = createTriager({ corrections: [{ text: message, category: "other" }] });
    expect(corrected.triage(message).category).toBe("other");
    expect(createTriager().triage(message).category).not.toBe("other");
  });
});
