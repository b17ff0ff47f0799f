import {
  ActionIcon,
  Avatar,
  Badge,
  Button,
  Group,
  Menu,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from "@mantine/core";
import {
  IconAddressBook,
  IconArrowMerge,
  IconClock,
  IconDots,
  IconLanguage,
  IconMoon,
  IconRosetteDiscountCheck,
} from "@tabler/icons-react";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TConversation, TIdentity } from "../../../shared/schemas.ts";
import { ChannelIcon } from "../../components/ChannelIcon.tsx";
import { CustomerInsight } from "../../components/customer/CustomerInsight.tsx";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useContact, useUpdateContact } from "../../hooks/api/contacts.ts";
import { useMe } from "../../hooks/api/session.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatLocalTime, formatRelative, hourIn, languageName } from "../../lib/format.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { colorFor, initials } from "../../lib/people.ts";
import { useNow } from "../../lib/useNow.ts";
import { ArticlesRead } from "./ArticlesRead.tsx";
import { CustomerSurvey } from "./CustomerSurvey.tsx";
import { OrdersSection } from "./Orders/OrdersSection.tsx";

/** The merge dialog of the contacts screen, loaded when first opened. */
const MergeContactModal = lazy(async () => ({
  default: (await import("../Contacts/MergeContactModal.tsx")).MergeContactModal,
}));

const STATUS_COLORS = {
  open: "blue",
  pending: "yellow",
  snoozed: "grape",
  resolved: "teal",
} as const;

function IdentityRow({ identity, locale }: { identity: TIdentity; locale: string }) {
  const { t } = useTranslation();
  const shown = identity.handle ? `@${identity.handle.replace(/^@/, "")}` : identity.value;
  return (
    <Group gap={8} wrap="nowrap" align="flex-start" data-identity-kind={identity.kind}>
      <ChannelIcon kind={identity.kind} size={15} label={t(`identityKinds.${identity.kind}`)} />
      <div style={{ minWidth: 0 }}>
        <Text size="xs" className="rl-wrap">
          {shown}
          {identity.verified && (
            <Tooltip label={t("customer.verified")}>
              <IconRosetteDiscountCheck
                size={13}
                color="var(--mantine-color-blue-6)"
                style={{ marginLeft: 4, verticalAlign: -2 }}
              />
            </Tooltip>
          )}
        </Text>
        {identity.followers !== null && (
          <Text size="xs" c="dimmed">
            {t("customer.followers", {
              count: identity.followers,
              formatted: new Intl.NumberFormat(locale, { notation: "compact" }).format(
                identity.followers,
              ),
            })}
          </Text>
        )}
      </div>
    </Group>
  );
}

