import type { Migration } from "../migrate.ts";

/**
 * How the account's public help centre looks and which ways to reach a person it shows. The
 * contact details default to what the channels know (the chat widget, the email address, the
 * phone number); `social` lists the public profiles to link. Absent row: the defaults.
 */
export const helpCentreSettings: Migration = {
  name: "20261211T1402_help_centre_settings",
  statements: [
    `create table help_centre_settings (
       account_id uuid not null references accounts(id) on delete cascade,
       name text check (length(name) <= 120),
       primary_colour text not null default '#1864ab' check (primary_colour ~ '^#[0-9a-fA-F]{6}$'),
       logo_url text check (length(logo_url) <= 500),
       show_chat boolean not null default true,
       show_email boolean not null default true,
       show_phone boolean not null default true,
       show_social boolean not null default true,
       chat_channel_id uuid,
       email text check (length(email) <= 320),
       phone text check (length(phone) <= 40),
       phone_team_id uuid,
       social jsonb not null default '[]',
       updated_at timestamptz not null default now(),
       primary key (account_id)
     )`,
  ],
};
