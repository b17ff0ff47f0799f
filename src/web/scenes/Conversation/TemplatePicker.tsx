import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { IconAlertTriangle, IconSend, IconTemplate } from "@tabler/icons-react";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TConversation } from "../../../shared/schemas.ts";
import { useSendMessage } from "../../hooks/api/conversations.ts";
import { useChannelTemplates } from "../../hooks/api/templates.ts";
import { currentLocale } from "../../i18n/index.ts";
import { languageName } from "../../lib/format.ts";
import { describeError } from "../../lib/notify.ts";
import {
  type MessageTemplate,
  placeholders,
  prefillValues,
  renderTemplate,
  templateParts,
} from "../../lib/templates.ts";
import { SendError } from "./SendError.tsx";

interface TemplatePickerProps {
  conversation: TConversation;
  /** Whether free text would be accepted too (inside the 24-hour window). */
  windowOpen: boolean;
  onClose: () => void;
  /** After the template was accepted (the modal closes too). */
  onSent?: () => void;
}

const keyOf = (template: MessageTemplate) => `${template.name}:${template.language}`;

/** "Anglais (États-Unis)" for "en_US". */
function templateLanguage(code: string, locale: string): string {
  return languageName(code.replace("_", "-"), locale);
}

/** The conversation's language first (the customer reads it), then by name. */
function sortTemplates(templates: MessageTemplate[], language: string | null): MessageTemplate[] {
  const base = language?.slice(0, 2).toLowerCase();
  const rank = (template: MessageTemplate) =>
    base && template.language.slice(0, 2).toLowerCase() === base ? 0 : 1;
  return [...templates].sort(
    (a, b) =>
      rank(a) - rank(b) || a.name.localeCompare(b.name) || a.language.localeCompare(b.language),
  );
}

function Preview({ body, values }: { body: string; values: Record<string, string> }) {
  return (
    <div className="rl-template-preview" data-testid="template-preview">
      {templateParts(body, values).map((part) =>
        part.variable ? (
          <mark
            key={part.at}
            className="rl-template-variable"
            data-filled={part.filled ? "true" : "false"}
          >
            {part.text}
          </mark>
        ) : (
          <span key={part.at}>{part.text}</span>
        ),
      )}
    </div>
  );
}

/**
 * Approved templates of the conversation's channel: pick one, fill its variables (the customer's
 * name is put where the template greets them), read the message as the customer will, send.
 */
