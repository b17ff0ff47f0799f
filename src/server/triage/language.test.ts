import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

describe("detectLanguage", () => {
  it.each([
    ["colis abîmé !!!", "fr"],
    ["pas content", "fr"],
    ["merci pour rien", "fr"],
    ["toujours rien reçu 😡", "fr"],
    ["@Relais où est mon colis ???", "fr"],
    ["remboursement svp", "fr"],
    ["mot de passe oublié", "fr"],
    ["where is my order??", "en"],
    ["not happy at all", "en"],
    ["great, another delay", "en"],
    ["forgot my password", "en"],
    ["refund please", "en"],
    ["@shop wrong size again #fail", "en"],
    ["@shop NOOOOOOOO https://t.co/x", "en"],
    ["@shop Hurrah! https://t.co/x", "en"],
    ["@shop iOS 11.1 - keyboard lag", "en"],
    ["@shop 荷物がまだ届きません", "ja"],
    ["배송이 너무 늦어요", "ko"],
    ["我的包裹还没到", "zh"],
    ["Η παραγγελία μου δεν έφτασε ακόμα", "el"],
    ["Где мой заказ? Уже две недели жду", "ru"],
  ])("labels the short post %j as %s", (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it("labels longer messages in French and English", () => {
    expect(
      detectLanguage("Bonjour, ma commande devait arriver mardi et le suivi n'a pas bougé depuis."),
    ).toBe("fr");
    expect(
      detectLanguage("Hi, my order was due on Tuesday and the tracking hasn't moved since."),
    ).toBe("en");
  });

  it.each([
    ["Wo ist meine Bestellung? Das Paket ist beschädigt.", "de"],
    ["Hola, mi pedido llegó roto y nadie me responde", "es"],
    ["Il prodotto non funziona, voglio un rimborso", "it"],
    ["Mijn pakket is nog steeds niet aangekomen", "nl"],
    ["Ainda não recebi a minha encomenda, péssimo serviço", "pt"],
  ])("labels other languages: %j is %s", (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each(["", "   ", "👍", "???", "ok", "https://example.com @someone"])(
    "answers und when there is too little to tell: %j",
    (text) => {
      expect(detectLanguage(text)).toBe("und");
    },
  );
});
