import { Badge, Button, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TTimelineItem } from "../../../shared/customers.ts";
import { useMergeContacts } from "../../hooks/api/contacts.ts";
import {
  useContactMerges,
  useDismissDuplicate,
  useDuplicates,
  useTimeline,
  useUndoMerge,
} from "../../hooks/api/customer.ts";
import { useMe } from "../../hooks/api/session.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatRelative } from "../../lib/format.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { ChannelIcon } from "../ChannelIcon.tsx";
import { CustomerAudit } from "./CustomerAudit.tsx";

/**
 * One customer across channels, beside a conversation and on the contact page: who may be the
 * same person (with the evidence, a one-click merge and "not the same person"), what was merged
 * in (with undo), every contact on every channel in one time-ordered story, and (for supervisors
 * and admins) who did what to the record.
 */
export function CustomerInsight({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" mt="md" data-testid="customer-insight">
      <Duplicates contactId={contactId} />
      <Merges contactId={contactId} />
      <section aria-labelledby={`timeline-${contactId}`}>
        <Text id={`timeline-${contactId}`} className="rl-panel-title">
          {t("oneCustomer.timeline")}
        </Text>
        <Timeline contactId={contactId} />
      </section>
      <CustomerAudit contactId={contactId} />
    </Stack>
  );
}

function Duplicates({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const duplicates = useDuplicates(contactId);
  const merge = useMergeContacts();
  const dismiss = useDismissDuplicate(contactId);
  const canMerge = me.user.role === "admin" || me.user.role === "supervisor";
  if (!duplicates.data?.length) return null;
  return (
    <section aria-labelledby={`duplicates-${contactId}`} data-testid="duplicates">
      <Text id={`duplicates-${contactId}`} className="rl-panel-title">
        {t("oneCustomer.possiblySame")}
      </Text>
      <Stack gap={6}>
        {duplicates.data.map((duplicate) => {
          const name = duplicate.contact.name ?? duplicate.contact.email ?? t("contact.unknown");
          return (
            <Paper key={duplicate.contact.id} withBorder p="xs" radius="sm">
              <Text size="sm" fw={600} className="rl-wrap">
                {name}
              </Text>
              <Group gap={4} my={4}>
                {duplicate.evidence.map((evidence) => (
                  <Badge
                    key={`${evidence.kind}-${evidence.detail}`}
                    size="xs"
                    variant="light"
                    color="gray"
                    style={{ textTransform: "none" }}
                  >
                    {t(`oneCustomer.evidence.${evidence.kind}`)} · {evidence.detail}
                  </Badge>
                ))}
              </Group>
              <Group gap={6}>
                <Button
                  size="compact-xs"
                  disabled={!canMerge}
                  title={canMerge ? undefined : t("contacts.merge.notAllowed")}
                  loading={merge.isPending}
                  onClick={() =>
                    merge.mutate(
                      { targetId: contactId, sourceId: duplicate.contact.id },
                      {
                        onSuccess: () => notifySuccess(t("oneCustomer.merged", { name })),
                        onError: notifyError,
                      },
                    )
                  }
                >
                  {t("oneCustomer.merge")}
                </Button>
                <Button
                  size="compact-xs"
                  variant="default"
                  loading={dismiss.isPending}
                  onClick={() => dismiss.mutate(duplicate.contact.id, { onError: notifyError })}
                >
                  {t("oneCustomer.notSame")}
                </Button>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </section>
  );
}

function Merges({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const merges = useContactMerges(contactId);
  const undo = useUndoMerge();
  const locale = currentLocale();
  const canUndo = me.user.role === "admin" || me.user.role === "supervisor";
  if (!merges.data?.length) return null;
  return (
    <section aria-labelledby={`merges-${contactId}`} data-testid="merge-history">
      <Text id={`merges-${contactId}`} className="rl-panel-title">
        {t("oneCustomer.mergeHistory")}
      </Text>
      <Stack gap={4}>
        {merges.data.map((merge) => (
          <Group key={merge.id} gap={6} justify="space-between" wrap="nowrap">
            <Text size="xs" className="rl-wrap">
              {t(merge.mergedBy ? "oneCustomer.mergedBy" : "oneCustomer.mergedAuto", {
                name: merge.sourceName ?? t("contact.unknown"),
                by: merge.mergedBy,
                when: formatRelative(merge.mergedAt, locale),
              })}
              {merge.undoneAt && ` · ${t("oneCustomer.undone")}`}
            </Text>
            {merge.undoable && canUndo && (
              <Button
                size="compact-xs"
                variant="default"
                loading={undo.isPending}
                aria-label={t("oneCustomer.undoLabel", { name: merge.sourceName ?? "" })}
                onClick={() =>
                  undo.mutate(merge.id, {
                    onSuccess: (result) =>
                      notifySuccess(
                        result.keptFields.length
                          ? t("oneCustomer.undoneKept", { fields: result.keptFields.join(", ") })
                          : t("oneCustomer.undoneDone"),
                      ),
                    onError: notifyError,
                  })
                }
              >
                {t("oneCustomer.undo")}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </section>
  );
}

function Timeline({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(contactId);
  const locale = currentLocale();
  if (timeline.isPending) return <Skeleton height={60} />;
  if (!timeline.data?.length) {
    return (
      <Text size="xs" c="dimmed">
        {t("oneCustomer.timelineEmpty")}
      </Text>
    );
  }
  return (
    <ol className="rl-one-timeline" data-testid="customer-timeline" style={{ paddingLeft: 0 }}>
      {timeline.data.map((item) => (
        <li key={`${item.type}-${item.id}`} style={{ listStyle: "none", marginBottom: 6 }}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <ChannelIcon
              kind={item.channelKind ?? "api"}
              size={14}
              label={item.channelName ?? t("oneCustomer.noChannel")}
            />
            <div style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                #{item.conversationNumber} · {formatRelative(item.at, locale)} ·{" "}
                {t(`oneCustomer.types.${item.type}`)}
              </Text>
              <Text size="xs" className="rl-wrap" lineClamp={3}>
                {describe(item, t)}
              </Text>
            </div>
          </Group>
        </li>
      ))}
    </ol>
  );
}

function describe(item: TTimelineItem, t: (key: string) => string): string {
  if (item.type === "status") return t(`oneCustomer.statuses.${item.status ?? "open"}`);
  if (item.type === "call" || item.type === "callback") {
    return [item.status, item.text].filter(Boolean).join(" · ");
  }
  return item.text ?? "";
}
