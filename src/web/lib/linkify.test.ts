import { describe, expect, it } from "vitest";
import { linkify } from "./linkify.ts";

describe("linkify", () => {
  it("turns web addresses into links and leaves the rest as text", () => {
    expect(linkify("See https://example.com/a?b=1, then reply.")).toEqual([
      { type: "text", text: "See " },
      { type: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { type: "text", text: ", then reply." },
    ]);
  });

  it("never makes a link of a javascript: or data: address", () => {
    const parts = linkify("click javascript:alert(1) or data:text/html,<script>x</script>");
    expect(parts.every((part) => part.type === "text")).toBe(true);
  });
});
