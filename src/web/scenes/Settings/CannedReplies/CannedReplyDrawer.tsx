import {
  Alert,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconEye } from "@tabler/icons-react";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TCannedReply } from "../../../../shared/rules.ts";
import { ConversationPicker } from "../../../components/ConversationPicker.tsx";
import { MessageBody } from "../../../components/MessageBody.tsx";
import { useInsertAtCursor, VariableMenu } from "../../../components/VariableMenu.tsx";
import { usePreviewCannedReply, useSaveCannedReply } from "../../../hooks/api/cannedReplies.ts";
import { describeError, notifySuccess } from "../../../lib/notify.ts";

const SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,39}$/;

interface BodyFieldProps {
  language: "fr" | "en";
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  error?: string | null;
}

function BodyField({ language, value, onChange, readOnly, error }: BodyFieldProps) {
  const { t } = useTranslation();
  const field = useRef<HTMLTextAreaElement>(null);
  const insert = useInsertAtCursor(field, value, onChange);
  return (
    <div>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="sm" fw={500} component="label" htmlFor={`canned-body-${language}`}>
          {language === "fr" ? t("cannedAdmin.bodyFr") : t("cannedAdmin.bodyEn")}
        </Text>
        {!readOnly && (
          <VariableMenu onInsert={insert} language={language} testId={`variables-${language}`} />
        )}
      </Group>
      <Textarea
        id={`canned-body-${language}`}
        ref={field}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={7}
        maxRows={16}
        maxLength={5000}
        lang={language}
        readOnly={readOnly}
        error={error}
        data-testid={`canned-body-${language}`}
      />
    </div>
  );
}

interface CannedReplyDrawerProps {
  reply: TCannedReply | null;
  onClose: () => void;
  readOnly: boolean;
}

/** Shortcut, title, and the reply in French and English, with variables and a preview. */
export function CannedReplyDrawer({ reply, onClose, readOnly }: CannedReplyDrawerProps) {
  const { t } = useTranslation();
  const save = useSaveCannedReply();
  const preview = usePreviewCannedReply();
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? "");
  const [title, setTitle] = useState(reply?.title ?? "");
  const [bodyFr, setBodyFr] = useState(reply?.bodyFr ?? "");
  const [bodyEn, setBodyEn] = useState(reply?.bodyEn ?? "");
  const [conversationId, setConversationId] = useState<string | null>(null);
  const shortcutValid = SHORTCUT.test(shortcut.trim().toLowerCase());
  const dirty =
    shortcut !== (reply?.shortcut ?? "") ||
    title !== (reply?.title ?? "") ||
    bodyFr !== (reply?.bodyFr ?? "") ||
    bodyEn !== (reply?.bodyEn ?? "");
  const error = save.error ? describeError(save.error) : null;
  const field = error ? /field "([^"]+)"/.exec(error)?.[1] : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: reply?.id,
        body: {
          shortcut: shortcut.trim().toLowerCase(),
          title: title.trim(),
          bodyFr: bodyFr.trim() ? bodyFr : null,
          bodyEn: bodyEn.trim() ? bodyEn : null,
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t("cannedAdmin.saved"));
          onClose();
        },
      },
    );
  };

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={820}
      title={
        <Title order={2} size="h4">
          {reply ? reply.title : t("cannedAdmin.newTitle")}
        </Title>
      }
      classNames={{ body: "rl-drawer-body" }}
    >
      <form onSubmit={submit} className="rl-drawer-form" data-testid="canned-form">
        <fieldset className="rl-fieldset">
          <Stack gap="md">
            <Group align="flex-start" gap="sm" grow>
              <TextInput
                label={t("cannedAdmin.shortcut")}
                description={t("cannedAdmin.shortcutHelp")}
                leftSection={<Text size="sm">/</Text>}
                value={shortcut}
                onChange={(event) => setShortcut(event.currentTarget.value)}
                error={
                  shortcut && !shortcutValid
                    ? t("cannedAdmin.shortcutInvalid")
                    : field === "shortcut"
                      ? error
                      : undefined
                }
                required
                readOnly={readOnly}
                maxLength={40}
                data-autofocus
                data-testid="canned-shortcut"
              />
              <TextInput
                label={t("cannedAdmin.titleLabel")}
                description={t("cannedAdmin.titleHelp")}
                value={title}
                onChange={(event) => setTitle(event.currentTarget.value)}
                required
                readOnly={readOnly}
                maxLength={120}
                data-testid="canned-title"
              />
            </Group>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <BodyField
                language="fr"
                value={bodyFr}
                onChange={setBodyFr}
                readOnly={readOnly}
                error={field === "bodyFr" ? error : null}
              />
              <BodyField
                language="en"
                value={bodyEn}
                onChange={setBodyEn}
                readOnly={readOnly}
                error={field === "bodyEn" ? error : null}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t("cannedAdmin.languageHelp")}
            </Text>
          </Stack>
        </fieldset>

        {reply && (
          <>
            <Divider
              label={
                <Text size="sm" fw={600} c="dark.4">
                  {t("cannedAdmin.previewTitle")}
                </Text>
              }
              labelPosition="left"
              my="md"
            />
            <Stack gap="xs" data-testid="canned-preview">
              <Group gap={8} align="flex-end" wrap="nowrap">
                <div style={{ flex: 1, minWidth: 0 }}>
                  <ConversationPicker
                    label={t("cannedAdmin.previewOn")}
                    value={conversationId}
                    onChange={(id) => {
                      setConversationId(id);
                      preview.reset();
                    }}
                    testId="canned-preview-conversation"
                  />
                </div>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconEye size={14} />}
                  disabled={!conversationId}
                  loading={preview.isPending}
                  onClick={() => conversationId && preview.mutate({ id: reply.id, conversationId })}
                  data-testid="canned-preview-run"
                >
                  {t("cannedAdmin.preview")}
                </Button>
              </Group>
              {dirty && (
                <Text size="xs" c="dimmed">
                  {t("cannedAdmin.previewSaved")}
                </Text>
              )}
              {preview.error && (
                <Text size="xs" c="red" role="alert">
                  {describeError(preview.error)}
                </Text>
              )}
              {preview.data && (
                <div className="rl-preview" data-testid="canned-preview-text">
                  <Badge size="xs" variant="light" mb={6}>
                    {t("cannedAdmin.previewLanguage", {
                      language: preview.data.language.toUpperCase(),
                    })}
                  </Badge>
                  <MessageBody text={preview.data.text} html={null} />
                </div>
              )}
            </Stack>
          </>
        )}

        {error && !field && (
          <Alert color="red" variant="light" mt="md" p="sm" role="alert">
            <Text size="sm">{error}</Text>
          </Alert>
        )}
        {!readOnly && (
          <Group justify="flex-end" gap="sm" className="rl-drawer-footer">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!shortcutValid || !title.trim() || (!bodyFr.trim() && !bodyEn.trim())}
              data-testid="canned-save"
            >
              {reply ? t("actions.save") : t("cannedAdmin.create")}
            </Button>
          </Group>
        )}
      </form>
    </Drawer>
  );
}
