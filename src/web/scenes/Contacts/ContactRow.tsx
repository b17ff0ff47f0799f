import { Avatar, Group, Text } from "@mantine/core";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TContactListItem } from "../../../shared/contacts.ts";
import { formatRelative } from "../../lib/format.ts";
import { colorFor, initials } from "../../lib/people.ts";
import { IdentityIcons } from "./IdentityIcons.tsx";
import { contactName, conversationCount } from "./labels.ts";

interface ContactRowProps {
  contact: TContactListItem;
  selected: boolean;
  to: string;
  now: number;
  locale: string;
}

/** One customer: who, where they write from, how many conversations, when they last wrote. */
export const ContactRow = memo(function ContactRow({
  contact,
  selected,
  to,
  now,
  locale,
}: ContactRowProps) {
  const { t } = useTranslation();
  const name = contactName(contact, t("contact.unknown"));
  const reach = contact.email ?? contact.phone;
  return (
    <Link
      to={to}
      className="rl-row rl-contact-row"
      data-selected={selected || undefined}
      data-contact-id={contact.id}
      aria-current={selected ? "page" : undefined}
    >
      <Avatar size={34} radius="xl" color={colorFor(contact.id)} variant="light">
        {initials(name)}
      </Avatar>
      <div className="rl-row-body">
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Text size="sm" fw={600} truncate="end" data-testid="contact-row-name">
            {name}
          </Text>
          {contact.lastActivityAt && (
            <Text size="xs" c="dimmed" className="rl-row-time">
              {formatRelative(contact.lastActivityAt, locale, now)}
            </Text>
          )}
        </Group>
        {reach && reach !== name && (
          <Text size="xs" c="dimmed" truncate="end">
            {reach}
          </Text>
        )}
        <Group gap={8} wrap="nowrap" justify="space-between" mt={4}>
          <IdentityIcons identities={contact.identities} />
          <Text size="xs" c="dimmed" className="rl-row-time" data-testid="contact-row-count">
            {conversationCount(t, contact.conversationCount)}
          </Text>
        </Group>
      </div>
    </Link>
  );
});