function Notes({ contactId, notes }: { contactId: string; notes: string | null }) {
  const { t } = useTranslation();
  const update = useUpdateContact(contactId);
  const [text, setText] = useState(notes ?? "");
  useEffect(() => setText(notes ?? ""), [notes]);
  const dirty = text !== (notes ?? "");
  return (
    <Stack gap={6}>
      <Textarea
        size="xs"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        placeholder={t("customer.notesPlaceholder")}
        autosize
        minRows={2}
        maxRows={8}
        aria-label={t("customer.notes")}
      />
      {dirty && (
        <Group justify="flex-end" gap={6}>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            onClick={() => setText(notes ?? "")}
          >
            {t("actions.cancel")}
          </Button>
          <Button
            size="compact-xs"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { notes: text.trim() ? text : null },
                { onSuccess: () => notifySuccess(t("customer.notesSaved")), onError: notifyError },
              )
            }
          >
            {t("actions.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function EarlierConversation({
  conversation,
  to,
  now,
  locale,
}: {
  conversation: TConversation;
  to: string;
  now: number;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="rl-history-item" data-history-id={conversation.id}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {conversation.channel && (
            <ChannelIcon
              kind={conversation.channel.kind}
              label={conversation.channel.name}
              size={14}
            />
          )}
          <Text size="xs" fw={600}>
            #{conversation.number}
          </Text>
          <Badge size="xs" variant="light" color={STATUS_COLORS[conversation.status]}>
            {t(`statuses.${conversation.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {formatRelative(conversation.lastMessageAt, locale, now)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" lineClamp={2} mt={2} className="rl-wrap">
        {conversation.subject ?? conversation.lastMessage?.text ?? ""}
      </Text>
    </Link>
  );
}

interface CustomerPanelProps {
  contactId: string;
  currentConversationId: string;
  linkTo: (conversationId: string) => string;
}

/** The customer beside the conversation: who, where they write from, their time, their history. */
export function CustomerPanel({ contactId, currentConversationId, linkTo }: CustomerPanelProps) {
  const { t } = useTranslation();
  const contact = useContact(contactId);
  const now = useNow();
  const locale = currentLocale();
  const { user } = useMe();
  const [merging, setMerging] = useState(false);

  if (contact.isPending) {
    return (
      <aside className="rl-customer">
        <Skeleton height={48} circle mb="sm" />
        <Skeleton height={14} width="70%" mb={8} />
        <Skeleton height={12} width="50%" />
      </aside>
    );
  }
  if (contact.isError) {
    return (
      <aside className="rl-customer">
        <ErrorState error={contact.error} onRetry={() => contact.refetch()} />
      </aside>
    );
  }
  const data = contact.data;
  const name = data.name ?? data.email ?? data.phone ?? t("contact.unknown");
  const localTime = data.timeZone ? formatLocalTime(data.timeZone, locale, new Date(now)) : null;
  const hour = data.timeZone ? hourIn(data.timeZone, new Date(now)) : null;
  const night = hour !== null && (hour < 8 || hour >= 21);
  const others = data.conversations.filter(
    (conversation) => conversation.id !== currentConversationId,
  );

  return (
    <aside className="rl-customer" aria-label={t("customer.title")} data-testid="customer-panel">
      <Group gap="sm" wrap="nowrap" mb="md">
        <Avatar size={44} radius="xl" color={colorFor(data.id)} variant="light">
          {initials(name)}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <Text fw={600} className="rl-wrap" lineClamp={2}>
            {name}
          </Text>
          {data.email && data.email !== name && (
            <Text size="xs" c="dimmed" className="rl-wrap">
              {data.email}
            </Text>
          )}
          {data.phone && (
            <Text size="xs" c="dimmed">
              {data.phone}
            </Text>
          )}
        </div>
      </Group>
      {merging && (
        <Suspense fallback={null}>
          <MergeContactModal
            contact={data}
            onClose={() => setMerging(false)}
            onMerged={() => setMerging(false)}
          />
        </Suspense>
      )}

      <Stack gap={6} mb="md">
        <Group gap={8} wrap="nowrap">
          <IconLanguage size={15} color="var(--mantine-color-dimmed)" />
          <Text size="xs">
            {data.locale ? languageName(data.locale, locale) : t("customer.unknownLanguage")}
          </Text>
        </Group>
        <Group gap={8} wrap="nowrap">
          {night ? (
            <IconMoon size={15} color="var(--mantine-color-indigo-5)" />
          ) : (
            <IconClock size={15} color="var(--mantine-color-dimmed)" />
          )}
          <Text size="xs" data-testid="customer-local-time">
            {localTime ? t("customer.localTime", { time: localTime }) : t("customer.unknownTime")}
          </Text>
        </Group>
      </Stack>

      <Text className="rl-panel-title" component="div">
        {t("customer.identities")}
        <Menu position="bottom-end" shadow="md" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              ml="auto"
              aria-label={t("contacts.actions")}
              data-testid="customer-menu"
            >
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              component={Link}
              to={`/contacts/${data.id}`}
              leftSection={<IconAddressBook size={14} />}
            >
              {t("contacts.open")}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconArrowMerge size={14} />}
              onClick={() => setMerging(true)}
              disabled={user.role === "agent"}
              title={user.role === "agent" ? t("contacts.merge.notAllowed") : undefined}
              data-testid="customer-merge"
            >
              {t("contacts.merge.action")}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Text>
      <Stack gap={8} mb="md">
        {data.identities.length === 0 && (
          <Text size="xs" c="dimmed">
            {t("customer.noIdentity")}
          </Text>
        )}
        {data.identities.map((identity) => (
          <IdentityRow key={identity.id} identity={identity} locale={locale} />
        ))}
      </Stack>

      <Text className="rl-panel-title">
        {t("customer.history")}{" "}
        {others.length > 0 && <span className="rl-tab-count">{others.length}</span>}
      </Text>
      <Stack gap={4} mb="md">
        {others.length === 0 && (
          <Text size="xs" c="dimmed">
            {t("customer.noHistory")}
          </Text>
        )}
        {others.map((conversation) => (
          <EarlierConversation
            key={conversation.id}
            conversation={conversation}
            to={linkTo(conversation.id)}
            now={now}
            locale={locale}
          />
        ))}
      </Stack>

      <OrdersSection conversationId={currentConversationId} />
      <CustomerSurvey conversationId={currentConversationId} />
      <ArticlesRead conversationId={currentConversationId} />
      <Text className="rl-panel-title">{t("customer.notes")}</Text>
      <Notes contactId={data.id} notes={data.notes} />
      <CustomerInsight contactId={data.id} />
    </aside>
  );
}
