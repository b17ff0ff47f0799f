import { describe, expect, it } from "vitest";
import { analyseSentiment } from "./sentiment.ts";
import { lexiconSentiment } from "./sentiment-lexicon.ts";

const label = (text: string, language?: string) => analyseSentiment(text, language).label;
const score = (text: string, language?: string) => analyseSentiment(text, language).score;

describe("analyseSentiment", () => {
  it("keeps scores in [-1, 1]", () => {
    for (const text of ["NUL NUL NUL 🤬🤬🤬 !!!!!!", "trop trop bien 😍😍😍 merci !!!!", ""]) {
      const { score: s } = analyseSentiment(text);
      expect(s).toBeGreaterThanOrEqual(-1);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it("reads plain polarity in both languages", () => {
    expect(label("content", "fr")).toBe("positive");
    expect(label("happy", "en")).toBe("positive");
    expect(label("produit nul", "fr")).toBe("negative");
    expect(label("terrible product", "en")).toBe("negative");
  });

  it("flips polarity under negation", () => {
    expect(label("pas content", "fr")).toBe("negative");
    expect(label("je ne suis pas satisfait", "fr")).toBe("negative");
    expect(label("not happy", "en")).toBe("negative");
    expect(label("not bad", "en")).not.toBe("negative");
    expect(score("not bad", "en")).toBeGreaterThan(score("bad", "en"));
    expect(label("pas mal du tout", "fr")).not.toBe("negative");
  });

  it("treats negated neutral verbs as complaints", () => {
    expect(label("jamais reçu", "fr")).toBe("negative");
    expect(label("ça marche pas", "fr")).toBe("negative");
    expect(label("never received it", "en")).toBe("negative");
    expect(label("it doesn't work", "en")).toBe("negative");
  });

  it("detects irony", () => {
    expect(label("merci pour rien", "fr")).toBe("negative");
    expect(label("thanks for nothing", "en")).toBe("negative");
    expect(label("great, another delay", "en")).toBe("negative");
    expect(label("bravo…", "fr")).toBe("negative");
    expect(label("Livré avec les coins défoncés, merci le transporteur", "fr")).toBe("negative");
    expect(label("Love waiting three weeks for a parcel /s", "en")).toBe("negative");
    // The same praise without a complaint stays positive.
    expect(label("great, thanks!", "en")).toBe("positive");
    expect(label("bravo !", "fr")).toBe("positive");
  });

  it("is strengthened by intensifiers, emoji, capitals and exclamation marks", () => {
    expect(score("très déçu", "fr")).toBeLessThan(score("déçu", "fr"));
    expect(score("really happy", "en")).toBeGreaterThan(score("happy", "en"));
    expect(score("pas content 😡", "fr")).toBeLessThan(score("pas content", "fr"));
    expect(score("PAS CONTENT", "fr")).toBeLessThan(score("pas content", "fr"));
    expect(score("pas content !!!", "fr")).toBeLessThan(score("pas content", "fr"));
    expect(score("love it 😍", "en")).toBeGreaterThan(score("love it", "en"));
  });

  it("reads emoji alone", () => {
    expect(label("🤬")).toBe("negative");
    expect(label("😡😡")).toBe("negative");
    expect(label("👍")).toBe("positive");
    expect(label("😍")).toBe("positive");
    expect(score("🙏")).toBeGreaterThan(0);
  });

  it("reads short social posts", () => {
    expect(label("colis abîmé !!!", "fr")).toBe("negative");
    expect(label("where is my order??", "en")).toBe("negative");
    expect(label("WHERE IS MY ORDER", "en")).toBe("negative");
    expect(label("super produit 😍", "fr")).toBe("positive");
  });

  it("keeps polite requests neutral", () => {
    expect(label("Bonjour, pouvez-vous m'envoyer la facture de ma commande ? Merci", "fr")).toBe(
      "neutral",
    );
    expect(label("Hi, how do I pair the earbuds with my phone?", "en")).toBe("neutral");
    expect(label("It would be great to choose a delivery slot", "en")).toBe("neutral");
  });

  it("detects the language itself when not told", () => {
    expect(analyseSentiment("pas content")).toEqual(analyseSentiment("pas content", "fr"));
  });

  it("reads a polite report of a problem as milder than an angry one", () => {
    const polite = lexiconSentiment("Having trouble with my cable box, can you help?", "en");
    const angry = lexiconSentiment("Having trouble with my cable box, can you help??", "en");
    expect(polite).toBeGreaterThan(-0.3);
    expect(angry).toBeLessThan(polite);
    expect(lexiconSentiment("worst service, error again, can you help?", "en")).toBeLessThan(-0.3);
  });
});
