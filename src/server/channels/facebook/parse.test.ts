import { describe, expect, it } from "vitest";
import { metaFixture } from "../../../../test/fakes/graph.ts";
import type { Channel } from "../../db/schema.ts";
import { instagramProvider } from "../instagram/provider.ts";
import type { InboundRequest } from "../provider.ts";
import { whatsappProvider } from "../whatsapp/provider.ts";
import { facebookProvider } from "./provider.ts";

const row = { id: "c1", account_id: "a1", state: {} } as unknown as Channel;
const secrets = { pageToken: "page-token-123", appSecret: "app-secret", verifyToken: "verify-me" };
const facebook = {
  row,
  config: { pageId: "104857600123456", graphUrl: "https://graph.facebook.com", humanAgent: true },
  secrets,
};

function post(payload: unknown): InboundRequest {
  return { method: "POST", headers: {}, query: {}, rawBody: Buffer.from(JSON.stringify(payload)) };
}

describe("parsing Meta webhooks for one channel", () => {
  it("reads only this Page's entries and only page objects", () => {
    const comment = metaFixture("facebook-feed-comment");
    expect(facebookProvider.parse(facebook, post(comment))).toHaveLength(1);
    const otherPage = metaFixture("facebook-feed-comment");
    otherPage.entry[0].id = "999999999999999";
    expect(facebookProvider.parse(facebook, post(otherPage))).toEqual([]);
    expect(facebookProvider.parse(facebook, post({ ...comment, object: "user" }))).toEqual([]);
  });

  it("takes a visitor's post as a public message and ignores hides and reactions", () => {
    const visitorPost = metaFixture("facebook-feed-comment");
    const value = visitorPost.entry[0].changes[0].value;
    Object.assign(value, { item: "status", comment_id: undefined, parent_id: undefined });
    const [item] = facebookProvider.parse(facebook, post(visitorPost));
    expect(item).toMatchObject({
      type: "message",
      message: {
        externalId: "104857600123456_122131676912594941",
        threadId: "104857600123456_122131676912594941",
        visibility: "public",
        metadata: { item: "post" },
      },
    });
    value.verb = "hide";
    expect(facebookProvider.parse(facebook, post(visitorPost))).toEqual([]);
    Object.assign(value, { item: "reaction", verb: "add", reaction_type: "like" });
    expect(facebookProvider.parse(facebook, post(visitorPost))).toEqual([]);
  });

  it("reads Instagram entries of this account only", () => {
    const instagram = {
      row,
      config: { ...facebook.config, igUserId: "17841400123456789" },
      secrets,
    };
    expect(instagramProvider.parse(instagram, post(metaFixture("instagram-comment")))).toHaveLength(
      1,
    );
    const other = metaFixture("instagram-comment");
    other.entry[0].id = "17841400000000000";
    expect(instagramProvider.parse(instagram, post(other))).toEqual([]);
    expect(instagramProvider.parse(instagram, post(metaFixture("facebook-feed-comment")))).toEqual(
      [],
    );
  });

  it("reads WhatsApp changes of this number, users known only by username, and locations", () => {
    const whatsapp = {
      row,
      config: { phoneNumberId: "106540352242922", graphUrl: "https://graph.facebook.com" },
      secrets: {
        accessToken: "wa-access-token",
        appSecret: "app-secret",
        verifyToken: "verify-me",
      },
    };
    const payload = metaFixture("whatsapp-message-text");
    const value = payload.entry[0].changes[0].value;
    value.metadata.phone_number_id = "100000000000001";
    expect(whatsappProvider.parse(whatsapp, post(payload))).toEqual([]);

    value.metadata.phone_number_id = "106540352242922";
    value.contacts = [
      { profile: { name: "Ana", username: "ana.lisboa" }, user_id: "PT.1502576394655843" },
    ];
    delete value.messages[0].from;
    Object.assign(value.messages[0], {
      type: "location",
      text: undefined,
      location: { latitude: 38.7223, longitude: -9.1393, name: "Loja Chiado" },
    });
    const [item] = whatsappProvider.parse(whatsapp, post(payload));
    expect(item).toMatchObject({
      type: "message",
      message: {
        text: "📍 Loja Chiado (38.7223, -9.1393)",
        contact: {
          identity: { kind: "whatsapp", value: "PT.1502576394655843", handle: "ana.lisboa" },
          phone: null,
        },
      },
    });
  });
});
