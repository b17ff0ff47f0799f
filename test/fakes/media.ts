/**
 * Files customers send, for every provider's fake: small, and whose bytes are what they claim
 * (their signatures), so that type checks by content see real files.
 */
export const SAMPLE_MEDIA = {
  /** A 1×1 PNG: a real picture a browser shows. */
  png: Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
  pdf: Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
  /** The first page of an Ogg Opus voice note. */
  opus: Buffer.concat([
    Buffer.from("OggS"),
    Buffer.from([0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1, 19]),
    Buffer.from("OpusHead"),
    Buffer.alloc(11),
  ]),
  /** A Windows program, whatever name and type it is sent under. */
  exe: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]),
};
