import { findPhoneNumbersInText } from "libphonenumber-js";
import { orderNumberCandidates } from "../backoffice/orderNumbers.ts";
import { normaliseEmail } from "../commands/contactResolver.ts";
import type { MentionKind } from "../db/schema/customers.ts";

const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** A message names a handful of addresses at most; more is a signature or a list, not a claim. */
const MAX_PER_KIND = 5;

export interface Mention {
  kind: MentionKind;
  value: string;
}

/**
 * The email addresses, phone numbers (E.164, French numbers read without their +33) and order
 * numbers a customer wrote in a message, normalised as identities and orders store them.
 */
export function extractMentions(text: string): Mention[] {
  const emails = [...new Set((text.match(EMAIL_RE) ?? []).map((raw) => normaliseEmail(raw)))]
    .filter((email): email is string => email !== null)
    .slice(0, MAX_PER_KIND);
  const phones = [
    ...new Set(
      findPhoneNumbersInText(text, "FR")
        .filter((found) => found.number.isValid())
        .map((found) => found.number.number as string),
    ),
  ].slice(0, MAX_PER_KIND);
  const orders = orderNumberCandidates([text]).slice(0, MAX_PER_KIND);
  return [
    ...emails.map((value) => ({ kind: "email" as const, value })),
    ...phones.map((value) => ({ kind: "phone" as const, value })),
    ...orders.map((value) => ({ kind: "order" as const, value })),
  ];
}
