import { Group, Select, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TContactListItem } from "../../../shared/contacts.ts";
import { useContactOptions } from "../../hooks/api/contacts.ts";
import { IdentityIcons } from "./IdentityIcons.tsx";
import { contactName, identityLabel } from "./labels.ts";

interface ContactPickerProps {
  /** The contact being merged: never offered. */
  excludeId?: string;
  value: TContactListItem | null;
  onChange: (contact: TContactListItem | null) => void;
  /** Merging's wording unless given. */
  label?: string;
  placeholder?: string;
  testId?: string;
}

/** Another contact of the account, searched by the server as the agent types. */
export function ContactPicker({
  excludeId,
  value,
  onChange,
  label: fieldLabel,
  placeholder,
  testId,
}: ContactPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search, 250);
  const unknown = t("contact.unknown");
  const label = (contact: TContactListItem) => {
    const name = contactName(contact, unknown);
    const first = contact.identities[0];
    const reach = contact.email ?? (first ? identityLabel(first) : null);
    return reach && reach !== name ? `${name} · ${reach}` : name;
  };
  // Once one is chosen, the box shows its label: that is not a search.
  const showingChoice = value !== null && search === label(value);
  const options = useContactOptions(showingChoice ? "" : query);
  const found = (options.data ?? []).filter((contact) => contact.id !== excludeId);
  const all = value && !found.some((item) => item.id === value.id) ? [value, ...found] : found;
  const byId = new Map(all.map((contact) => [contact.id, contact]));

  return (
    <Select
      label={fieldLabel ?? t("contacts.merge.pick")}
      placeholder={placeholder ?? t("contacts.merge.pickPlaceholder")}
      leftSection={<IconSearch size={14} />}
      data={all.map((contact) => ({ value: contact.id, label: label(contact) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange((id && byId.get(id)) || null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: items }) => items}
      nothingFoundMessage={
        options.isFetching ? t("pickConversation.searching") : t("contacts.merge.none")
      }
      renderOption={({ option }) => {
        const contact = byId.get(option.value);
        return (
          <Group gap={8} wrap="nowrap" justify="space-between" style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" truncate="end">
              {option.label}
            </Text>
            {contact && <IdentityIcons identities={contact.identities} size={13} />}
          </Group>
        );
      }}
      clearable
      data-autofocus
      comboboxProps={{ withinPortal: true }}
      data-testid={testId ?? "merge-pick"}
    />
  );
}
