import { describe, expect, it } from "vitest";
import { EMPTY_NEXT_STEP, nextStepReady, requestFor } from "./replyRequest.ts";

const later = new Date(Date.now() + 3_600_000).toISOString();
const earlier = new Date(Date.now() - 60_000).toISOString();

describe("what the composer sends", () => {
  it("adds a next step only when it has words and a time to come", () => {
    expect(nextStepReady(null)).toBe(false);
    expect(nextStepReady(EMPTY_NEXT_STEP)).toBe(false);
    expect(nextStepReady({ text: "  ", dueAt: later, followUp: true })).toBe(false);
    expect(nextStepReady({ text: "on vous rappelle", dueAt: earlier, followUp: true })).toBe(false);
    expect(nextStepReady({ text: "on vous rappelle", dueAt: later, followUp: true })).toBe(true);
  });

  it("carries the trimmed step on replies, public or private, never on notes", () => {
    const step = { text: " un technicien vous rappelle ", dueAt: later, followUp: false };
    const nextStep = { text: "un technicien vous rappelle", dueAt: later, followUp: false };
    expect(requestFor("reply", "Bonjour", [], step)).toEqual({
      text: "Bonjour",
      kind: "reply",
      nextStep,
    });
    expect(requestFor("private", "Bonjour", ["a1"], step)).toEqual({
      text: "Bonjour",
      kind: "reply",
      visibility: "private",
      attachmentIds: ["a1"],
      nextStep,
    });
    expect(requestFor("note", "Pour l'équipe", [], step)).toEqual({
      text: "Pour l'équipe",
      kind: "note",
    });
    expect(requestFor("reply", "Bonjour", [], EMPTY_NEXT_STEP)).toEqual({
      text: "Bonjour",
      kind: "reply",
    });
  });
});
