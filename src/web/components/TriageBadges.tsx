import { Badge, Group, Tooltip } from "@mantine/core";
import { IconMoodHappy, IconMoodNeutral, IconMoodSad, IconWorld } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Priority, Sentiment } from "../../shared/enums.ts";
import type { TConversation } from "../../shared/schemas.ts";
import { currentLocale } from "../i18n/index.ts";
import { languageName } from "../lib/format.ts";
import { categoryKey, PRIORITY_COLORS, SENTIMENT_COLORS } from "../lib/triage.ts";

const SENTIMENT_ICONS = {
  negative: IconMoodSad,
  neutral: IconMoodNeutral,
  positive: IconMoodHappy,
} as const;

export function SentimentBadge({ sentiment }: { sentiment: Sentiment }) {
  const { t } = useTranslation();
  const Icon = SENTIMENT_ICONS[sentiment];
  return (
    <Badge
      size="xs"
      variant="light"
      color={SENTIMENT_COLORS[sentiment]}
      leftSection={<Icon size={11} />}
      data-sentiment={sentiment}
    >
      {t(`sentiments.${sentiment}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="xs"
      variant={priority === "urgent" ? "filled" : "light"}
      color={priority === "urgent" ? "red.8" : PRIORITY_COLORS[priority]}
    >
      {t(`priorities.${priority}`)}
    </Badge>
  );
}

export function CategoryBadge({ category }: { category: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="xs"
      variant="outline"
      color="gray"
      className="rl-category"
      data-category={category}
    >
      {t(categoryKey(category), { defaultValue: category })}
    </Badge>
  );
}

export function PublicBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("conversation.publicHelp")}>
      <Badge
        size="xs"
        variant="light"
        color="orange"
        leftSection={<IconWorld size={11} />}
        data-testid="public-badge"
      >
        {t("conversation.public")}
      </Badge>
    </Tooltip>
  );
}

/** Visibility, priority (when it stands out), category, sentiment and language of a conversation. */
export function TriageBadges({ conversation }: { conversation: TConversation }) {
  const locale = currentLocale();
  const { language, category, sentiment, priority, visibility } = conversation;
  const hasAny =
    visibility === "public" ||
    priority === "high" ||
    priority === "urgent" ||
    category ||
    sentiment ||
    language;
  if (!hasAny) return null;
  return (
    <Group gap={4} wrap="wrap" className="rl-badges">
      {visibility === "public" && <PublicBadge />}
      {(priority === "high" || priority === "urgent") && <PriorityBadge priority={priority} />}
      {category && <CategoryBadge category={category} />}
      {sentiment && sentiment !== "neutral" && <SentimentBadge sentiment={sentiment} />}
      {language && (
        <Tooltip label={languageName(language, locale)}>
          <Badge size="xs" variant="default" tt="uppercase" data-language={language}>
            {language}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
