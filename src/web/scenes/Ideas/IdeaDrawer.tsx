import {
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Loader,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { IDEA_STATUSES, type IdeaStatus, type TIdea } from "../../../shared/ideas.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useConfirm } from "../../components/useConfirm.tsx";
import { useDeleteIdea, useIdea, useMergeIdea, useUpdateIdea } from "../../hooks/api/ideas.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDate } from "../../lib/format.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { TellCustomersModal } from "./TellCustomersModal.tsx";

/**
 * The idea page: its words, the conversations that gave it (one vote per customer), and for
 * supervisors its status — saved through the "tell customers" preview — its place on the public
 * page, a merge into another idea, or its deletion.
 */
export function IdeaDrawer(props: {
  ideaId: string;
  ideas: TIdea[];
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const idea = useIdea(props.ideaId);
  const update = useUpdateIdea();
  const merge = useMergeIdea();
  const remove = useDeleteIdea();
  const [confirm, confirmDialog] = useConfirm();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [status, setStatus] = useState<IdeaStatus>("new");
  const [note, setNote] = useState("");
  const [telling, setTelling] = useState(false);
  const [into, setInto] = useState<string | null>(null);
  const data = idea.data;
  useEffect(() => {
    if (!data) return;
    setTitle(data.title);
    setDescription(data.description);
    setStatus(data.status);
    setNote(data.statusNote ?? "");
  }, [data]);

  const saveWords = () =>
    data &&
    update.mutate(
      { id: data.id, body: { title: title.trim(), description: description.trim() } },
      { onSuccess: () => notifySuccess(t("ideas.detail.saved")), onError: notifyError },
    );
  const mergeInto = () =>
    data &&
    into &&
    merge.mutate(
      { id: data.id, intoId: into },
      {
        onSuccess: () => {
          notifySuccess(t("ideas.detail.merged"));
          props.onClose();
        },
        onError: notifyError,
      },
    );
  const deleteIdea = async () => {
    if (!data) return;
    const ok = await confirm({
      title: t("ideas.detail.delete"),
      message: t("ideas.detail.deleteConfirm", { title: data.title }),
      confirmLabel: t("ideas.detail.delete"),
      danger: true,
    });
    if (ok) remove.mutate(data.id, { onSuccess: props.onClose, onError: notifyError });
  };
  const wordsChanged =
    data && (title.trim() !== data.title || description.trim() !== data.description);
  const statusChanged = data && (status !== data.status || note.trim() !== (data.statusNote ?? ""));

  return (
    <Drawer
      opened
      onClose={props.onClose}
      position="right"
      size="lg"
      title={t("ideas.detail.label")}
      closeButtonProps={{ "aria-label": t("actions.close") }}
      data-testid="idea-drawer"
    >
      {idea.isPending && <Loader size="sm" />}
      {idea.isError && <ErrorState error={idea.error} onRetry={() => idea.refetch()} />}
      {data && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge variant="light">{t(`ideas.status.${data.status}`)}</Badge>
            <Badge variant="light" color="gray">
              {t(`ideas.kind.${data.kind}`)}
            </Badge>
            <Text size="sm" fw={600} data-testid="idea-detail-votes">
              {t("ideas.votes", { count: data.votes })}
            </Text>
          </Group>
          <TextInput
            label={t("ideas.form.title")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            maxLength={200}
          />
          <Textarea
            label={t("ideas.form.description")}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={6}
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              variant="default"
              onClick={saveWords}
              disabled={!wordsChanged || !title.trim()}
            >
              {t("ideas.form.save")}
            </Button>
          </Group>

          {props.canManage && (
            <>
              <Divider />
              <Select
                label={t("ideas.detail.status")}
                data={IDEA_STATUSES.map((value) => ({ value, label: t(`ideas.status.${value}`) }))}
                value={status}
                onChange={(value) => value && setStatus(value as IdeaStatus)}
                allowDeselect={false}
                data-testid="idea-status"
              />
              <Textarea
                label={t("ideas.detail.statusNote")}
                description={t("ideas.detail.statusNoteHelp")}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={1000}
                data-testid="idea-status-note"
              />
              <Group justify="flex-end">
                <Button
                  size="xs"
                  onClick={() => setTelling(true)}
                  disabled={!statusChanged}
                  data-testid="idea-status-save"
                >
                  {t("ideas.detail.saveStatus")}
                </Button>
              </Group>
              <Switch
                label={t("ideas.form.public")}
                checked={data.public}
                onChange={(event) =>
                  update.mutate(
                    { id: data.id, body: { public: event.currentTarget.checked } },
                    { onError: notifyError },
                  )
                }
              />
            </>
          )}

          <Divider />
          <Title order={3} size="h6">
            {t("ideas.detail.conversations")}
          </Title>
          {data.conversations.length === 0 ? (
            <Text size="sm" c="gray.7">
              {t("ideas.detail.noConversations")}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {data.conversations.map((conversation) => (
                <li key={conversation.id} data-testid="idea-conversation">
                  <Group gap={8} wrap="wrap">
                    <Text size="sm" fw={600}>
                      {conversation.contact.name ?? "—"}
                    </Text>
                    {conversation.channelKind && (
                      <Badge size="xs" variant="light" color="gray">
                        {t(`channelKinds.${conversation.channelKind}`, {
                          defaultValue: conversation.channelKind,
                        })}
                      </Badge>
                    )}
                    <Anchor component={Link} to={`/inbox/all/${conversation.id}`} size="xs">
                      {t("ideas.unsorted.open", { number: conversation.number })}
                    </Anchor>
                    <Text size="xs" c="gray.7">
                      {formatDate(conversation.linkedAt, locale)}
                    </Text>
                  </Group>
                  <Text size="sm" className="rl-unsorted-excerpt">
                    {conversation.excerpt}
                  </Text>
                </li>
              ))}
            </Stack>
          )}

          {props.canManage && (
            <>
              <Divider />
              <Group align="flex-end" gap="xs" wrap="wrap">
                <Select
                  label={t("ideas.detail.merge")}
                  description={t("ideas.detail.mergeHelp")}
                  data={props.ideas
                    .filter((other) => other.id !== data.id)
                    .map((other) => ({ value: other.id, label: other.title }))}
                  value={into}
                  onChange={setInto}
                  searchable
                  style={{ flex: 1, minWidth: 220 }}
                />
                <Button size="sm" variant="default" onClick={mergeInto} disabled={!into}>
                  {t("ideas.detail.mergeAction")}
                </Button>
              </Group>
              <Group justify="flex-end">
                <Button
                  size="xs"
                  color="red"
                  variant="subtle"
                  leftSection={<IconTrash size={14} />}
                  onClick={deleteIdea}
                >
                  {t("ideas.detail.delete")}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
      {telling && data && (
        <TellCustomersModal
          ideaId={data.id}
          change={{ status, statusNote: note }}
          onClose={() => setTelling(false)}
          onSaved={() => setTelling(false)}
        />
      )}
      {confirmDialog}
    </Drawer>
  );
}
