import { Button, Divider, Text } from "@mantine/core";
import { IconArrowDown } from "@tabler/icons-react";
import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TMessage } from "../../../shared/schemas.ts";
import { formatDate } from "../../lib/format.ts";
import { useNow } from "../../lib/useNow.ts";
import { MessageItem } from "./MessageItem.tsx";
import { callMeta } from "./messageMeta.ts";

interface TimelineProps {
  messages: TMessage[];
  conversationPublic: boolean;
  locale: string;
  meId: string;
}

const NEAR_BOTTOM_PX = 120;

function dayLabel(iso: string, locale: string, now: number, t: (key: string) => string): string {
  const day = new Date(iso).toDateString();
  if (day === new Date(now).toDateString()) return t("timeline.today");
  if (day === new Date(now - 86_400_000).toDateString()) return t("timeline.yesterday");
  return formatDate(iso, locale);
}

/**
 * Messages and notes, oldest first, grouped by day. Stays at the bottom while the agent is
 * there; otherwise new messages are announced instead of moving the page under them.
 */
export function Timeline({ messages, conversationPublic, locale, meId }: TimelineProps) {
  const { t } = useTranslation();
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seen = useRef(messages.length);
  const [unseen, setUnseen] = useState(0);
  // A call is logged once per step (ringing, answered, ended): notes are taken on its latest.
  const latestCallSteps = useMemo(() => {
    const latest = new Map<string, string>();
    for (const message of messages) {
      const call = callMeta(message.metadata);
      if (call) latest.set(call.callId ?? call.sid ?? message.id, message.id);
    }
    return new Set(latest.values());
  }, [messages]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, []);

  useEffect(() => {
    const element = scroller.current;
    const added = messages.slice(seen.current);
    seen.current = messages.length;
    if (!element || added.length === 0) return;
    const mine = added.some((message) => message.author.id === meId);
    if (atBottom.current || mine) {
      element.scrollTo({ top: element.scrollHeight, behavior: "smooth" });
      setUnseen(0);
    } else {
      setUnseen((count) => count + added.length);
    }
  }, [messages, meId]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current =
      element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current) setUnseen(0);
  };

  let lastDay = "";
  return (
    <div className="rl-timeline-wrap">
      <div className="rl-timeline" ref={scroller} onScroll={onScroll} data-testid="timeline">
        {messages.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" mt="xl">
            {t("timeline.empty")}
          </Text>
        )}
        {messages.map((message) => {
          const day = new Date(message.createdAt).toDateString();
          const separator = day !== lastDay;
          lastDay = day;
          return (
            <Fragment key={message.id}>
              {separator && (
                <Divider
                  my="xs"
                  labelPosition="center"
                  label={dayLabel(message.createdAt, locale, now, t)}
                  className="rl-day"
                />
              )}
              <MessageItem
                message={message}
                conversationPublic={conversationPublic}
                locale={locale}
                now={now}
                latestCallStep={latestCallSteps.has(message.id)}
              />
            </Fragment>
          );
        })}
      </div>
      {unseen > 0 && (
        <Button
          size="compact-xs"
          radius="xl"
          className="rl-unseen"
          leftSection={<IconArrowDown size={12} />}
          onClick={() => {
            const element = scroller.current;
            element?.scrollTo({ top: element.scrollHeight, behavior: "smooth" });
            setUnseen(0);
          }}
        >
          {t("timeline.newMessages", { count: unseen })}
        </Button>
      )}
    </div>
  );
}
