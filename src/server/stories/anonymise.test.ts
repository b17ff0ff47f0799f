import { describe, expect, it } from "vitest";
import { type AnonymiseInput, anonymise } from "./anonymise.ts";

const french: AnonymiseInput = {
  locale: "fr",
  people: [
    { kind: "customer", key: "contact-1", names: ["Marie-Hélène Dupont"] },
    { kind: "agent", key: "user-1", names: ["Julie Martin"] },
    { kind: "agent", key: "user-2", names: ["Paul Lefèvre"] },
  ],
  handles: ["@mh_dupont75"],
  orderNumbers: ["CMD-88412"],
  messages: [
    {
      from: { kind: "customer", key: "contact-1" },
      text:
        "Bonjour Julie,\n\nMa commande n° 48213 n'est toujours pas arrivée au 12 bis rue des Lilas, " +
        "75011 Paris. Vous pouvez me joindre au 06 12 34 56 78 ou à mh.dupont@exemple.fr " +
        "(je suis aussi @mh_dupont75 sur X).\n\nCordialement,\nMarie-Hélène",
    },
    {
      from: { kind: "agent", key: "user-1" },
      text:
        "Bonjour Madame Dupont, je suis désolée ! Votre colis 6A12345678901 est bloqué à Lyon. " +
        "Mon collègue Paul vous rappelle au +33 6 12 34 56 78 avant midi.\n\nJulie, service client",
    },
    { from: { kind: "automatic" }, text: "Nous avons bien reçu votre message." },
    {
      from: { kind: "agent", key: "user-2" },
      text:
        "Bonjour Marie-Helene, c'est Paul. Je vous renvoie la commande 48213 aujourd'hui, " +
        "et la CMD-88412 partira avec. M. Bernard, notre transporteur, passera demain au " +
        "3 avenue Victor Hugo, 69003 Lyon si vous préférez.\n— Paul",
    },
    {
      from: { kind: "customer", key: "contact-1" },
      text: "Merci Paul ! Ma voisine Mme Garnier pourra le récupérer (07.98.76.54.32).",
    },
  ],
  extras: [
    "Julie et Paul sauvent la commande 48213 de Mme Dupont",
    "Écrire à mh.dupont@exemple.fr",
  ],
};

const english: AnonymiseInput = {
  locale: "en",
  people: [
    { kind: "customer", key: "contact-9", names: [""] },
    { kind: "agent", key: "user-9", names: ["Sam O'Neill"] },
  ],
  handles: ["@johnnyb_88"],
  orderNumbers: ["#100234"],
  messages: [
    {
      from: { kind: "customer", key: "contact-9" },
      text:
        "Hi there, my order #100234 never arrived at 221B Baker Street, London NW1 6XE. " +
        "Call me on (415) 555-2671 or email john.b@example.com. @johnnyb_88 on Twitter.\n\n" +
        "Thanks,\nJohn Brown",
    },
    {
      from: { kind: "agent", key: "user-9" },
      text:
        "Hi John, I'm so sorry! Order 100234 was sent to 1600 Main St., Springfield, IL 62704 " +
        "by mistake. My colleague Dr. Patel is on it and I'll text you at 020 7946 0958 as " +
        "soon as it ships.\n\nBest regards,\nSam",
    },
    {
      from: { kind: "customer", key: "contact-9" },
      text: "Thank you Sam, you're a star. Tell Mrs. Patel thanks too! (johnnyb_88)",
    },
  ],
  extras: ["Sam finds John's order #100234"],
};

/** What must never be left in a story: every name, handle, email, phone and order given. */
const SECRETS = {
  fr: [
    "Marie",
    "Hélène",
    "Helene",
    "Dupont",
    "Julie",
    "Martin",
    "Paul",
    "Lefèvre",
    "Bernard",
    "Garnier",
    "mh_dupont75",
    "mh.dupont",
    "exemple.fr",
    "06 12 34 56 78",
    "6 12 34 56 78",
    "07.98.76.54.32",
    "48213",
    "88412",
    "6A12345678901",
    "Lilas",
    "75011",
    "Victor Hugo",
    "69003",
  ],
  en: [
    "John",
    "Brown",
    "Sam",
    "O'Neill",
    "Patel",
    "johnnyb_88",
    "john.b",
    "example.com",
    "555-2671",
    "7946 0958",
    "100234",
    "Baker",
    "NW1 6XE",
    "Main St",
    "62704",
  ],
};

const EMAIL = /[\w.+-]+@[\w-]+\.\w+/;
const HANDLE = /@\w/;
const DIGITS = /\d{5,}|\d{2}[ .]\d{2}[ .]\d{2}/;

