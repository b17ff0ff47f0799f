import type { Migration } from "../migrate.ts";

/** A contact's (or any subject's) audit history, newest first, read by index. */
export const auditSubjectIndex: Migration = {
  name: "20261208T1408_audit_subject_index",
  statements: [
    `create index audit_log_subject on audit_log (account_id, subject_type, subject_id, id desc)`,
  ],
};
