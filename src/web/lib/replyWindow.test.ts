import { describe, expect, it } from "vitest";
import type { TMessage } from "../../shared/schemas.ts";
import {
  answeredMessage,
  lastInboundAt,
  offersTemplates,
  refusedWindow,
  replyWindow,
} from "./replyWindow.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse("2026-11-23T12:00:00Z");

function message(
  direction: TMessage["direction"],
  hoursAgo: number,
  options: { visibility?: TMessage["visibility"]; failed?: boolean } = {},
): TMessage {
  return {
    id: `${direction}-${hoursAgo}-${options.visibility ?? "private"}`,
    conversationId: "c",
    direction,
    visibility: options.visibility ?? "private",
    author: { type: direction === "in" ? "contact" : "user", id: null, name: null },
    channel: null,
    text: "",
    html: null,
    attachments: [],
    externalId: null,
    delivery:
      direction === "out"
        ? {
            status: options.failed ? "failed" : "sent",
            error: null,
            attempts: 1,
            sentAt: null,
            deliveredAt: null,
            readAt: null,
          }
        : null,
    metadata: {},
    editedAt: null,
    deleted: false,
    createdAt: new Date(NOW - hoursAgo * HOUR).toISOString(),
  };
}

const privately = { visibility: "private" as const, humanAgent: true };
const withoutHumanAgent = { visibility: "private" as const, humanAgent: false };

describe("the reply window on WhatsApp", () => {
  it("counts from the customer's latest message, not from replies or notes", () => {
    const messages = [message("in", 30), message("in", 5), message("out", 1), message("note", 0)];
    expect(lastInboundAt(messages)).toBe(NOW - 5 * HOUR);
    expect(replyWindow("whatsapp", messages, NOW)).toEqual({
      state: "open",
      phase: "standard",
      next: "templates",
      closesAt: NOW + 19 * HOUR,
      remainingMs: 19 * HOUR,
    });
  });

  it("closes 24 hours after the customer's last message: templates only", () => {
    const messages = [message("in", 26), message("out", 2)];
    expect(replyWindow("whatsapp", messages, NOW)).toEqual({
      state: "closed",
      reason: "templates",
      lastInboundAt: NOW - 26 * HOUR,
      humanAgent: false,
    });
    expect(replyWindow("whatsapp", [message("out", 1)], NOW)).toMatchObject({
      state: "closed",
      reason: "templates",
      lastInboundAt: null,
    });
  });

  it("does not apply to channels without such a rule", () => {
    expect(replyWindow("email", [message("in", 300)], NOW)).toEqual({ state: "none" });
    expect(replyWindow(undefined, [], NOW)).toEqual({ state: "none" });
    expect(offersTemplates("whatsapp")).toBe(true);
    expect(offersTemplates("facebook")).toBe(false);
    expect(offersTemplates("instagram")).toBe(false);
  });
});

describe("the reply window on Messenger and Instagram", () => {
  it("is open 24 hours, then 7 days for a human agent, then closed", () => {
    expect(replyWindow("facebook", [message("in", 23)], NOW, privately)).toEqual({
      state: "open",
      phase: "standard",
      next: "humanAgent",
      closesAt: NOW + HOUR,
      remainingMs: HOUR,
    });
    expect(replyWindow("instagram", [message("in", 72)], NOW, privately)).toEqual({
      state: "open",
      phase: "humanAgent",
      next: "closed",
      closesAt: NOW + 4 * DAY,
      remainingMs: 4 * DAY,
    });
    expect(replyWindow("facebook", [message("in", 8 * 24)], NOW, privately)).toEqual({
      state: "closed",
      reason: "expired",
      lastInboundAt: NOW - 8 * DAY,
      humanAgent: true,
    });
  });

  it("closes after 24 hours when the channel has no Human Agent permission", () => {
    expect(replyWindow("facebook", [message("in", 23)], NOW, withoutHumanAgent)).toMatchObject({
      state: "open",
      phase: "standard",
      next: "closed",
    });
    expect(replyWindow("facebook", [message("in", 72)], NOW, withoutHumanAgent)).toEqual({
      state: "closed",
      reason: "expired",
      lastInboundAt: NOW - 3 * DAY,
      humanAgent: false,
    });
  });

  it("has no window for a public reply to a comment", () => {
    const comment = message("in", 10 * 24, { visibility: "public" });
    const publicly = { visibility: "public" as const, humanAgent: true };
    expect(replyWindow("facebook", [comment], NOW, publicly)).toEqual({ state: "none" });
  });

  it("allows one private reply to a comment within 7 days of it", () => {
    const comment = message("in", 48, { visibility: "public" });
    expect(replyWindow("facebook", [comment], NOW, privately)).toEqual({
      state: "open",
      phase: "privateReply",
      next: "closed",
      closesAt: NOW + 5 * DAY,
      remainingMs: 5 * DAY,
    });
    const old = message("in", 8 * 24, { visibility: "public" });
    expect(replyWindow("instagram", [old], NOW, privately)).toMatchObject({
      state: "closed",
      reason: "privateReplyExpired",
      lastInboundAt: NOW - 8 * DAY,
    });
    const answered = [comment, message("out", 47, { visibility: "private" })];
    expect(replyWindow("facebook", answered, NOW, privately)).toMatchObject({
      state: "closed",
      reason: "privateReplyUsed",
    });
    // A private reply that failed was never received: the comment can still be answered.
    const failed = [comment, message("out", 47, { visibility: "private", failed: true })];
    expect(replyWindow("facebook", failed, NOW, privately)).toMatchObject({
      state: "open",
      phase: "privateReply",
    });
  });

  it("follows the customer's private answer over a newer comment, as the server does", () => {
    const messages = [
      message("in", 30, { visibility: "public" }),
      message("out", 29, { visibility: "private" }),
      message("in", 5),
      message("in", 1, { visibility: "public" }),
    ];
    expect(answeredMessage(messages, "private")?.id).toBe("in-5-private");
    expect(answeredMessage(messages, "public")?.id).toBe("in-1-public");
    expect(replyWindow("facebook", messages, NOW, privately)).toMatchObject({
      state: "open",
      phase: "standard",
      closesAt: NOW + 19 * HOUR,
    });
  });

  it("is closed when the customer never wrote, and after the server refused", () => {
    expect(replyWindow("facebook", [message("out", 1)], NOW, privately)).toMatchObject({
      state: "closed",
      reason: "expired",
      lastInboundAt: null,
    });
    expect(refusedWindow("facebook", NOW, privately)).toMatchObject({ reason: "refused" });
    expect(refusedWindow("whatsapp", NOW, privately)).toMatchObject({ reason: "templates" });
  });
});
