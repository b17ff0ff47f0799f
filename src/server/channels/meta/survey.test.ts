import { describe, expect, it } from "vitest";
import type { Message } from "../../db/schema.ts";
import type { OutboundMessage } from "../provider.ts";
import { privateAnswerBody } from "./send.ts";

const url = "https://relais.example/s/srv_token";
const survey = {
  resolutionId: "00000000-0000-4000-8000-000000000001",
  language: "en",
  url,
  intro: "Thanks!",
  questions: [
    {
      kind: "csat",
      text: "How satisfied are you?",
      max: 5,
      low: "Very unsatisfied",
      high: "Very satisfied",
      links: Array.from({ length: 5 }, (_, i) => ({ score: i + 1, url: `${url}?csat=${i + 1}` })),
    },
  ],
};

function outbound(metadata: Record<string, unknown>): OutboundMessage {
  return {
    message: { text: `Thanks! Reply 1 to 5, or: ${url}`, metadata } as unknown as Message,
    conversation: {},
    recipient: null,
    inReplyTo: { created_at: new Date(Date.now() - 60_000), visibility: "private", metadata: {} },
  } as unknown as OutboundMessage;
}

describe("surveys asked with Messenger and Instagram quick replies", () => {
  it("offers one quick reply per score, the score as title, within the 24-hour window", () => {
    for (const network of ["Messenger", "Instagram"] as const) {
      const answer = privateAnswerBody(outbound({ survey }), null, { id: "PSID" }, false, network);
      expect(answer.ok).toBe(true);
      if (!answer.ok) return;
      const message = answer.body.message as { text: string; quick_replies: unknown[] };
      expect(message.text).toContain(url);
      expect(message.quick_replies).toEqual(
        [1, 2, 3, 4, 5].map((score) => ({
          content_type: "text",
          title: String(score),
          payload: `survey:${survey.resolutionId}:csat:${score}`,
        })),
      );
      expect(answer.body.messaging_type).toBe("RESPONSE");
    }
  });

  it("sends other replies as plain text", () => {
    const answer = privateAnswerBody(outbound({}), null, { id: "PSID" }, false, "Messenger");
    expect(answer.ok && answer.body.message).toEqual({ text: `Thanks! Reply 1 to 5, or: ${url}` });
  });
});
