import type { Migration } from "../migrate.ts";

/** Contacts by their email and phone fields (claims not verified): duplicate evidence by index. */
export const contactEmailPhoneIndex: Migration = {
  name: "20261208T1412_contact_email_phone_index",
  statements: [
    `create index contacts_email on contacts (account_id, email) where email is not null`,
    `create index contacts_phone on contacts (account_id, phone) where phone is not null`,
  ],
};
