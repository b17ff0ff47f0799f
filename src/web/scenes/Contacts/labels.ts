import type { TFunction } from "i18next";
import type { TIdentity } from "../../../shared/schemas.ts";

interface Named {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** What to call a contact: their name, else how to reach them, else `unknown`. */
export function contactName(contact: Named, unknown: string): string {
  return contact.name?.trim() || contact.email || contact.phone || unknown;
}

/** An identity as customers know it: "@handle" on social networks, else the address or number. */
export function identityLabel(identity: TIdentity): string {
  return identity.handle ? `@${identity.handle.replace(/^@/, "")}` : identity.value;
}

/** "3 conversations", or "No conversation yet" rather than "0 conversation". */
export function conversationCount(t: TFunction, count: number): string {
  return count === 0 ? t("contacts.noActivity") : t("contacts.conversationCount", { count });
}