export function TemplatePicker({ conversation, windowOpen, onClose, onSent }: TemplatePickerProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const templates = useChannelTemplates(conversation.channel?.id, true);
  const send = useSendMessage(conversation.id);
  const sorted = useMemo(
    () => sortTemplates(templates.data ?? [], conversation.language),
    [templates.data, conversation.language],
  );
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const [typed, setTyped] = useState<Record<string, Record<string, string>>>({});
  const chosen = sorted.find((template) => keyOf(template) === chosenKey) ?? sorted[0];
  const names = chosen ? placeholders(chosen.body) : [];
  const values = chosen
    ? (typed[keyOf(chosen)] ?? prefillValues(chosen.body, conversation.contact.name))
    : {};
  const missing = names.filter((name) => !values[name]?.trim());

  const setValue = (name: string, value: string) => {
    if (!chosen) return;
    setTyped((current) => ({ ...current, [keyOf(chosen)]: { ...values, [name]: value } }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || missing.length > 0 || send.isPending) return;
    send.mutate(
      {
        kind: "reply",
        text: renderTemplate(chosen.body, values),
        template: {
          name: chosen.name,
          language: chosen.language,
          variables: names.map((name) => values[name]?.trim() ?? ""),
        },
      },
      {
        onSuccess: () => {
          onSent?.();
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t("templates.title")} size={820} centered>
      <Text size="sm" c="dimmed" mb="sm">
        {windowOpen ? t("templates.introOpen") : t("templates.introClosed")}
      </Text>
      {templates.isPending && (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      )}
      {templates.isError && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title={t("templates.loadFailed")}
          data-testid="templates-error"
        >
          <Text size="sm" className="rl-wrap">
            {describeError(templates.error)}
          </Text>
        </Alert>
      )}
      {templates.isSuccess && sorted.length === 0 && (
        <Text size="sm" p="md" data-testid="templates-empty">
          {t("templates.none")}
        </Text>
      )}
      {chosen && (
        <div className="rl-templates" data-testid="template-picker">
          <ScrollArea.Autosize mah={430} className="rl-template-list">
            <Stack gap={4} role="listbox" aria-label={t("templates.list")}>
              {sorted.map((template) => {
                const selected = keyOf(template) === keyOf(chosen);
                return (
                  <UnstyledButton
                    key={keyOf(template)}
                    className="rl-template"
                    role="option"
                    aria-selected={selected}
                    data-selected={selected ? "true" : undefined}
                    data-template={template.name}
                    onClick={() => {
                      setChosenKey(keyOf(template));
                      send.reset();
                    }}
                  >
                    <Group gap={6} wrap="nowrap" justify="space-between" mb={2}>
                      <Text size="sm" fw={600} truncate="end" ff="monospace">
                        {template.name}
                      </Text>
                      <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                        {template.language}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={3}>
                      {template.body}
                    </Text>
                  </UnstyledButton>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
          <form onSubmit={submit} className="rl-template-form" data-testid="template-form">
            <Stack gap="sm">
              <div>
                <Text fw={600} ff="monospace" className="rl-wrap">
                  {chosen.name}
                </Text>
                <Group gap={6} mt={4}>
                  <Badge size="sm" variant="light" color="gray">
                    {templateLanguage(chosen.language, locale)}
                  </Badge>
                  {chosen.category && (
                    <Badge size="sm" variant="light" color="teal">
                      {t(`templates.categories.${chosen.category.toLowerCase()}`, {
                        defaultValue: chosen.category,
                      })}
                    </Badge>
                  )}
                </Group>
              </div>
              {names.length === 0 ? (
                <Text size="xs" c="dimmed">
                  {t("templates.noVariables")}
                </Text>
              ) : (
                names.map((name, index) => (
                  <TextInput
                    key={`${keyOf(chosen)}-${name}`}
                    label={`{{${name}}}`}
                    placeholder={t("templates.variablePlaceholder", { number: index + 1 })}
                    value={values[name] ?? ""}
                    onChange={(event) => setValue(name, event.currentTarget.value)}
                    maxLength={1024}
                    required
                    autoFocus={index === names.findIndex((other) => !values[other]?.trim())}
                    data-testid={`template-variable-${name}`}
                  />
                ))
              )}
              <div>
                <Text size="xs" fw={600} c="dimmed" mb={4}>
                  {t("templates.preview")}
                </Text>
                <Preview body={chosen.body} values={values} />
              </div>
              {send.isError && <SendError error={send.error} onClose={() => send.reset()} />}
              <Group justify="space-between" wrap="nowrap">
                <Text size="xs" c={missing.length ? "orange.8" : "dimmed"}>
                  {missing.length
                    ? t("templates.missing", { count: missing.length })
                    : t("templates.ready")}
                </Text>
                <Group gap="xs" wrap="nowrap">
                  <Button variant="default" size="xs" onClick={onClose}>
                    {t("actions.cancel")}
                  </Button>
                  <Button
                    type="submit"
                    size="xs"
                    loading={send.isPending}
                    disabled={missing.length > 0}
                    rightSection={<IconSend size={14} />}
                    data-testid="template-send"
                  >
                    {t("templates.send")}
                  </Button>
                </Group>
              </Group>
            </Stack>
          </form>
        </div>
      )}
    </Modal>
  );
}

/** The composer's button that opens the approved templates. */
export function OpenTemplatesButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("templates.title")}>
      <ActionIcon
        variant="subtle"
        color="gray"
        onClick={onClick}
        aria-label={t("templates.title")}
        data-testid="open-templates"
      >
        <IconTemplate size={17} />
      </ActionIcon>
    </Tooltip>
  );
}
