import { isAdmin, isMember, isSupervisor } from "./roles.ts";

/**
 * Agents see and correct the customer record of every conversation they handle.
 *
 * Merging two customers, and undoing a merge, is kept to supervisors and admins (as Zendesk
 * keeps it to roles allowed to manage end users): a wrong merge shows one person's conversations,
 * notes and addresses to whoever writes from the other's identities, and sends replies on their
 * channels. An agent who finds a duplicate asks a supervisor, or answers "not the same person"
 * (which only stops a suggestion). Each merge keeps what it moved, so it can be undone exactly.
 */
export const contactRules = {
  "contact.read": isMember,
  "contact.update": isMember,
  "contact.merge": isSupervisor,
  "contact.unmerge": isSupervisor,
  "contact.dismissDuplicate": isMember,
  /**
   * Parting with a customer who abuses (Zappos's rule) is a front-line call like any other:
   * any member may block and unblock; each is audited, so a supervisor can review and undo it.
   */
  "contact.block": isMember,
  /** The repeat window and action are account settings: everyone reads them, admins set them. */
  "repeat_settings.read": isMember,
  "repeat_settings.manage": isAdmin,
};
