import { Alert, Center, CloseButton, Group, Loader, Text } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconInfoCircle } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LiveEvent } from "../../../shared/events.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useLiveEvent } from "../../components/LiveProvider.tsx";
import {
  useConversation,
  useMarkRead,
  useUpdateConversation,
} from "../../hooks/api/conversations.ts";
import { useMe } from "../../hooks/api/session.ts";
import { useUsers } from "../../hooks/api/users.ts";
import { currentLocale } from "../../i18n/index.ts";
import { notifyError } from "../../lib/notify.ts";
import { useInboxFilters } from "../Inbox/useInboxFilters.ts";
import { ConversationHeader } from "./ConversationHeader.tsx";
import { CustomerPanel } from "./CustomerPanel.tsx";
import { ReplyBox, type ReplyBoxHandle } from "./ReplyBox.tsx";
import { SurveyAnswer } from "./SurveyAnswer.tsx";
import { Timeline } from "./Timeline.tsx";
import { useResolveGuard } from "./useResolveGuard.tsx";

interface ConversationSceneProps {
  id: string;
  /** Called after the conversation leaves the agent's hands (resolved, snoozed). */
  onDone: () => void;
}

interface Notice {
  key: string;
  text: string;
}

/** What another agent just did here, told without touching the draft being written. */
function useColleagueNotices(conversationId: string) {
  const { t } = useTranslation();
  const { user: me } = useMe();
  const users = useUsers();
  const [notices, setNotices] = useState<Notice[]>([]);

  useLiveEvent((event: LiveEvent) => {
    if (event.payload.conversationId !== conversationId) return;
    if (!event.actorUserId || event.actorUserId === me.id) return;
    const name =
      users.data?.find((user) => user.id === event.actorUserId)?.name ?? t("live.someone");
    const changes = event.payload.changes ?? [];
    let text: string | null = null;
    if (event.name === "message.created") text = t("live.replied", { name });
    else if (event.name === "conversation.updated" && changes.includes("assigneeId"))
      text = t("live.reassigned", { name });
    else if (event.name === "conversation.updated" && changes.includes("teamId"))
      text = t("live.teamChanged", { name });
    else if (
      event.name === "conversation.updated" &&
      (changes.includes("status") || changes.includes("snoozedUntil"))
    )
      text = t("live.statusChanged", { name });
    if (!text) return;
    const notice = { key: `${event.id}`, text };
    setNotices((current) => [...current.filter((item) => item.text !== text), notice].slice(-3));
  });

  const dismiss = (key: string) =>
    setNotices((current) => current.filter((item) => item.key !== key));
  return { notices, dismiss };
}

const TYPING_SHOWN_MS = 6000;

/** Whether the customer is typing right now (chat): shown for a few seconds unless renewed. */
function useCustomerTyping(conversationId: string): boolean {
  const [typing, setTyping] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useLiveEvent((event: LiveEvent) => {
    const { payload } = event;
    if (event.name !== "conversation.typing" || payload.conversationId !== conversationId) return;
    if (!payload.contactId || payload.userId) return;
    if (timer.current) clearTimeout(timer.current);
    const started = !payload.changes?.includes("stopped");
    setTyping(started);
    if (started) timer.current = setTimeout(() => setTyping(false), TYPING_SHOWN_MS);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return typing;
}

export function ConversationScene({ id, onDone }: ConversationSceneProps) {
  const { t } = useTranslation();
  const { user: me } = useMe();
  const conversation = useConversation(id);
  const markRead = useMarkRead();
  const update = useUpdateConversation(id);
  const { linkTo } = useInboxFilters();
  const composer = useRef<ReplyBoxHandle>(null);
  const { notices, dismiss } = useColleagueNotices(id);
  const customerTyping = useCustomerTyping(id);
  const locale = currentLocale();
  const data = conversation.data;
  const unread = data?.unread ?? false;
  const [guardResolve, resolveDialog] = useResolveGuard(data);

  const markAsRead = markRead.mutate;
  useEffect(() => {
    if (unread) markAsRead(id);
  }, [unread, id, markAsRead]);

  useHotkeys([
    ["r", () => composer.current?.focus("reply")],
    ["n", () => composer.current?.focus("note")],
    [
      "e",
      () => {
        if (!data || data.status === "resolved") return;
        guardResolve(() =>
          update.mutate({ status: "resolved" }, { onSuccess: onDone, onError: notifyError }),
        );
      },
    ],
  ]);

  if (conversation.isPending) {
    return (
      <Center className="rl-conversation">
        <Loader size="sm" />
      </Center>
    );
  }
  if (conversation.isError || !data) {
    return (
      <div className="rl-conversation">
        <ErrorState error={conversation.error} onRetry={() => conversation.refetch()} />
      </div>
    );
  }

  return (
    <>
      <section
        className="rl-conversation"
        aria-label={t("conversation.label", { number: data.number })}
        data-testid="conversation"
      >
        <ConversationHeader conversation={data} onDone={onDone} />
        <Timeline
          messages={data.messages}
          conversationPublic={data.visibility === "public"}
          locale={locale}
          meId={me.id}
        />
        {data.survey && <SurveyAnswer survey={data.survey} />}
        {customerTyping && (
          <Text size="xs" c="dimmed" px={20} pt={6} data-testid="customer-typing">
            {t("live.customerTyping")}
          </Text>
        )}
        {notices.length > 0 && (
          <div className="rl-notices" aria-live="polite">
            {notices.map((notice) => (
              <Alert
                key={notice.key}
                color="brand"
                variant="light"
                p={8}
                icon={<IconInfoCircle size={16} />}
                data-testid="live-notice"
              >
                <Group justify="space-between" wrap="nowrap">
                  <Text size="xs">{notice.text}</Text>
                  <CloseButton
                    size="xs"
                    onClick={() => dismiss(notice.key)}
                    aria-label={t("actions.close")}
                  />
                </Group>
              </Alert>
            ))}
          </div>
        )}
        <ReplyBox ref={composer} conversation={data} />
      </section>
      <CustomerPanel contactId={data.contact.id} currentConversationId={data.id} linkTo={linkTo} />
      {resolveDialog}
    </>
  );
}
