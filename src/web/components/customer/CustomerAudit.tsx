import { Group, Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { TAuditEntry } from "../../../shared/customers.ts";
import { useContactAudit } from "../../hooks/api/customer.ts";
import { useMe } from "../../hooks/api/session.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatRelative } from "../../lib/format.ts";

/** The contact audit verbs this list words (`contact.<verb>`; others show their raw name). */
const WORDED = ["merge", "unmerge", "update", "block", "unblock"];

/**
 * Who did what to this customer record, and when (merges, undone merges, edits): the audit log
 * of the contact, newest first, for supervisors and admins (the API refuses agents).
 */
export function CustomerAudit({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = me.user.role === "admin" || me.user.role === "supervisor";
  const audit = useContactAudit(contactId, allowed);
  const locale = currentLocale();
  if (!allowed) return null;
  return (
    <section aria-labelledby={`audit-${contactId}`} data-testid="customer-audit">
      <Text id={`audit-${contactId}`} className="rl-panel-title">
        {t("oneCustomer.audit")}
      </Text>
      {audit.data?.length ? (
        <Stack gap={4}>
          {audit.data.map((entry) => (
            <Group key={entry.id} gap={6} justify="space-between" wrap="nowrap" align="flex-start">
              <Text size="xs" className="rl-wrap">
                {describeEntry(entry, t)}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {t("oneCustomer.auditBy", {
                  who: entry.actor?.name ?? t("oneCustomer.auditSystem"),
                  when: formatRelative(entry.at, locale),
                })}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : (
        <Text size="xs" c="dimmed">
          {audit.isPending ? "…" : t("oneCustomer.auditEmpty")}
        </Text>
      )}
    </section>
  );
}

function describeEntry(entry: TAuditEntry, t: TFunction): string {
  const source = entry.data.source as { name?: string | null } | undefined;
  const name =
    source?.name ??
    (typeof entry.data.sourceName === "string" ? entry.data.sourceName : null) ??
    t("contact.unknown");
  const [subject, verb] = entry.action.split(".");
  if (subject !== entry.subjectType || !verb || !WORDED.includes(verb)) {
    return t("oneCustomer.actions.other", { action: entry.action });
  }
  return t(`oneCustomer.actions.${verb}`, { name });
}
