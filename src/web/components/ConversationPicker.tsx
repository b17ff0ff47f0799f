import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TConversation } from "../../shared/schemas.ts";
import { useConversationOptions } from "../hooks/api/conversations.ts";

interface ConversationPickerProps {
  value: string | null;
  onChange: (id: string | null, conversation: TConversation | null) => void;
  label?: string;
  testId?: string;
}

function optionLabel(conversation: TConversation, unknown: string): string {
  const who =
    conversation.contact.name ??
    conversation.contact.email ??
    conversation.contact.phone ??
    unknown;
  const what = conversation.subject ?? conversation.lastMessage?.text ?? "";
  const short = what.length > 60 ? `${what.slice(0, 60)}…` : what;
  return `#${conversation.number} · ${who}${short ? ` — ${short}` : ""}`;
}

/** A conversation of the account, searched by the server as the agent types. */
export function ConversationPicker({ value, onChange, label, testId }: ConversationPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState<TConversation | null>(null);
  const unknown = t("contact.unknown");
  // Once one is chosen, the box shows its label: that is not a search.
  const showingChoice = chosen !== null && search === optionLabel(chosen, unknown);
  const options = useConversationOptions(showingChoice ? "" : query);
  const list = options.data ?? [];
  const all = chosen && !list.some((item) => item.id === chosen.id) ? [chosen, ...list] : list;

  return (
    <Select
      size="xs"
      label={label}
      aria-label={label ?? t("pickConversation.label")}
      placeholder={t("pickConversation.placeholder")}
      data={all.map((conversation) => ({
        value: conversation.id,
        label: optionLabel(conversation, unknown),
      }))}
      value={value}
      onChange={(id) => {
        const conversation = all.find((item) => item.id === id) ?? null;
        setChosen(conversation);
        onChange(id, conversation);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: items }) => items}
      nothingFoundMessage={
        options.isFetching ? t("pickConversation.searching") : t("pickConversation.none")
      }
      clearable
      data-testid={testId}
    />
  );
}
