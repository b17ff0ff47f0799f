import { describe, expect, it } from "vitest";
import { cleanFilename } from "./uploads.ts";

describe("upload filenames", () => {
  it.each([
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["\u2066report\u2069.pdf", "report.pdf"],
    ["a\u200Eb\u200Fc\u202A\u202B\u202C\u202D.txt", "abc.txt"],
    ["\u2067\u2068photo.jpg", "photo.jpg"],
  ])("strips bidirectional controls from %j", (raw, clean) => {
    expect(cleanFilename(raw)).toBe(clean);
  });

  it("keeps right-to-left letters themselves", () => {
    expect(cleanFilename("فاتورة.pdf")).toBe("فاتورة.pdf");
  });
});
