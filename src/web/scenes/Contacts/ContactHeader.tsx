import { ActionIcon, Avatar, Button, Group, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconArrowMerge, IconCheck, IconPencil, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ContactDetail, useUpdateContact } from "../../hooks/api/contacts.ts";
import { useMe } from "../../hooks/api/session.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDate } from "../../lib/format.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { colorFor, initials } from "../../lib/people.ts";
import { BlockContactButton } from "./BlockContactButton.tsx";
import { contactName } from "./labels.ts";

function NameEditor({ contact, onDone }: { contact: ContactDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateContact(contact.id);
  const [name, setName] = useState(contact.name ?? "");
  const save = () => {
    const next = name.trim();
    if (next === (contact.name ?? "")) return onDone();
    update.mutate(
      { name: next || null },
      {
        onSuccess: () => {
          notifySuccess(t("contacts.nameSaved"));
          onDone();
        },
        onError: notifyError,
      },
    );
  };
  return (
    <Group gap={6} wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
      <TextInput
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") save();
          if (event.key === "Escape") onDone();
        }}
        placeholder={t("contacts.namePlaceholder")}
        aria-label={t("contacts.name")}
        maxLength={200}
        data-autofocus
        autoFocus
        style={{ flex: 1, maxWidth: 420 }}
        data-testid="contact-name-input"
      />
      <ActionIcon
        variant="filled"
        size="lg"
        onClick={save}
        loading={update.isPending}
        aria-label={t("actions.save")}
        data-testid="contact-name-save"
      >
        <IconCheck size={16} />
      </ActionIcon>
      <ActionIcon variant="default" size="lg" onClick={onDone} aria-label={t("actions.cancel")}>
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}

interface ContactHeaderProps {
  contact: ContactDetail;
  onMerge: () => void;
}

/** Who the customer is, their name (editable), how to reach them, and the merge action. */
export function ContactHeader({ contact, onMerge }: ContactHeaderProps) {
  const { t } = useTranslation();
  const { user } = useMe();
  const [editing, setEditing] = useState(false);
  const locale = currentLocale();
  const name = contactName(contact, t("contact.unknown"));
  const mayMerge = user.role !== "agent";
  const reach = [contact.email, contact.phone].filter(
    (value): value is string => Boolean(value) && value !== name,
  );

  const merge = (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconArrowMerge size={15} />}
      onClick={onMerge}
      disabled={!mayMerge}
      data-testid="contact-merge-open"
    >
      {t("contacts.merge.action")}
    </Button>
  );

  return (
    <Group
      justify="space-between"
      align="flex-start"
      wrap="nowrap"
      gap="md"
      mb="lg"
      data-testid="contact-header"
    >
      <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: 1 }}>
        <Avatar size={52} radius="xl" color={colorFor(contact.id)} variant="light">
          {initials(name)}
        </Avatar>
        <div style={{ minWidth: 0, flex: 1 }}>
          {editing ? (
            <NameEditor contact={contact} onDone={() => setEditing(false)} />
          ) : (
            <Group gap={4} wrap="nowrap" align="flex-start">
              <Title order={1} size="h3" className="rl-wrap" data-testid="contact-name">
                {name}
              </Title>
              <Tooltip label={t("contacts.editName")}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => setEditing(true)}
                  aria-label={t("contacts.editName")}
                  data-testid="contact-name-edit"
                  mt={2}
                >
                  <IconPencil size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          )}
          {reach.length > 0 && (
            <Text size="sm" c="dimmed" className="rl-wrap">
              {reach.join(" · ")}
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={2}>
            {t("contacts.since", { date: formatDate(contact.createdAt, locale) })}
          </Text>
          {contact.blockedAt && (
            <Text size="xs" c="red.9" mt={2} className="rl-wrap" data-testid="contact-blocked">
              {t("block.blockedSince", { date: formatDate(contact.blockedAt, locale) })}
            </Text>
          )}
        </div>
      </Group>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        <BlockContactButton contact={contact} />
        {mayMerge ? (
          merge
        ) : (
          <Tooltip label={t("contacts.merge.notAllowed")} multiline w={240}>
            <span>{merge}</span>
          </Tooltip>
        )}
      </Group>
    </Group>
  );
}
