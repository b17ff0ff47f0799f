import { describe, expect, it } from "vitest";
import { orderNumberCandidates } from "./orderNumbers.ts";

describe("order numbers written by customers", () => {
  it.each([
    ["Bonjour, ma commande 48213 n'est jamais arrivée", ["48213"]],
    ["Je n'ai rien reçu pour le n° 48213.", ["48213"]],
    ["commande n°48213 et commande numéro 48214", ["48213", "48214"]],
    ["Numéro de commande : 48215", ["48215"]],
    ["Hi, where is order #48213?", ["48213"]],
    ["my order 48213 is late", ["48213"]],
    ["Order number A-1042 arrived broken", ["A-1042"]],
    ["#48216", ["48216"]],
  ])("finds the number in %j", (text, numbers) => {
    expect(orderNumberCandidates([text])).toEqual(numbers);
  });

  it.each([
    "I ordered 3 mugs for 48213 euros",
    "Appelez-moi au 06 12 34 56 78",
    "order soon please",
    "ma commande est en retard",
  ])("finds none in %j", (text) => {
    expect(orderNumberCandidates([text])).toEqual([]);
  });
});
