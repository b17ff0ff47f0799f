import {
  Badge,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { StoryStatus, TStory } from "../../../shared/stories.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useMe } from "../../hooks/api/session.ts";
import { useStories } from "../../hooks/api/stories.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDate } from "../../lib/format.ts";
import { StoryReader } from "./StoryReader.tsx";
import "./stories.css";

/**
 * Stories: the drafts agents kept and the published ones, listed on the left; the one chosen
 * (/stories/:storyId) read on the right, anonymised, with publish, export and delete.
 * Viewers see the published ones only.
 */
export function StoriesScene() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { user } = useMe();
  const member = user.role !== "viewer";
  const { storyId } = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const status: StoryStatus =
    search.get("status") === "published" || !member ? "published" : "draft";
  const stories = useStories(status);
  const list = stories.data ?? [];
  const chosen = list.find((story) => story.id === storyId);

  const choose = (next: StoryStatus) => {
    setSearch(next === "draft" ? {} : { status: next });
    if (storyId) navigate(`/stories${next === "draft" ? "" : `?status=${next}`}`);
  };

  return (
    <div className="rl-page" data-testid="stories-scene">
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            {t("stories.title")}
          </Title>
          <Text c="gray.7" size="sm">
            {t("stories.help")}
          </Text>
        </div>
        <div className="rl-stories">
          <Stack gap="sm" className="rl-stories-list">
            {member && (
              <SegmentedControl
                value={status}
                onChange={(value) => choose(value as StoryStatus)}
                data={[
                  { value: "draft", label: t("stories.tabs.draft") },
                  { value: "published", label: t("stories.tabs.published") },
                ]}
                data-testid="stories-status"
              />
            )}
            {stories.isError && (
              <ErrorState error={stories.error} onRetry={() => stories.refetch()} />
            )}
            {stories.isLoading && <Loader size="sm" aria-label={t("stories.loading")} />}
            {stories.isSuccess && list.length === 0 && (
              <Text size="sm" c="gray.7" data-testid="stories-empty">
                {t(`stories.empty.${status}`)}
              </Text>
            )}
            {list.length > 0 && (
              <nav aria-label={t("stories.listLabel")}>
                <Stack gap={6} component="ul" className="rl-stories-items">
                  {list.map((story) => (
                    <li key={story.id}>
                      <StoryLink
                        story={story}
                        active={story.id === storyId}
                        date={formatDate(story.publishedAt ?? story.createdAt, locale)}
                      />
                    </li>
                  ))}
                </Stack>
              </nav>
            )}
          </Stack>
          <Paper withBorder radius="md" p="lg" className="rl-stories-reader">
            {chosen ? (
              <StoryReader story={chosen} key={chosen.id} />
            ) : (
              <Text size="sm" c="gray.7">
                {storyId && stories.isSuccess ? t("stories.notFound") : t("stories.select")}
              </Text>
            )}
          </Paper>
        </div>
      </Stack>
    </div>
  );
}

function StoryLink({ story, active, date }: { story: TStory; active: boolean; date: string }) {
  const { t } = useTranslation();
  const query = story.status === "published" ? "?status=published" : "";
  return (
    <UnstyledButton
      component={Link}
      to={`/stories/${story.id}${query}`}
      className="rl-story-link"
      data-active={active || undefined}
      aria-current={active ? "page" : undefined}
      data-testid="story-link"
    >
      <Text fw={600} size="sm" lineClamp={2} className="rl-wrap">
        {story.title}
      </Text>
      <Group gap={6} mt={2}>
        <Text size="xs" c="gray.7">
          {story.status === "published"
            ? t("stories.publishedOn", { date })
            : t("stories.made", { date })}
        </Text>
        {story.status === "draft" && (
          <Badge size="xs" variant="light" color="gray">
            {t("stories.draftBadge")}
          </Badge>
        )}
      </Group>
    </UnstyledButton>
  );
}
