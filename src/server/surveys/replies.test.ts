import { describe, expect, it } from "vitest";
import { parseSurveyReply } from "./replies.ts";

describe("parseSurveyReply", () => {
  it("reads a number on the scale of the question waiting", () => {
    expect(parseSurveyReply("6", "ces")).toBe(6);
    expect(parseSurveyReply(" 7 ", "ces")).toBe(7);
    expect(parseSurveyReply("6/7", "ces")).toBe(6);
    expect(parseSurveyReply("5 sur 5", "csat")).toBe(5);
    expect(parseSurveyReply("6", "csat")).toBeNull();
    expect(parseSurveyReply("0", "ces")).toBeNull();
    expect(parseSurveyReply("12", "ces")).toBeNull();
  });

  it("reads words and emoji in French and English", () => {
    expect(parseSurveyReply("très facile", "ces")).toBe(7);
    expect(parseSurveyReply("Très facile !", "ces")).toBe(7);
    expect(parseSurveyReply("very easy", "ces")).toBe(7);
    expect(parseSurveyReply("facile", "ces")).toBe(6);
    expect(parseSurveyReply("difficile", "ces")).toBe(2);
    expect(parseSurveyReply("👍", "ces")).toBe(6);
    expect(parseSurveyReply("👍", "csat")).toBe(4);
    expect(parseSurveyReply("👎", "csat")).toBe(2);
    expect(parseSurveyReply("très satisfaite", "csat")).toBe(5);
  });

  it("leaves real messages alone", () => {
    expect(parseSurveyReply("Mon colis n'est toujours pas arrivé", "ces")).toBeNull();
    expect(parseSurveyReply("I ordered 6 items", "ces")).toBeNull();
    expect(parseSurveyReply("", "ces")).toBeNull();
  });
});
