import { Anchor, Avatar, Badge, Group, Image, Stack, Text, Tooltip } from "@mantine/core";
import {
  IconClockPause,
  IconLock,
  IconMail,
  IconNote,
  IconPaperclip,
  IconPhone,
  IconPhoneCall,
  IconRobot,
  IconTemplate,
  IconWorld,
} from "@tabler/icons-react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TMessage } from "../../../shared/schemas.ts";
import { ChannelIcon } from "../../components/ChannelIcon.tsx";
import { MessageBody } from "../../components/MessageBody.tsx";
import { useConversationCalls } from "../../hooks/api/callbacks.ts";
import { formatBytes, formatDateTime, formatTimelineTime } from "../../lib/format.ts";
import { colorFor, initials } from "../../lib/people.ts";
import { CallCard } from "./CallCard.tsx";
import { DeliveryFailure, DeliveryRetrying, DeliveryStatus } from "./DeliveryStatus.tsx";
import {
  type AutomationMeta,
  actionEntryMeta,
  automationMeta,
  type CallMeta,
  type ChatMeta,
  callMeta,
  callNoteOf,
  chatMeta,
  shopPushMeta,
  templateMeta,
} from "./messageMeta.ts";
import { ActionEntry, ShopPushEntry } from "./Orders/ActionEntry.tsx";

interface MessageItemProps {
  message: TMessage;
  conversationPublic: boolean;
  locale: string;
  now: number;
  /** The latest step logged of its call: where notes on the call are taken. */
  latestCallStep?: boolean;
}

const SAME_ORIGIN = /^\/api\/v1\/attachments\//;

