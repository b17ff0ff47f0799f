import type { Migration } from "../migrate.ts";

/**
 * Which agents have the app open, counted in the database rather than in each process: with
 * several web servers, the widget must know that an agent is connected to another one.
 */
export const agentPresence: Migration = {
  name: "20261123T1300_agent_presence",
  statements: [
    `alter table users
       add column live_connections integer not null default 0,
       add column live_seen_at timestamptz`,
  ],
};
