import type { Migration } from "../migrate.ts";

/**
 * An anonymous widget visitor gets a contact only when they first write: until then the session
 * has no contact, and keeps the name the page gave in `name_hint`. Sessions that never wrote are
 * swept after a retention (the partial index finds them without reading the written ones).
 */
export const chatSessionsLazyContact: Migration = {
  name: "20261207T1402_chat_sessions_lazy_contact",
  statements: [
    `alter table chat_sessions alter column contact_id drop not null`,
    `alter table chat_sessions add column name_hint text`,
    `create index chat_sessions_unwritten on chat_sessions (last_seen_at) where contact_id is null`,
  ],
};
