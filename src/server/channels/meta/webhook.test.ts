import { describe, expect, it } from "vitest";
import { metaFixture } from "../../../../test/fakes/graph.ts";
import { AppError } from "../../errors.ts";
import type { InboundRequest } from "../provider.ts";
import { messagingItems, rememberSent, sentRecords } from "./messaging.ts";
import {
  metaDate,
  parseEnvelope,
  signMetaPayload,
  verifyMetaSignature,
  verifyTokenHandshake,
} from "./webhook.ts";

function request(props: Partial<InboundRequest>): InboundRequest {
  return { method: "POST", headers: {}, query: {}, rawBody: Buffer.alloc(0), ...props };
}

describe("Meta webhooks", () => {
  it("echoes the challenge only for the verify token, as plain text", () => {
    const query = {
      "hub.mode": "subscribe",
      "hub.verify_token": "s3cret-token",
      "hub.challenge": "42",
    };
    expect(verifyTokenHandshake("s3cret-token", request({ method: "GET", query }))).toEqual({
      status: 200,
      body: "42",
      contentType: "text/plain; charset=utf-8",
    });
    const wrong = verifyTokenHandshake(
      "s3cret-token",
      request({ method: "GET", query: { ...query, "hub.verify_token": "guess" } }),
    );
    expect(wrong?.status).toBe(403);
    const notSubscribe = verifyTokenHandshake(
      "s3cret-token",
      request({ method: "GET", query: { ...query, "hub.mode": "unsubscribe" } }),
    );
    expect(notSubscribe?.status).toBe(403);
    expect(verifyTokenHandshake("s3cret-token", request({ method: "GET" }))).toBeNull();
    expect(verifyTokenHandshake("s3cret-token", request({ query }))).toBeNull();
  });

  it("checks X-Hub-Signature-256 against the raw bytes", () => {
    const raw = Buffer.from('{"object":"page","entry":[{"id":"1","message":"caf\\u00e9"}]}');
    const signed = request({
      rawBody: raw,
      headers: { "x-hub-signature-256": signMetaPayload("app-secret", raw) },
    });
    expect(() => verifyMetaSignature("app-secret", signed)).not.toThrow();
    expect(() => verifyMetaSignature("other-secret", signed)).toThrow(AppError);
    const reencoded = request({
      rawBody: Buffer.from(JSON.stringify(JSON.parse(raw.toString()))),
      headers: signed.headers,
    });
    expect(() => verifyMetaSignature("app-secret", reencoded)).toThrow("Bad signature.");
    expect(() => verifyMetaSignature("app-secret", request({ rawBody: raw }))).toThrow(
      "Missing X-Hub-Signature-256 header.",
    );
    const sha1 = request({ rawBody: raw, headers: { "x-hub-signature-256": "sha1=abc" } });
    expect(() => verifyMetaSignature("app-secret", sha1)).toThrow("Malformed");
  });

  it("refuses what is not a Meta webhook", () => {
    expect(() => parseEnvelope(request({ rawBody: Buffer.from("nope") }))).toThrow(
      "The body is not valid JSON.",
    );
    expect(() => parseEnvelope(request({ rawBody: Buffer.from('{"entry":1}') }))).toThrow(
      "Expected a Meta webhook",
    );
  });

  it("reads Meta's seconds and milliseconds alike", () => {
    expect(metaDate(1_795_171_200)?.toISOString()).toBe("2026-11-20T10:40:00.000Z");
    expect(metaDate(1_795_171_200_000)?.toISOString()).toBe("2026-11-20T10:40:00.000Z");
    expect(metaDate("1795171200")?.toISOString()).toBe("2026-11-20T10:40:00.000Z");
    expect(metaDate(undefined)).toBeUndefined();
  });
});

describe("Messenger Platform messaging events", () => {
  const event = (name: string) => metaFixture(name).entry[0].messaging[0];
  const context = { identityKind: "facebook" as const, brandId: "104857600123456", sent: [] };

  it("turns a message into a private inbound message of the sender", () => {
    const [item] = messagingItems(event("facebook-messaging-message"), context);
    expect(item).toMatchObject({
      type: "message",
      message: {
        visibility: "private",
        contact: { identity: { kind: "facebook", value: "7281946350012345" } },
      },
    });
  });

  it("never takes an echo for a customer's message", () => {
    expect(messagingItems(event("facebook-messaging-echo"), context)).toEqual([]);
    const unflagged = { ...event("facebook-messaging-echo") };
    unflagged.message = { ...unflagged.message, is_echo: undefined };
    expect(messagingItems(unflagged, context)).toEqual([]);
  });

  it("resolves a read watermark to the sends it covers, for that customer only", () => {
    const now = Date.now();
    let state: Record<string, unknown> = {};
    state = { ...state, ...rememberSent(state, { mid: "m_1", to: "7281946350012345", at: now }) };
    state = {
      ...state,
      ...rememberSent(state, { mid: "m_2", to: "7281946350012345", at: now + 2000 }),
    };
    state = { ...state, ...rememberSent(state, { mid: "m_3", to: "someone-else", at: now }) };
    const read = event("facebook-messaging-read");
    read.read.watermark = now + 1000;
    const items = messagingItems(read, { ...context, sent: sentRecords(state) });
    expect(items).toEqual([
      { type: "status", externalId: "m_1", status: "read", at: expect.any(Date) },
    ]);
  });

  it("keeps only recent sends", () => {
    const old = rememberSent({}, { mid: "m_old", to: "x", at: 0 }, 0);
    const fresh = rememberSent(
      old,
      { mid: "m_new", to: "x", at: 30 * 86_400_000 },
      30 * 86_400_000,
    );
    expect(sentRecords(fresh).map((sent) => sent.mid)).toEqual(["m_new"]);
  });
});