describe("anonymise", () => {
  it("leaves no name, handle, email, phone, order number or address in a French conversation", () => {
    const story = anonymise(french);
    const all = [story.text, ...story.extras].join("\n");
    for (const secret of SECRETS.fr) expect(all, secret).not.toContain(secret);
    expect(all).not.toMatch(EMAIL);
    expect(all).not.toMatch(HANDLE);
    expect(all).not.toMatch(DIGITS);
  });

  it("gives each French value one stable placeholder, the speakers numbered first", () => {
    const { text, extras } = anonymise(french);
    // One paragraph per message: a blank line parts two messages, never one message's lines.
    expect(text.split("\n\n")).toHaveLength(5);
    expect(text.startsWith("[Client 1] : Bonjour [Agent 1],\nMa commande")).toBe(true);
    expect(text).toContain(
      "Ma commande n° [Commande 1] n'est toujours pas arrivée au [Adresse 1].",
    );
    expect(text).toContain("au [Téléphone 1] ou à [Email 1] (je suis aussi [Pseudo 1] sur X)");
    expect(text).toContain("Cordialement,\n[Client 1]");
    // The same phone written two ways, the same order written three ways.
    expect(text).toContain("vous rappelle au [Téléphone 1] avant midi");
    expect(text).toContain("la commande [Commande 1] aujourd'hui, et la [Commande 2] partira");
    expect(text).toContain("Votre colis [Numéro 1] est bloqué à Lyon");
    expect(text).toContain("[Agent 1], service client");
    expect(text).toContain("[Réponse automatique] : Nous avons bien reçu votre message.");
    expect(text).toContain("[Agent 2] : Bonjour [Client 1], c'est [Agent 2].");
    expect(text).toContain("[Personne 1], notre transporteur, passera demain au [Adresse 2] si");
    expect(text).toContain("\n— [Agent 2]");
    expect(text).toContain(
      "Merci [Agent 2] ! Ma voisine Mme [Personne 2] pourra le récupérer ([Téléphone 2])",
    );
    expect(extras).toEqual([
      "[Agent 1] et [Agent 2] sauvent la commande [Commande 1] de Mme [Client 1]",
      "Écrire à [Email 1]",
    ]);
  });

  it("leaves no name, handle, email, phone, order number or address in an English conversation", () => {
    const story = anonymise(english);
    const all = [story.text, ...story.extras].join("\n");
    for (const secret of SECRETS.en) expect(all, secret).not.toContain(secret);
    expect(all).not.toMatch(EMAIL);
    expect(all).not.toMatch(HANDLE);
    expect(all).not.toMatch(DIGITS);
  });

  it("names a customer known only by a handle after the name the agent greets them with", () => {
    const { text, extras } = anonymise(english);
    expect(
      text.startsWith("[Customer 1]: Hi there, my order [Order 1] never arrived at [Address 1]."),
    ).toBe(true);
    expect(text).toContain("Call me on [Phone 1] or email [Email 1]. [Handle 1] on Twitter.");
    expect(text).toContain("Thanks,\n[Customer 1]");
    expect(text).toContain(
      "[Agent 1]: Hi [Customer 1], I'm so sorry! Order [Order 1] was sent to [Address 2] by mistake.",
    );
    expect(text).toContain("My colleague Dr. [Person 1] is on it and I'll text you at [Phone 2]");
    expect(text).toContain("Best regards,\n[Agent 1]");
    expect(text).toContain(
      "Thank you [Agent 1], you're a star. Tell Mrs. [Person 1] thanks too! ([Handle 1])",
    );
    expect(extras).toEqual(["[Agent 1] finds [Customer 1]'s order [Order 1]"]);
  });

  it("keeps what identifies no one: dates, prices, quantities, places named in passing", () => {
    const { text } = anonymise({
      locale: "fr",
      people: [{ kind: "customer", key: "c", names: ["Léa"] }],
      handles: [],
      orderNumbers: [],
      messages: [
        {
          from: { kind: "customer", key: "c" },
          text: "Le 2026-03-14 j'ai payé 129,90 € pour 2 lampes, livrées à Lyon en 3 jours.",
        },
      ],
    });
    expect(text).toBe(
      "[Client 1] : Le 2026-03-14 j'ai payé 129,90 € pour 2 lampes, livrées à Lyon en 3 jours.",
    );
  });

  it("takes a word of a name only where it is written as a name", () => {
    const { text } = anonymise({
      locale: "en",
      people: [
        { kind: "customer", key: "c", names: ["Rose Smith"] },
        { kind: "agent", key: "a", names: ["Max Power"] },
      ],
      handles: [],
      orderNumbers: [],
      messages: [
        {
          from: { kind: "customer", key: "c" },
          text: "My rose lamp's max brightness is weak. thanks max\n- ROSE",
        },
        { from: { kind: "agent", key: "a" }, text: "Dear rose smith, Max here." },
      ],
    });
    expect(text).toBe(
      "[Customer 1]: My rose lamp's max brightness is weak. thanks [Agent 1]\n- [Customer 1]\n\n" +
        "[Agent 1]: Dear [Customer 1], [Agent 1] here.",
    );
  });
});
