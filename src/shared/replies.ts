import { z } from "zod";

/**
 * A public reply signed by its agent: the text, a space, the signature ("Merci ! — Camille",
 * "On it ^CM"). The composer shows and counts the same text the customer will read.
 */
export function signedReply(text: string, signature: string | null | undefined): string {
  const sign = signature?.trim();
  return sign ? `${text.trimEnd()} ${sign}` : text;
}

/**
 * A reply's length as networks count it, in code points: an emoji or an accented letter is one
 * character, not two UTF-16 units (Bluesky counts graphemes, which is never more).
 */
export function replyLength(text: string): number {
  return [...text].length;
}

const ZAddresses = z.array(z.string().trim().email().max(320)).max(50);

/** The headers an agent may set on an email reply; absent ones keep their defaults. */
export const ZEmailHeaders = z
  .object({
    subject: z.string().trim().min(1).max(300).optional(),
    to: ZAddresses.min(1).optional(),
    cc: ZAddresses.optional(),
    bcc: ZAddresses.optional(),
  })
  .strict();
export type TEmailHeaders = z.infer<typeof ZEmailHeaders>;
