import type { Migration } from "../migrate.ts";

/**
 * Files agents upload before replying: stored like inbound attachments but not yet linked to a
 * message (`message_id` null) and remembered with who uploaded them. The reply that names them
 * links them; those never sent are swept after a day (jobs/tasks/sweepUploads.ts), which the
 * partial index keeps cheap.
 */
export const attachmentUploads: Migration = {
  name: "20261123T1100_attachment_uploads",
  statements: [
    `alter table attachments add column uploaded_by uuid`,
    `create index attachments_unlinked on attachments (account_id, created_at)
       where message_id is null`,
  ],
};
