import { describe, expect, it } from "vitest";
import { normaliseTweet } from "./tweet.ts";

describe("normaliseTweet", () => {
  it("drops handles, marks links, splits hashtags and shortens stretched letters", () => {
    expect(
      normaliseTweet("@AmazonHelp still nothing https://t.co/abc #NeverAgain sooooo slow"),
    ).toBe("still nothing <url> Never Again soo slow");
  });
});
