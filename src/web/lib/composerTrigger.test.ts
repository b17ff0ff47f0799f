import { describe, expect, it } from "vitest";
import { findTrigger, mentionsIn, replaceTrigger } from "./composerTrigger.ts";

const both = { canned: true, mention: true };

describe("composer triggers", () => {
  it("opens canned replies on a slash at the start or after a space", () => {
    expect(findTrigger("/rem", 4, both)).toEqual({
      kind: "canned",
      query: "rem",
      start: 0,
      end: 4,
    });
    expect(findTrigger("Bonjour /", 9, both)).toMatchObject({
      kind: "canned",
      query: "",
      start: 8,
    });
    expect(findTrigger("a/b", 3, both)).toBeNull();
    expect(findTrigger("https://x", 9, both)).toBeNull();
    expect(findTrigger("/rem", 4, { canned: false, mention: true })).toBeNull();
    expect(findTrigger("/rem bo", 7, both)).toBeNull();
  });

  it("opens mentions on an at sign, a first and last name being typed", () => {
    expect(findTrigger("Vu avec @Cam", 12, both)).toEqual({
      kind: "mention",
      query: "Cam",
      start: 8,
      end: 12,
    });
    expect(findTrigger("@Camille R", 10, both)).toMatchObject({ query: "Camille R" });
    expect(findTrigger("mail@example", 12, both)).toBeNull();
    expect(findTrigger("@Cam", 4, { canned: true, mention: false })).toBeNull();
    // The cursor, not the end of the text, decides.
    expect(findTrigger("@Cam suite", 4, both)).toMatchObject({ query: "Cam" });
  });

  it("replaces what was typed and keeps the mentions still written", () => {
    const trigger = findTrigger("Vu avec @Ca merci", 11, both);
    if (!trigger) throw new Error("no trigger");
    expect(replaceTrigger("Vu avec @Ca merci", trigger, "@Camille Roux ")).toEqual({
      text: "Vu avec @Camille Roux  merci",
      caret: 22,
    });
    const chosen = new Map([
      ["u1", "Camille Roux"],
      ["u2", "Sam Taylor"],
    ]);
    expect(mentionsIn("@Camille Roux regarde", chosen)).toEqual(["u1"]);
  });
});
