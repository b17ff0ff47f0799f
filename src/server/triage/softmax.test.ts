import { describe, expect, it } from "vitest";
import { Softmax } from "./softmax.ts";

const LABELS = ["late", "billing"] as const;

describe("Softmax", () => {
  const documents = [
    { features: ["w:late", "w:parcel"], label: "late" as const },
    { features: ["w:still", "w:parcel"], label: "late" as const },
    { features: ["w:charged", "w:twice"], label: "billing" as const },
    { features: ["w:refund", "w:charged"], label: "billing" as const },
  ];

  it("learns which features point to which label, with probabilities summing to 1", () => {
    const model = new Softmax(LABELS).train(documents);
    const late = model.predict(["w:parcel"]);
    expect(late.label).toBe("late");
    expect(late.probabilities.late + late.probabilities.billing).toBeCloseTo(1);
    expect(model.predict(["w:charged"]).label).toBe("billing");
    expect(model.knows("w:parcel")).toBe(true);
    expect(model.knows("w:unseen")).toBe(false);
  });

  it("learns a correction online, on a copy that leaves the original as it was", () => {
    const model = new Softmax(LABELS).train(documents);
    const copy = model.clone();
    copy.learn(["w:parcel", "w:invoice"], "billing", 10);
    expect(copy.predict(["w:invoice"]).label).toBe("billing");
    expect(model.knows("w:invoice")).toBe(false);
    expect(model.predict(["w:parcel"]).label).toBe("late");
  });
});
