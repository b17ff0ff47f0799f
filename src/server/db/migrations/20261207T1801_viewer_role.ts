import type { Migration } from "../migrate.ts";

/**
 * Viewers: stakeholders outside the service team (logistics, product, management) who read the
 * dashboards and nothing of customers' private data (policies/viewer.ts).
 */
export const viewerRole: Migration = {
  name: "20261207T1801_viewer_role",
  statements: [
    `alter table users drop constraint users_role_check`,
    `alter table users add constraint users_role_check
       check (role in ('admin', 'supervisor', 'agent', 'viewer'))`,
  ],
};