function Attachments({ message, locale }: { message: TMessage; locale: string }) {
  const { t } = useTranslation();
  if (message.attachments.length === 0) return null;
  return (
    <Stack gap={6} mt={8}>
      {message.attachments.map((file) => {
        const local = SAME_ORIGIN.test(file.url);
        if (local && file.contentType.startsWith("image/")) {
          return (
            <Anchor key={file.id} href={file.url} target="_blank" rel="noopener noreferrer">
              <Image
                src={file.url}
                alt={file.filename}
                maw={280}
                mah={220}
                radius="sm"
                fit="contain"
              />
            </Anchor>
          );
        }
        const player = local ? mediaPlayer(file.contentType) : null;
        const link = (
          <Anchor
            key={file.id}
            href={file.url}
            target="_blank"
            rel="noopener noreferrer"
            size="xs"
            className="rl-attachment"
            aria-label={player ? t("media.download", { name: file.filename }) : undefined}
          >
            <IconPaperclip size={13} />
            <span className="rl-wrap">{file.filename}</span>
            {file.size > 0 && (
              <Text span size="xs" c="dimmed">
                {formatBytes(file.size, locale)}
              </Text>
            )}
          </Anchor>
        );
        const state = remoteState(message, file);
        if (!player && !state) return link;
        return (
          <Stack key={file.id} gap={2}>
            {player === "audio" && (
              // biome-ignore lint/a11y/useMediaCaption: a customer's voice note has no captions.
              <audio controls preload="metadata" src={file.url} aria-label={file.filename} />
            )}
            {player === "video" && (
              // biome-ignore lint/a11y/useMediaCaption: a customer's video has no captions.
              <video
                controls
                preload="metadata"
                src={file.url}
                aria-label={file.filename}
                style={{ maxWidth: 320 }}
              />
            )}
            {link}
            {state && (
              <Text size="xs" c="dimmed">
                {t(`media.${state}`, { name: file.filename })}
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** Voice notes and videos kept by Relais play in place. */
function mediaPlayer(contentType: string): "audio" | "video" | null {
  if (contentType.startsWith("audio/")) return "audio";
  if (contentType.startsWith("video/")) return "video";
  return null;
}

/** A customer's file still at the provider: on its way to Relais, or never to be kept. */
function remoteState(
  message: TMessage,
  file: TMessage["attachments"][number],
): "tooLarge" | "unavailable" | null {
  if (SAME_ORIGIN.test(file.url) || message.direction !== "in") return null;
  if (file.unavailable === "too_large") return "tooLarge";
  if (file.unavailable) return "unavailable";
  return null;
}

/** An incoming call's message carries Twilio's sid, not Relais' call id: the calls list has it. */
function MessageCall({
  message,
  call,
  withNotes,
}: {
  message: TMessage;
  call: CallMeta;
  withNotes: boolean;
}) {
  const calls = useConversationCalls(message.conversationId, withNotes && call.callId === null);
  const match = call.callId
    ? null
    : (calls.data ?? []).find(
        (item) =>
          item.direction === call.direction &&
          item.from === call.from &&
          Math.abs(new Date(item.createdAt).getTime() - new Date(message.createdAt).getTime()) <
            10 * 60_000,
      );
  return (
    <CallCard
      call={call}
      conversationId={message.conversationId}
      callId={match?.id ?? null}
      withNotes={withNotes}
    />
  );
}

/** What became of a chat reply the visitor was not there to see. */
function ChatOutcome({ chat }: { chat: ChatMeta }) {
  const { t } = useTranslation();
  if (chat.via === "email") {
    return (
      <Group gap={4} mt={6} wrap="nowrap" data-testid="chat-outcome" data-via="email">
        <IconMail size={13} color="var(--mantine-color-blue-7)" />
        <Text size="xs" c={chat.status === "failed" ? "red" : "dimmed"} className="rl-wrap">
          {chat.status === "failed"
            ? t("timeline.chatEmailFailed", { to: chat.to })
            : chat.status === "sent"
              ? t("timeline.chatEmailed", { to: chat.to })
              : t("timeline.chatEmailing", { to: chat.to })}
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={4} mt={6} wrap="nowrap" data-testid="chat-outcome" data-via="widget">
      <IconClockPause size={13} color="var(--mantine-color-orange-7)" />
      <Text size="xs" c="dimmed" className="rl-wrap">
        {chat.reason === "no_email_channel"
          ? t("timeline.chatWaitingNoChannel")
          : t("timeline.chatWaiting")}
      </Text>
    </Group>
  );
}

function AutomationBadge({ automation }: { automation: AutomationMeta }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("timeline.automationHelp")}>
      <Badge
        size="xs"
        variant="light"
        color="indigo"
        leftSection={<IconRobot size={10} />}
        data-testid="automation-badge"
      >
        {automation.ruleName
          ? t("timeline.automaticRule", { name: automation.ruleName })
          : t("timeline.automatic")}
      </Badge>
    </Tooltip>
  );
}

/** One message or internal note in the timeline, with who, where, when and its delivery. */
export const MessageItem = memo(function MessageItem({
  message,
  conversationPublic,
  locale,
  now,
  latestCallStep = false,
}: MessageItemProps) {
  const { t } = useTranslation();
  const kind = message.direction === "note" ? "note" : message.direction === "out" ? "out" : "in";
  const call = callMeta(message.metadata);
  const callNote = callNoteOf(message.metadata);
  const chat = kind === "out" ? chatMeta(message.metadata) : null;
  const automation = kind === "out" ? automationMeta(message.metadata) : null;
  const template = kind === "out" ? templateMeta(message.metadata) : null;
  const actionEntry = kind === "note" ? actionEntryMeta(message.metadata) : null;
  const shopPush = kind === "note" ? shopPushMeta(message.metadata) : null;
  const author = automation
    ? t("timeline.automaticReply")
    : (message.author.name ??
      (message.author.type === "system" ? t("timeline.system") : t("contact.unknown")));
  const visibilityBadge =
    kind !== "note" && conversationPublic && message.visibility === "private" ? (
      <Badge size="xs" variant="light" color="grape" leftSection={<IconLock size={10} />}>
        {t("timeline.privateMessage")}
      </Badge>
    ) : kind !== "note" && !conversationPublic && message.visibility === "public" ? (
      <Badge size="xs" variant="light" color="orange" leftSection={<IconWorld size={10} />}>
        {t("conversation.public")}
      </Badge>
    ) : null;

  return (
    <article
      className="rl-message"
      data-kind={kind}
      data-message-id={message.id}
      data-call={call ? "true" : undefined}
      data-automation={automation ? "true" : undefined}
      aria-label={kind === "note" ? t("timeline.noteBy", { name: author }) : author}
    >
      <Avatar
        size={30}
        radius="xl"
        color={
          kind === "in" ? colorFor(message.author.id ?? "x") : kind === "note" ? "yellow" : "brand"
        }
        variant={kind === "in" ? "light" : "filled"}
        className="rl-message-avatar"
      >
        {call ? (
          <IconPhone size={15} />
        ) : automation ? (
          <IconRobot size={15} />
        ) : kind === "note" ? (
          <IconNote size={15} />
        ) : (
          initials(author)
        )}
      </Avatar>
      <div className="rl-message-bubble">
        <Group gap={6} wrap="wrap" mb={4} className="rl-message-meta">
          <Text size="sm" fw={600} className="rl-wrap">
            {author}
          </Text>
          {kind === "note" && (
            <Badge size="xs" color="yellow" variant="light">
              {callNote ? t("timeline.callNote") : t("timeline.internalNote")}
            </Badge>
          )}
          {automation && <AutomationBadge automation={automation} />}
          {template && (
            <Tooltip label={t("timeline.templateHelp")} multiline w={260}>
              <Badge
                size="xs"
                variant="light"
                color="teal"
                leftSection={<IconTemplate size={10} />}
                data-testid="template-badge"
                style={{ textTransform: "none" }}
              >
                {t("timeline.template", { name: template.name })}
              </Badge>
            </Tooltip>
          )}
          {kind === "note" && !call && message.metadata.callback !== undefined && (
            <Badge
              size="xs"
              variant="light"
              color="grape"
              component={Link}
              to="/callbacks"
              leftSection={<IconPhoneCall size={10} />}
              style={{ cursor: "pointer" }}
            >
              {t("timeline.callback")}
            </Badge>
          )}
          {kind !== "note" && message.channel && (
            <Group gap={4} wrap="nowrap">
              <ChannelIcon kind={message.channel.kind} label={message.channel.name} size={13} />
              <Text size="xs" c="dimmed">
                {message.channel.name}
              </Text>
            </Group>
          )}
          {visibilityBadge}
          <Tooltip label={formatDateTime(message.createdAt, locale)}>
            <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
              {formatTimelineTime(message.createdAt, locale, now)}
            </Text>
          </Tooltip>
          {message.editedAt && (
            <Text size="xs" c="dimmed" fs="italic">
              {t("timeline.edited")}
            </Text>
          )}
          {kind === "out" && <DeliveryStatus message={message} locale={locale} />}
        </Group>
        {message.deleted ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t("timeline.deleted")}
          </Text>
        ) : actionEntry ? (
          <ActionEntry entry={actionEntry} />
        ) : shopPush ? (
          <ShopPushEntry entry={shopPush} />
        ) : (
          <MessageBody text={message.text} html={message.html} />
        )}
        {call && <MessageCall message={message} call={call} withNotes={latestCallStep} />}
        <Attachments message={message} locale={locale} />
        {chat && <ChatOutcome chat={chat} />}
        {kind === "out" && <DeliveryFailure message={message} />}
        {kind === "out" && <DeliveryRetrying message={message} />}
      </div>
    </article>
  );
});
