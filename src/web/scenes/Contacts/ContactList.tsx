import {
  Button,
  Center,
  CloseButton,
  EmptyState,
  Group,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconAddressBook, IconSearch, IconSearchOff } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useContactList } from "../../hooks/api/contacts.ts";
import { currentLocale } from "../../i18n/index.ts";
import { useNow } from "../../lib/useNow.ts";
import { ContactRow } from "./ContactRow.tsx";

function SearchInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const commit = useDebouncedCallback((next: string) => onChange(next.trim()), 300);
  useEffect(() => setText(value), [value]);
  const clear = () => {
    commit.cancel();
    setText("");
    onChange("");
  };
  return (
    <TextInput
      size="xs"
      placeholder={t("contacts.searchPlaceholder")}
      aria-label={t("contacts.search")}
      leftSection={<IconSearch size={14} />}
      rightSection={
        text ? <CloseButton size="xs" aria-label={t("actions.clear")} onClick={clear} /> : null
      }
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          commit.cancel();
          onChange(text.trim());
        }
        if (event.key === "Escape" && text) clear();
      }}
      data-testid="contacts-search"
    />
  );
}

interface ContactListProps {
  q: string;
  onSearch: (q: string) => void;
  selectedId: string | undefined;
  linkTo: (id: string) => string;
}

/** The left pane: search over names, addresses, numbers and handles; newest customers first. */
export function ContactList({ q, onSearch, selectedId, linkTo }: ContactListProps) {
  const { t } = useTranslation();
  const now = useNow();
  const locale = currentLocale();
  const list = useContactList(q);
  const contacts = list.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section className="rl-list" aria-label={t("contacts.title")}>
      <div className="rl-list-header">
        <Text fw={600} size="md" mb={8}>
          {t("contacts.title")}
        </Text>
        <SearchInput value={q} onChange={onSearch} />
        <div className="rl-list-gap" />
      </div>
      <div className="rl-list-scroll" data-testid="contact-list">
        {list.isPending && (
          <Stack gap={0} p={8}>
            {[0, 1, 2, 3, 4].map((key) => (
              <Skeleton key={key} height={58} radius="md" mb={8} />
            ))}
          </Stack>
        )}
        {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
        {list.isSuccess && contacts.length === 0 && (
          <Center h="70%" px="lg">
            <EmptyState
              icon={q ? <IconSearchOff size={26} /> : <IconAddressBook size={26} />}
              withIndicatorBackground
              title={q ? t("contacts.noResults") : t("contacts.emptyTitle")}
              description={q ? t("contacts.noResultsHelp") : t("contacts.emptyHelp")}
              size="sm"
              data-testid="contacts-empty"
            >
              {q && (
                <EmptyState.Actions>
                  <Button size="xs" variant="light" onClick={() => onSearch("")}>
                    {t("actions.clear")}
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          </Center>
        )}
        {contacts.map((contact) => (
          <ContactRow
            key={contact.id}
            contact={contact}
            selected={contact.id === selectedId}
            to={linkTo(contact.id)}
            now={now}
            locale={locale}
          />
        ))}
        {list.hasNextPage && (
          <Group justify="center" p="sm">
            <Button
              size="xs"
              variant="light"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
              data-testid="contacts-more"
            >
              {t("contacts.loadMore")}
            </Button>
          </Group>
        )}
      </div>
    </section>
  );
}
