import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCreateStory } from "../../hooks/api/stories.ts";
import { describeError, notifySuccess } from "../../lib/notify.ts";

/** A title and a summary; Relais keeps an anonymised copy of the conversation as a draft story. */
export function MarkStoryModal({
  conversationId,
  onClose,
}: {
  conversationId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateStory(conversationId);
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const valid = title.trim().length > 0;
  const save = () => {
    if (!valid) return;
    create.mutate(
      { title: title.trim(), summary: summary.trim() },
      {
        onSuccess: () => {
          notifySuccess(t("stories.mark.done"));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={<Text fw={600}>{t("stories.mark.title")}</Text>}
      closeButtonProps={{ "aria-label": t("actions.close") }}
      centered
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Stack gap="sm" data-testid="mark-story-modal">
          <Text size="sm" c="gray.7" className="rl-wrap">
            {t("stories.mark.help")}
          </Text>
          <TextInput
            label={t("stories.mark.titleLabel")}
            placeholder={t("stories.mark.titlePlaceholder")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            maxLength={200}
            required
            data-autofocus
            data-testid="story-title"
          />
          <Textarea
            label={t("stories.mark.summaryLabel")}
            placeholder={t("stories.mark.summaryPlaceholder")}
            value={summary}
            onChange={(event) => setSummary(event.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={3}
            data-testid="story-summary"
          />
          {create.error && (
            <Alert color="red" variant="light" p="sm" role="alert">
              <Text size="sm">{describeError(create.error)}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button
              type="submit"
              color="brand.8"
              disabled={!valid}
              loading={create.isPending}
              data-testid="story-save"
            >
              {t("stories.mark.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
