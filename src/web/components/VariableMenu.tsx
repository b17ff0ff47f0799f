import { Button, Code, Menu, Text } from "@mantine/core";
import { IconBraces } from "@tabler/icons-react";
import { type RefObject, useCallback } from "react";
import { useTranslation } from "react-i18next";
import { TEMPLATE_VARIABLES, type TemplateVariable } from "../../shared/rules.ts";

/** The i18n key naming a variable: contact.name is named by variables.contact_name. */
export function variableKey(variable: TemplateVariable): string {
  return `variables.${variable.replace(".", "_")}`;
}

/** Puts `snippet` at the cursor of `ref`'s field (or at the end), then puts the cursor after it. */
export function useInsertAtCursor(
  ref: RefObject<HTMLTextAreaElement | HTMLInputElement | null>,
  value: string,
  setValue: (value: string) => void,
) {
  return useCallback(
    (snippet: string) => {
      const element = ref.current;
      const start = element?.selectionStart ?? value.length;
      const end = element?.selectionEnd ?? value.length;
      setValue(value.slice(0, start) + snippet + value.slice(end));
      requestAnimationFrame(() => {
        element?.focus();
        element?.setSelectionRange(start + snippet.length, start + snippet.length);
      });
    },
    [ref, value, setValue],
  );
}

interface VariableMenuProps {
  onInsert: (snippet: string) => void;
  /** The language of the text: the fallback offered for an unknown name is in it. */
  language: "fr" | "en";
  disabled?: boolean;
  testId?: string;
}

/**
 * The variables Relais fills (`{{contact.name}}`), and the fallback syntax for a value it may
 * not know: `{{contact.name | there}}`.
 */
export function VariableMenu({ onInsert, language, disabled, testId }: VariableMenuProps) {
  const { t } = useTranslation();
  const fallback = t("variables.nameFallback", { lng: language });
  return (
    <Menu position="bottom-end" shadow="md" width={320} withinPortal>
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconBraces size={13} />}
          disabled={disabled}
          data-testid={testId}
        >
          {t("variables.insert")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("variables.title")}</Menu.Label>
        {TEMPLATE_VARIABLES.map((variable) => (
          <Menu.Item
            key={variable}
            onClick={() => onInsert(`{{${variable}}}`)}
            rightSection={<Code fz={11}>{`{{${variable}}}`}</Code>}
            data-variable={variable}
          >
            <Text size="sm">{t(variableKey(variable))}</Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          onClick={() => onInsert(`{{contact.name | ${fallback}}}`)}
          data-variable="contact.name-fallback"
        >
          <Text size="sm">{t("variables.withFallback")}</Text>
          <Code fz={11}>{`{{contact.name | ${fallback}}}`}</Code>
        </Menu.Item>
        <Text size="xs" c="dimmed" px="sm" py={6} maw={320}>
          {t("variables.fallbackHelp")} <Code fz={11}>{`{{contact.name | ${fallback}}}`}</Code>
        </Text>
      </Menu.Dropdown>
    </Menu>
  );
}
