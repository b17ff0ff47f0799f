import { Button, Group, SegmentedControl, Switch, Text, Textarea, Tooltip } from "@mantine/core";
import {
  IconArrowBackUp,
  IconLock,
  IconNote,
  IconSend,
  IconTemplate,
  IconWorld,
} from "@tabler/icons-react";
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChannels } from "../../hooks/api/channels.ts";
import { type ConversationDetail, useSendMessage } from "../../hooks/api/conversations.ts";
import { currentLocale } from "../../i18n/index.ts";
import { ApiError } from "../../lib/api.ts";
import { useComposerOffer } from "../../lib/composerOffer.ts";
import {
  type ComposerMode,
  clearDraft,
  enterSends,
  loadDraft,
  saveDraft,
  setEnterSends,
} from "../../lib/drafts.ts";
import { offersTemplates } from "../../lib/replyWindow.ts";
import {
  AttachButton,
  AttachmentChips,
  useComposerAttachments,
  useFileDrop,
} from "./AttachmentPicker.tsx";
import { CannedReplyPicker } from "./CannedReplyPicker.tsx";
import { PublicCount, TakeItOffer, useEmailHeaders, usePublicCount } from "./ComposerExtras.tsx";
import { useComposerSuggestions } from "./ComposerSuggestions.tsx";
import { NextStepButton, NextStepField } from "./NextStepField.tsx";
import { ReplyWindowNotice } from "./ReplyWindowNotice.tsx";
import { EMPTY_NEXT_STEP, type NextStepDraft, nextStepReady, requestFor } from "./replyRequest.ts";
import { SendError } from "./SendError.tsx";
import { OpenTemplatesButton, TemplatePicker } from "./TemplatePicker.tsx";
import { useReplyWindow } from "./useReplyWindow.ts";
import { useTypingAnnouncer } from "./useTypingAnnouncer.ts";

export interface ReplyBoxHandle {
  focus(mode?: ComposerMode): void;
}

interface ReplyBoxProps {
  conversation: ConversationDetail;
  ref?: Ref<ReplyBoxHandle>;
}

/**
 * The composer: reply on the conversation's channel, reply privately to a public post, or leave
 * an internal note. The draft is saved as it is typed, so nothing another agent does loses it,
 * and kept when the server refuses it. On WhatsApp, it shows the 24-hour window and offers the
 * approved templates, the only reply possible once the window has closed.
 */
