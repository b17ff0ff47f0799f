import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { IDEA_KINDS, type IdeaKind } from "../../../shared/ideas.ts";
import { useCreateIdea } from "../../hooks/api/ideas.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

export interface IdeaDraft {
  title: string;
  description: string;
  kind: IdeaKind;
  /** The suggestion it comes from, linked as it is created. */
  conversationId?: string;
}

/** A new idea, blank or from an unsorted suggestion (its words as the first description). */
export function IdeaFormModal(props: {
  draft: IdeaDraft;
  canPublish: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateIdea();
  const [title, setTitle] = useState(props.draft.title);
  const [description, setDescription] = useState(props.draft.description);
  const [kind, setKind] = useState<IdeaKind>(props.draft.kind);
  const [shown, setShown] = useState(false);
  const submit = () =>
    create.mutate(
      {
        title: title.trim(),
        description: description.trim(),
        kind,
        public: shown,
        ...(props.draft.conversationId ? { conversationId: props.draft.conversationId } : {}),
      },
      {
        onSuccess: (idea) => {
          notifySuccess(t("ideas.detail.saved"));
          props.onCreated(idea.id);
        },
        onError: notifyError,
      },
    );
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t("ideas.form.createTitle")}
      size="lg"
      closeButtonProps={{ "aria-label": t("actions.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        data-testid="idea-form"
      >
        <Stack gap="sm">
          <TextInput
            label={t("ideas.form.title")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            maxLength={200}
            required
            data-autofocus
            name="title"
          />
          <Textarea
            label={t("ideas.form.description")}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={8}
            maxLength={5000}
            name="description"
          />
          <Select
            label={t("ideas.form.kind")}
            data={IDEA_KINDS.map((value) => ({ value, label: t(`ideas.kind.${value}`) }))}
            value={kind}
            onChange={(value) => value && setKind(value as IdeaKind)}
            allowDeselect={false}
          />
          {props.canPublish && (
            <Checkbox
              label={t("ideas.form.public")}
              checked={shown}
              onChange={(event) => setShown(event.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              {t("ideas.form.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!title.trim()}>
              {t("ideas.form.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
