import { Badge, Button, Group, Paper, Stack, Text, Textarea, Tooltip } from "@mantine/core";
import { IconRosetteDiscountCheck } from "@tabler/icons-react";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TConversation, TIdentity } from "../../../shared/schemas.ts";
import { ChannelIcon } from "../../components/ChannelIcon.tsx";
import { useUpdateContact } from "../../hooks/api/contacts.ts";
import { formatRelative } from "../../lib/format.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { identityLabel } from "./labels.ts";

const STATUS_COLORS = {
  open: "blue",
  pending: "yellow",
  snoozed: "grape",
  resolved: "teal",
} as const;

/** A titled card of the contact page. */
export function Section({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count?: number;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Text className="rl-panel-title">
        {title}
        {count !== undefined && count > 0 && <span className="rl-tab-count">{count}</span>}
      </Text>
      {children}
    </Paper>
  );
}

export function IdentityList({ identities, locale }: { identities: TIdentity[]; locale: string }) {
  const { t } = useTranslation();
  if (identities.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("contacts.noIdentity")}
      </Text>
    );
  }
  return (
    <Stack gap={10}>
      {identities.map((identity) => (
        <Group
          key={identity.id}
          gap={10}
          wrap="nowrap"
          align="flex-start"
          data-identity-kind={identity.kind}
        >
          <ChannelIcon kind={identity.kind} size={18} label={t(`identityKinds.${identity.kind}`)} />
          <div style={{ minWidth: 0, flex: 1 }}>
            <Text size="sm" className="rl-wrap" data-testid="identity-value">
              {identityLabel(identity)}
              {identity.verified && (
                <Tooltip label={t("customer.verified")}>
                  <IconRosetteDiscountCheck
                    size={14}
                    color="var(--mantine-color-blue-6)"
                    style={{ marginLeft: 4, verticalAlign: -2 }}
                  />
                </Tooltip>
              )}
            </Text>
            <Text size="xs" c="dimmed" className="rl-wrap">
              {t(`identityKinds.${identity.kind}`)}
              {identity.displayName && identity.displayName !== identityLabel(identity)
                ? ` · ${identity.displayName}`
                : ""}
              {identity.followers !== null
                ? ` · ${t("customer.followers", {
                    count: identity.followers,
                    formatted: new Intl.NumberFormat(locale, { notation: "compact" }).format(
                      identity.followers,
                    ),
                  })}`
                : ""}
            </Text>
          </div>
        </Group>
      ))}
    </Stack>
  );
}

interface ConversationListProps {
  conversations: TConversation[];
  now: number;
  locale: string;
}

/** Every conversation of the customer, on every channel; each opens in the inbox. */
export function ContactConversations({ conversations, now, locale }: ConversationListProps) {
  const { t } = useTranslation();
  if (conversations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("contacts.noConversation")}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {conversations.map((conversation) => (
        <Link
          key={conversation.id}
          to={`/inbox/all/${conversation.id}`}
          className="rl-history-item rl-contact-conversation"
          data-conversation-id={conversation.id}
        >
          <Group gap={8} wrap="nowrap" justify="space-between">
            <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
              {conversation.channel && (
                <ChannelIcon
                  kind={conversation.channel.kind}
                  label={conversation.channel.name}
                  size={15}
                />
              )}
              <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
                #{conversation.number}
              </Text>
              <Badge size="xs" variant="light" color={STATUS_COLORS[conversation.status]}>
                {t(`statuses.${conversation.status}`)}
              </Badge>
              {conversation.assignee && (
                <Text size="xs" c="dimmed" truncate="end">
                  {conversation.assignee.name}
                </Text>
              )}
            </Group>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatRelative(conversation.lastMessageAt, locale, now)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed" lineClamp={2} mt={2} className="rl-wrap">
            {conversation.subject ?? conversation.lastMessage?.text ?? t("inbox.noMessage")}
          </Text>
        </Link>
      ))}
    </Stack>
  );
}

/** What colleagues should know about the customer; saved explicitly. */
export function ContactNotes({ contactId, notes }: { contactId: string; notes: string | null }) {
  const { t } = useTranslation();
  const update = useUpdateContact(contactId);
  const [text, setText] = useState(notes ?? "");
  useEffect(() => setText(notes ?? ""), [notes]);
  const dirty = text !== (notes ?? "");
  return (
    <Stack gap={6}>
      <Textarea
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        placeholder={t("customer.notesPlaceholder")}
        autosize
        minRows={3}
        maxRows={12}
        aria-label={t("customer.notes")}
        data-testid="contact-notes"
      />
      {dirty && (
        <Group justify="flex-end" gap={6}>
          <Button size="xs" variant="subtle" color="gray" onClick={() => setText(notes ?? "")}>
            {t("actions.cancel")}
          </Button>
          <Button
            size="xs"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { notes: text.trim() ? text : null },
                { onSuccess: () => notifySuccess(t("customer.notesSaved")), onError: notifyError },
              )
            }
            data-testid="contact-notes-save"
          >
            {t("actions.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
