import { describe, expect, it } from "vitest";
import type { TMessage } from "../../shared/schemas.ts";
import { lastInboundAt, offersTemplates, replyWindow } from "./replyWindow.ts";

const HOUR = 3_600_000;
const NOW = Date.parse("2026-11-23T12:00:00Z");

function message(direction: TMessage["direction"], hoursAgo: number): TMessage {
  return {
    id: `${direction}-${hoursAgo}`,
    conversationId: "c",
    direction,
    visibility: "private",
    author: { type: direction === "in" ? "contact" : "user", id: null, name: null },
    channel: null,
    text: "",
    html: null,
    attachments: [],
    externalId: null,
    delivery: null,
    metadata: {},
    editedAt: null,
    deleted: false,
    createdAt: new Date(NOW - hoursAgo * HOUR).toISOString(),
  };
}

describe("the reply window", () => {
  it("counts from the customer's latest message, not from replies or notes", () => {
    const messages = [message("in", 30), message("in", 5), message("out", 1), message("note", 0)];
    expect(lastInboundAt(messages)).toBe(NOW - 5 * HOUR);
    expect(replyWindow("whatsapp", messages, NOW)).toEqual({
      state: "open",
      closesAt: NOW + 19 * HOUR,
      remainingMs: 19 * HOUR,
    });
  });

  it("closes 24 hours after the customer's last message on WhatsApp", () => {
    const messages = [message("in", 26), message("out", 2)];
    expect(replyWindow("whatsapp", messages, NOW)).toEqual({
      state: "closed",
      lastInboundAt: NOW - 26 * HOUR,
    });
    expect(replyWindow("whatsapp", [message("out", 1)], NOW)).toEqual({
      state: "closed",
      lastInboundAt: null,
    });
  });

  it("does not apply to channels without such a rule", () => {
    expect(replyWindow("email", [message("in", 300)], NOW)).toEqual({ state: "none" });
    expect(replyWindow(undefined, [], NOW)).toEqual({ state: "none" });
    expect(offersTemplates("whatsapp")).toBe(true);
    expect(offersTemplates("facebook")).toBe(false);
  });
});
