import { CloseButton, Kbd, TextInput } from "@mantine/core";
import { useDebouncedCallback, useHotkeys } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
}

/** Full-text search over messages, customers and subjects; `/` puts the cursor here. */
export function SearchBox({ value, onChange }: SearchBoxProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const commit = useDebouncedCallback((next: string) => onChange(next.trim()), 300);

  useEffect(() => setText(value), [value]);
  useHotkeys([
    [
      "/",
      (event) => {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      },
    ],
  ]);

  return (
    <TextInput
      ref={input}
      size="xs"
      placeholder={t("inbox.search")}
      aria-label={t("inbox.search")}
      leftSection={<IconSearch size={14} />}
      rightSection={
        text ? (
          <CloseButton
            size="xs"
            aria-label={t("actions.clear")}
            onClick={() => {
              setText("");
              onChange("");
            }}
          />
        ) : (
          <Kbd size="xs">/</Kbd>
        )
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
        if (event.key === "Escape") {
          if (text) {
            commit.cancel();
            setText("");
            onChange("");
          }
          input.current?.blur();
        }
      }}
      data-testid="search"
      style={{ flex: 1 }}
    />
  );
}
