import type { FastifyReply } from "fastify";

const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * A stored file as a download: only a few image types are shown inline; everything else
 * (HTML, SVG, scripts, PDFs…) is always an attachment, never interpreted by the browser.
 */
export function presentFile(
  reply: FastifyReply,
  file: { filename: string; content_type: string; content: Uint8Array },
): Buffer {
  const inline = INLINE_TYPES.has(file.content_type);
  const filename = encodeURIComponent(file.filename);
  reply
    .header("content-type", inline ? file.content_type : "application/octet-stream")
    .header(
      "content-disposition",
      `${inline ? "inline" : "attachment"}; filename*=UTF-8''${filename}`,
    )
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox");
  return Buffer.from(file.content);
}
