import { describe, expect, it } from "vitest";
import { oauthHeader, oauthSignature, percentEncode } from "./oauth.ts";

/** The worked example of X's "Creating a signature" page. */
const EXAMPLE = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  accessToken: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  accessTokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
const STATUS = "Hello Ladies + Gentlemen, a signed OAuth request!";

describe("OAuth 1.0a HMAC-SHA1", () => {
  it("signs X's documented example request to the documented signature", () => {
    const params = [
      ["status", STATUS],
      ["oauth_consumer_key", EXAMPLE.consumerKey],
      ["oauth_nonce", NONCE],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "1318622958"],
      ["oauth_token", EXAMPLE.accessToken],
      ["oauth_version", "1.0"],
    ] as const;
    const sign = (host: string) =>
      oauthSignature(
        "POST",
        `https://${host}/1.1/statuses/update.json?include_entities=true`,
        params,
        EXAMPLE.consumerSecret,
        EXAMPLE.accessTokenSecret,
      );
    expect(sign("api.twitter.com")).toBe("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
    expect(sign("api.x.com")).toBe("Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
  });

  it("builds the Authorization header with every oauth_* field percent-encoded", () => {
    const header = oauthHeader(
      EXAMPLE,
      "POST",
      "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
      { formParams: { status: STATUS }, nonce: NONCE, timestamp: 1318622958 },
    );
    expect(header).toBe(
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", ' +
        'oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", ' +
        'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D", ' +
        'oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", ' +
        'oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"',
    );
  });

  it("percent-encodes as RFC 3986 requires", () => {
    expect(percentEncode("Ladies + Gentlemen!*'()~")).toBe(
      "Ladies%20%2B%20Gentlemen%21%2A%27%28%29~",
    );
  });
});
