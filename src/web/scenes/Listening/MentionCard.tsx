import { Anchor, Badge, Button, Card, Group, Text } from "@mantine/core";
import { IconMessageReply } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { TMention } from "../../../shared/listening.ts";
import { useAnswerMention } from "../../hooks/api/listening.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { notifyError } from "../../lib/notify.ts";

const SENTIMENT_COLORS = { negative: "red", neutral: "gray", positive: "teal" } as const;

/** One mention in the stream: author, text, sentiment, reach, and the button that answers it. */
export function MentionCard({ mention }: { mention: TMention }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const answer = useAnswerMention();
  const open = (conversationId: string) => navigate(`/inbox/all/${conversationId}`);
  return (
    <Card withBorder padding="sm" component="article" data-testid="mention">
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
        <Text size="sm" fw={600} truncate>
          {mention.author.name ?? mention.author.handle ?? mention.author.id}{" "}
          <Text span size="xs" c="gray.7">
            {mention.author.handle} · {t(`listening.networks.${mention.network}`)}
          </Text>
        </Text>
        <Text size="xs" c="gray.7" style={{ whiteSpace: "nowrap" }}>
          {formatDateTime(mention.postedAt, currentLocale())}
        </Text>
      </Group>
      <Text size="sm" mb="xs">
        {mention.text}
      </Text>
      <Group justify="space-between" gap="xs">
        <Group gap={6}>
          <Badge color={SENTIMENT_COLORS[mention.sentiment]} variant="light">
            {t(`listening.sentiments.${mention.sentiment}`)}
          </Badge>
          <Badge color="gray" variant="outline">
            {t("listening.reach", { count: mention.reach })}
          </Badge>
          <Text size="xs" c="gray.7">
            {t("listening.engagement", mention.engagement)}
          </Text>
          {mention.addressed && (
            <Badge color="indigo" variant="light">
              {t("listening.inInbox")}
            </Badge>
          )}
          {mention.url && (
            <Anchor size="xs" href={mention.url} target="_blank" rel="noreferrer">
              {t("listening.openPost")}
            </Anchor>
          )}
        </Group>
        <Button
          size="xs"
          variant={mention.conversationId ? "default" : "filled"}
          leftSection={<IconMessageReply size={14} />}
          loading={answer.isPending}
          onClick={() => {
            if (mention.conversationId) return open(mention.conversationId);
            answer.mutate(mention.id, {
              onSuccess: (row) => row.conversationId && open(row.conversationId),
              onError: (error) => notifyError(error),
            });
          }}
          data-testid="mention-answer"
        >
          {mention.conversationId ? t("listening.openConversation") : t("listening.answer")}
        </Button>
      </Group>
    </Card>
  );
}
