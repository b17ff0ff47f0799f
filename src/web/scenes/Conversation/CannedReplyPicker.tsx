import {
  ActionIcon,
  Code,
  Group,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { IconMessageBolt, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCannedReplies, useRenderCannedReply } from "../../hooks/api/cannedReplies.ts";
import { notifyError } from "../../lib/notify.ts";

interface CannedReplyPickerProps {
  conversationId: string;
  onInsert: (text: string) => void;
}

/** Canned replies, searchable by title or shortcut, inserted in the customer's language. */
export function CannedReplyPicker({ conversationId, onInsert }: CannedReplyPickerProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [query, setQuery] = useState("");
  const replies = useCannedReplies(opened);
  const render = useRenderCannedReply(conversationId);
  const needle = query.trim().toLowerCase();
  const shown = (replies.data ?? []).filter(
    (reply) =>
      !needle || reply.shortcut.includes(needle) || reply.title.toLowerCase().includes(needle),
  );

  const choose = (id: string) =>
    render.mutate(id, {
      onSuccess: (rendered) => {
        onInsert(rendered.text);
        setOpened(false);
        setQuery("");
      },
      onError: notifyError,
    });

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="top-start"
      width={320}
      shadow="md"
      trapFocus
    >
      <Popover.Target>
        <Tooltip label={t("canned.title")}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setOpened((open) => !open)}
            aria-label={t("canned.title")}
            data-testid="canned-replies"
          >
            <IconMessageBolt size={17} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={6}>
        <TextInput
          size="xs"
          leftSection={<IconSearch size={13} />}
          placeholder={t("canned.search")}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            const first = shown[0];
            if (event.key === "Enter" && first) {
              event.preventDefault();
              choose(first.id);
            }
          }}
          mb={6}
        />
        <ScrollArea.Autosize mah={260}>
          <Stack gap={2}>
            {replies.isPending && <Loader size="xs" m="sm" />}
            {replies.isSuccess && shown.length === 0 && (
              <Text size="xs" c="dimmed" p="xs">
                {replies.data.length === 0 ? t("canned.none") : t("canned.noMatch")}
              </Text>
            )}
            {shown.map((reply) => (
              <UnstyledButton
                key={reply.id}
                className="rl-canned"
                onClick={() => choose(reply.id)}
                disabled={render.isPending}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" truncate="end">
                    {reply.title}
                  </Text>
                  <Code>{reply.shortcut}</Code>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {reply.bodyFr ?? reply.bodyEn}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
