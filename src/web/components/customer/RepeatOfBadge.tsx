import { Button, Group, Stack, Text } from "@mantine/core";
import { IconArrowMerge, IconRepeat } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMergeConversation } from "../../hooks/api/conversations.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

export interface RepeatOf {
  id: string;
  number: number;
  channelKind: string;
  reason: "same_order" | "similar_text";
  /** What the earlier conversation was about: its subject, else the customer's first message. */
  summary?: string | null;
}

/**
 * The customer is back about the same problem: a link to the earlier conversation, with why
 * Relais thinks so (the same order number, or the same category and a similar text), what it was
 * about, and a button that merges it into this one (one conversation for one problem).
 */
export function RepeatOfBadge({
  repeatOf,
  conversationId,
}: {
  repeatOf: RepeatOf;
  conversationId: string;
}) {
  const { t } = useTranslation();
  const merge = useMergeConversation(conversationId);
  const reason = t(`oneCustomer.repeatReasons.${repeatOf.reason}`);
  return (
    <Stack gap={2} data-testid="repeat-of-block">
      <Group gap={6}>
        <Button
          component={Link}
          to={`/inbox/all/${repeatOf.id}`}
          size="compact-xs"
          variant="default"
          fw={500}
          leftSection={<IconRepeat size={12} aria-hidden />}
          data-testid="repeat-of"
        >
          {t("oneCustomer.repeatOf", { number: repeatOf.number, reason })}
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconArrowMerge size={12} aria-hidden />}
          loading={merge.isPending}
          onClick={() =>
            merge.mutate(repeatOf.id, {
              onSuccess: () =>
                notifySuccess(t("oneCustomer.conversationMerged", { number: repeatOf.number })),
              onError: notifyError,
            })
          }
          data-testid="merge-repeat"
        >
          {t("oneCustomer.mergeConversation", { number: repeatOf.number })}
        </Button>
      </Group>
      {repeatOf.summary && (
        <Text size="xs" c="dimmed" lineClamp={2} className="rl-wrap" data-testid="repeat-summary">
          {repeatOf.summary}
        </Text>
      )}
    </Stack>
  );
}
