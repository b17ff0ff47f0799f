import { isMember, isSupervisor } from "./roles.ts";

/**
 * Agents see and correct the customer record of every conversation they handle.
 *
 * Merging two customers is kept to supervisors and admins (as Zendesk keeps it to roles allowed
 * to manage end users): it cannot be undone from the app — the source record is deleted — and a
 * wrong merge shows one person's conversations, notes and addresses to whoever writes from the
 * other's identities, and sends replies on their channels. An agent who finds a duplicate asks a
 * supervisor; the audit log keeps what each merge moved, for the day an unmerge exists.
 */
export const contactRules = {
  "contact.read": isMember,
  "contact.update": isMember,
  "contact.merge": isSupervisor,
};
