import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { TAgentAction, TConversationOrder } from "../../../../shared/backoffice.ts";
import { resources } from "../../../i18n/resources.ts";
import { customerSentence } from "./customerSentence.ts";
import { addWorkingDays, formatDay } from "./display.ts";

const t = i18next.createInstance();
/** Intl puts narrow no-break spaces in French amounts; compare words, not space kinds. */
const plain = (text: string | undefined) => text?.replace(/\s/g, " ");

const order: TConversationOrder = {
  id: "o1",
  number: "48213",
  status: "paid",
  placedAt: "2026-12-01T10:00:00Z",
  currency: "EUR",
  total: 45,
  refunded: 0,
  source: "import",
  contact: { id: "c1", name: "Zoé", email: null },
  lines: [
    {
      sku: "TEE-2",
      name: "T-shirt",
      quantity: 1,
      unitPrice: 20,
      stock: { available: 0, onHand: 0, restockDate: "2026-12-20" },
    },
  ],
  shipments: [],
  actions: [],
  mentioned: true,
  otherCustomer: false,
};

function action(patch: Partial<TAgentAction>): TAgentAction {
  return {
    id: "a1",
    type: "refund",
    status: "done",
    orderId: "o1",
    conversationId: "c1",
    lines: [],
    amount: 20,
    currency: "EUR",
    reason: "cassé",
    outcome: null,
    requestedBy: "u1",
    decidedBy: null,
    createdAt: "2026-12-07T10:00:00Z",
    ...patch,
  };
}

describe("the sentence offered to the customer after an action", () => {
  beforeAll(async () => {
    await t.init({
      resources: { en: { translation: resources.en }, fr: { translation: resources.fr } },
      lng: "en",
      interpolation: { escapeValue: false },
    });
  });
  // Monday 7 December 2026.
  const now = new Date("2026-12-07T10:00:00Z");

  it("tells a refund in the customer's language, with the date it reaches them, as a next step", () => {
    const offer = customerSentence({ t: t.t, language: "fr", action: action({}), order, now });
    expect(plain(offer?.text)).toBe(
      "Nous vous avons remboursé 20,00 € pour votre commande 48213. La somme sera sur votre compte d'ici 5 à 10 jours ouvrés, au plus tard le 21 déc. 2026.",
    );
    expect({ ...offer?.nextStep, text: plain(offer?.nextStep?.text) }).toEqual({
      text: "remboursement de 20,00 € sur votre compte (commande 48213)",
      dueAt: "2026-12-21T17:00:00.000Z",
    });
    const english = customerSentence({ t: t.t, language: "en", action: action({}), order, now });
    expect(english?.text).toContain("We have refunded €20.00 for your order 48213");
  });

  it("promises the account's own arrival times", () => {
    const estimates = { refund: { minDays: 2, maxDays: 4 }, replacement: { days: 1 } };
    const refund = customerSentence({
      t: t.t,
      language: "en",
      action: action({}),
      order,
      estimates,
      now,
    });
    expect(refund?.text).toContain("within 2 to 4 working days, by Dec 11, 2026 at the latest");
    expect(refund?.nextStep?.dueAt).toBe("2026-12-11T17:00:00.000Z");
    const replacement = customerSentence({
      t: t.t,
      language: "fr",
      action: action({ type: "replacement", lines: [{ sku: "TEE-2", quantity: 1 }] }),
      order,
      estimates,
      now,
    });
    expect(plain(replacement?.text)).toContain("Vous devriez le recevoir d'ici le 8 déc. 2026");
    expect(replacement?.nextStep?.dueAt).toBe("2026-12-08T17:00:00.000Z");
  });

  it("tells an out-of-stock replacement when the goods are back, and nothing for a refused refund", () => {
    const refused = action({
      type: "replacement",
      status: "refused",
      amount: 0,
      lines: [{ sku: "TEE-2", quantity: 1 }],
    });
    const offer = customerSentence({ t: t.t, language: "en", action: refused, order, now });
    expect(offer?.text).toContain(
      "(1 × T-shirt) is out of stock at the moment and expected back on Dec 20, 2026",
    );
    expect(offer?.nextStep?.dueAt).toBe("2026-12-20T12:00:00.000Z");
    expect(
      customerSentence({
        t: t.t,
        language: "en",
        action: action({ status: "refused" }),
        order,
        now,
      }),
    ).toBeNull();
  });

  it("promises a confirmation within the day while an approval is pending", () => {
    const pending = action({ type: "credit", status: "pending_approval", amount: 15 });
    const offer = customerSentence({ t: t.t, language: "fr", action: pending, order, now });
    expect(plain(offer?.text)).toBe(
      "Votre avoir de 15,00 € (commande 48213) est en cours de validation ; nous vous le confirmons dans la journée.",
    );
    expect(new Date(offer?.nextStep?.dueAt ?? "").getTime()).toBeGreaterThan(now.getTime());
  });

  it("counts working days and reads calendar dates without a time-zone shift", () => {
    expect(addWorkingDays(new Date("2026-12-11T10:00:00Z"), 1)).toBe("2026-12-14");
    expect(addWorkingDays(now, 3)).toBe("2026-12-10");
    expect(formatDay("2026-12-20", "fr")).toBe("20 déc. 2026");
  });
});
