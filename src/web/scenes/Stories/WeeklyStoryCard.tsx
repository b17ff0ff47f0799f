import { Anchor, Card, Group, Text } from "@mantine/core";
import { IconBook2 } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useWeeklyStory } from "../../hooks/api/stories.ts";

/** On the Reports screen: the latest story published in the last seven days, in two lines. */
export function WeeklyStoryCard() {
  const { t } = useTranslation();
  const week = useWeeklyStory();
  if (week.isLoading || week.isError) return null;
  const story = week.data ?? null;
  return (
    <Card withBorder padding="sm" radius="md" data-testid="weekly-story">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconBook2 size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="xs" c="gray.7" tt="uppercase" fw={600}>
            {t("stories.week.title")}
          </Text>
          {story ? (
            <>
              <Text fw={600} size="sm" lineClamp={1} className="rl-wrap">
                {story.title}
              </Text>
              {story.summary && (
                <Text size="sm" c="gray.7" lineClamp={2} className="rl-wrap">
                  {story.summary}
                </Text>
              )}
            </>
          ) : (
            <Text size="sm" c="gray.7">
              {t("stories.week.none")}
            </Text>
          )}
        </div>
        {story && (
          <Anchor
            component={Link}
            to={`/stories/${story.id}?status=published`}
            size="sm"
            fw={600}
            style={{ flexShrink: 0, color: "var(--mantine-color-indigo-9)" }}
            data-testid="weekly-story-read"
          >
            {t("stories.week.read")}
          </Anchor>
        )}
      </Group>
    </Card>
  );
}