export function ReplyBox({ conversation, ref }: ReplyBoxProps) {
  const { t } = useTranslation();
  const send = useSendMessage(conversation.id);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const isPublic = conversation.visibility === "public";
  const canReply = Boolean(conversation.channel);
  const [draft] = useState(() => loadDraft(conversation.id));
  const [text, setText] = useState(draft?.text ?? "");
  const [mode, setMode] = useState<ComposerMode>(() => {
    const saved = draft?.mode ?? "reply";
    if (!canReply) return "note";
    return saved === "private" && !isPublic ? "reply" : saved;
  });
  // Enter inserts a new line in an email by default; it sends in chat and social.
  const isEmail = conversation.channel?.kind === "email";
  const [enter, setEnter] = useState(() => enterSends(isEmail));
  const [templatesOpen, setTemplatesOpen] = useState(false);
  /** The next step this reply promises, when the agent adds one. */
  const [nextStep, setNextStep] = useState<NextStepDraft | null>(null);
  const { state: replyState, learnFrom } = useReplyWindow(conversation, mode);
  const templates = canReply && offersTemplates(conversation.channel?.kind) && mode !== "note";
  /** Outside the window only a template can reach the customer; notes are still fine. */
  const freeTextBlocked = replyState.state === "closed" && mode !== "note";
  // Files: on channels that can carry them (the provider says so), and on internal notes.
  const capability = useChannels().data?.find((item) => item.id === conversation.channel?.id);
  const maxFiles = capability?.attachments?.maxFiles ?? 10;
  const attachments = useComposerAttachments(maxFiles);
  const filesRefused =
    mode !== "note" && !capability?.attachments
      ? t("attachments.unsupported", {
          channel: conversation.channel ? t(`channelKinds.${conversation.channel.kind}`) : "",
        })
      : null;
  const { dragging, dropProps, onPaste } = useFileDrop(
    !filesRefused && !freeTextBlocked,
    attachments.add,
  );
  const filesPending =
    attachments.uploading ||
    attachments.failed ||
    (filesRefused !== null && attachments.files.length > 0);
  const hasContent = text.trim().length > 0 || attachments.ids.length > 0;
  const email = useEmailHeaders(conversation, isEmail && mode === "reply");
  const count = usePublicCount(text, capability, mode === "reply" && isPublic);
  const cannotSend = email.invalid || Boolean(count?.over);
  const stepIncomplete = mode !== "note" && nextStep !== null && !nextStepReady(nextStep);

  useEffect(() => saveDraft(conversation.id, { text, mode }), [conversation.id, text, mode]);
  const announceTyping = useTypingAnnouncer(conversation);
  const suggest = useComposerSuggestions({
    conversationId: conversation.id,
    mode,
    text,
    setText,
    textarea,
  });

  useImperativeHandle(ref, () => ({
    focus(next) {
      if (next && (next === "note" || canReply)) setMode(next);
      textarea.current?.focus();
    },
  }));

  /** Puts `snippet` at the cursor (or at the end), then leaves the cursor after it. */
  const insert = (snippet: string) => {
    const element = textarea.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + snippet + text.slice(end);
    setText(next);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  useComposerOffer(conversation.id, (offer) =>
    insert(text.trim() ? `\n${offer.text}` : offer.text),
  );

  const submit = () => {
    const body = text.trim();
    if (!hasContent || filesPending || send.isPending || freeTextBlocked || stepIncomplete) return;
    if (cannotSend) return;
    const mentions = suggest.mentions(body);
    const request = requestFor(mode, body, attachments.ids, nextStep);
    const headers = isEmail && mode === "reply" && email.headers ? { email: email.headers } : {};
    send.mutate(mentions.length > 0 ? { ...request, mentions } : { ...request, ...headers }, {
      onSuccess: () => {
        email.reset();
        suggest.reset();
        setText("");
        setNextStep(null);
        clearDraft(conversation.id);
        attachments.clear();
      },
      onError: learnFrom,
    });
  };
  /** A refusal for the window offers the way out, unless the composer already does. */
  const refusedForWindow =
    send.error instanceof ApiError &&
    send.error.id === "reply_refused" &&
    offersTemplates(conversation.channel?.kind) &&
    !freeTextBlocked;

  const modes = [
    ...(canReply
      ? [
          {
            value: "reply",
            label: (
              <Group gap={6} wrap="nowrap" data-testid="mode-reply">
                {isPublic ? <IconWorld size={14} /> : <IconArrowBackUp size={14} />}
                {isPublic ? t("composer.replyPublic") : t("composer.reply")}
              </Group>
            ),
          },
        ]
      : []),
    ...(canReply && isPublic
      ? [
          {
            value: "private",
            label: (
              <Tooltip label={t("composer.replyPrivateFull")}>
                <Group gap={6} wrap="nowrap" data-testid="reply-private">
                  <IconLock size={14} />
                  {t("composer.replyPrivate")}
                </Group>
              </Tooltip>
            ),
          },
        ]
      : []),
    {
      value: "note",
      label: (
        <Tooltip label={t("composer.noteFull")}>
          <Group gap={6} wrap="nowrap" data-testid="mode-note">
            <IconNote size={14} />
            {t("composer.note")}
          </Group>
        </Tooltip>
      ),
    },
  ];

  const hint =
    mode === "note"
      ? t("composer.noteHint")
      : freeTextBlocked
        ? null
        : mode === "private"
          ? t("composer.privateHint")
          : isPublic
            ? t("composer.publicHint")
            : t("composer.replyHint", { channel: conversation.channel?.name ?? "" });

  const openTemplates = () => setTemplatesOpen(true);

  return (
    <div
      className="rl-composer"
      data-mode={mode}
      data-window={replyState.state}
      data-dragging={dragging || undefined}
      data-testid="composer"
      {...dropProps}
    >
      {replyState.state !== "none" && canReply && (
        <ReplyWindowNotice value={replyState} locale={currentLocale()} />
      )}
      {canReply && <TakeItOffer conversation={conversation} />}
      <Group justify="space-between" mb={6} wrap="nowrap" gap="sm">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => setMode(value as ComposerMode)}
          data={modes}
          data-testid="composer-mode"
          style={{ flexShrink: 0 }}
        />
        <Tooltip label={t("composer.enterHint")} multiline w={240}>
          <Switch
            size="xs"
            checked={enter}
            onChange={(event) => {
              setEnter(event.currentTarget.checked);
              setEnterSends(event.currentTarget.checked, isEmail);
            }}
            styles={{ label: { whiteSpace: "nowrap" } }}
            label={enter ? t("composer.enterSends") : t("composer.ctrlEnterSends")}
          />
        </Tooltip>
      </Group>
      {email.fields}
      <div className="rl-suggest-anchor">
        {suggest.list}
        <Textarea
          ref={textarea}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            suggest.track(event.currentTarget.value, event.currentTarget.selectionStart);
            if (mode !== "note") announceTyping();
          }}
          {...suggest.inputProps}
          onKeyDown={(event) => {
            if (suggest.onKeyDown(event)) return;
            if (event.key === "Escape") {
              event.currentTarget.blur();
              return;
            }
            if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
            if (event.ctrlKey || event.metaKey || (enter && !event.shiftKey)) {
              event.preventDefault();
              submit();
            }
          }}
          onPaste={onPaste}
          disabled={freeTextBlocked}
          placeholder={
            mode === "note"
              ? t("composer.notePlaceholder")
              : freeTextBlocked
                ? t("replyWindow.blockedPlaceholder")
                : t("composer.placeholder")
          }
          aria-label={mode === "note" ? t("composer.noteFull") : t("composer.reply")}
          autosize
          minRows={3}
          maxRows={12}
          classNames={{ input: "rl-composer-input" }}
          data-testid="composer-input"
        />
      </div>
      {count && <PublicCount value={count} />}
      {nextStep && mode !== "note" && !freeTextBlocked && (
        <NextStepField
          conversationId={conversation.id}
          value={nextStep}
          onChange={setNextStep}
          onRemove={() => setNextStep(null)}
        />
      )}
      <AttachmentChips
        attachments={attachments}
        locale={currentLocale()}
        refusal={filesRefused}
        max={maxFiles}
      />
      {send.isError && (
        <div className="rl-composer-error">
          <SendError
            error={send.error}
            onClose={() => send.reset()}
            action={
              refusedForWindow && (
                <Button
                  size="compact-xs"
                  variant="white"
                  color="red"
                  mt={6}
                  leftSection={<IconTemplate size={12} />}
                  onClick={openTemplates}
                >
                  {t("templates.choose")}
                </Button>
              )
            }
          />
        </div>
      )}
      <Group justify="space-between" mt={8} wrap="nowrap" gap="sm">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
          {!freeTextBlocked && (
            <AttachButton disabledReason={filesRefused} onFiles={attachments.add} />
          )}
          {mode !== "note" && !freeTextBlocked && (
            <CannedReplyPicker conversationId={conversation.id} onInsert={insert} />
          )}
          {mode !== "note" && !freeTextBlocked && !nextStep && (
            <NextStepButton onClick={() => setNextStep(EMPTY_NEXT_STEP)} />
          )}
          {templates && !freeTextBlocked && <OpenTemplatesButton onClick={openTemplates} />}
          {hint && (
            <Text
              size="xs"
              // A dark orange that reads at 5.9:1 on white (orange.8 is 3.4:1).
              c={mode === "reply" && isPublic ? "#a63c06" : "dimmed"}
              truncate="end"
              style={{ minWidth: 0 }}
            >
              {hint}
            </Text>
          )}
        </Group>
        {freeTextBlocked && templates ? (
          <Button
            size="xs"
            onClick={openTemplates}
            disabled={!templates}
            leftSection={<IconTemplate size={14} />}
            data-testid="choose-template"
            style={{ flexShrink: 0 }}
          >
            {t("templates.choose")}
          </Button>
        ) : (
          <Button
            size="xs"
            onClick={submit}
            loading={send.isPending}
            disabled={!hasContent || filesPending || stepIncomplete || cannotSend}
            color={mode === "note" ? "yellow" : "brand"}
            autoContrast
            rightSection={<IconSend size={14} />}
            data-testid="send"
            style={{ flexShrink: 0 }}
          >
            {mode === "note" ? t("composer.addNote") : t("composer.send")}
          </Button>
        )}
      </Group>
      {templatesOpen && (
        <TemplatePicker
          conversation={conversation}
          windowOpen={replyState.state === "open"}
          onClose={() => setTemplatesOpen(false)}
          onSent={() => send.reset()}
        />
      )}
    </div>
  );
}
