import { Anchor, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconDownload, IconMessage, IconSend, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { TStory } from "../../../shared/stories.ts";
import { useConfirm } from "../../components/useConfirm.tsx";
import { useMe } from "../../hooks/api/session.ts";
import { storyExportUrl, useDeleteStory, usePublishStory } from "../../hooks/api/stories.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDate } from "../../lib/format.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

/** A speaker at the start of a paragraph of the transcript: "[Client 1] : ". */
const SPEAKER = /^(\[[^\]\n]+\])( : |: )/;

/** One story: its title, summary and anonymised conversation; publish, export, delete. */
export function StoryReader({ story }: { story: TStory }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { user } = useMe();
  const navigate = useNavigate();
  const publish = usePublishStory();
  const remove = useDeleteStory();
  const [confirm, dialog] = useConfirm();
  const supervisor = user.role === "admin" || user.role === "supervisor";
  const member = user.role !== "viewer";
  const date = formatDate(story.publishedAt ?? story.createdAt, locale);

  const onPublish = () =>
    publish.mutate(story.id, {
      onSuccess: () => {
        notifySuccess(t("stories.publishedDone"));
        navigate(`/stories/${story.id}?status=published`);
      },
      onError: notifyError,
    });
  const onDelete = async () => {
    const ok = await confirm({
      title: t("stories.deleteTitle"),
      message: t("stories.deleteMessage", { title: story.title }),
      confirmLabel: t("stories.delete"),
      danger: true,
    });
    if (!ok) return;
    remove.mutate(story.id, {
      onSuccess: () => {
        notifySuccess(t("stories.deleted"));
        navigate(story.status === "published" ? "/stories?status=published" : "/stories");
      },
      onError: notifyError,
    });
  };

  return (
    <Stack gap="md" data-testid="story-reader">
      <div>
        <Group gap="xs" mb={4}>
          <Badge
            size="sm"
            variant="light"
            color={story.status === "published" ? "teal" : "gray"}
            data-testid="story-status"
          >
            {t(story.status === "published" ? "stories.publishedBadge" : "stories.draftBadge")}
          </Badge>
          <Text size="xs" c="gray.7">
            {story.status === "published"
              ? t("stories.publishedOn", { date })
              : t("stories.made", { date })}
          </Text>
        </Group>
        <Title order={2} size="h3" className="rl-wrap">
          {story.title}
        </Title>
        {story.summary && (
          <Text size="sm" mt={6} className="rl-wrap">
            {story.summary}
          </Text>
        )}
      </div>
      <Group gap="sm">
        {supervisor && story.status === "draft" && (
          <Button
            size="xs"
            color="brand.8"
            leftSection={<IconSend size={14} />}
            onClick={onPublish}
            loading={publish.isPending}
            data-testid="story-publish"
          >
            {t("stories.publish")}
          </Button>
        )}
        <Button
          size="xs"
          variant="default"
          component="a"
          href={storyExportUrl(story.id)}
          download
          leftSection={<IconDownload size={14} />}
          data-testid="story-export"
        >
          {t("stories.export")}
        </Button>
        {member && story.conversationId && (
          <Anchor
            component={Link}
            to={`/inbox/all/${story.conversationId}`}
            size="sm"
            fw={600}
            className="rl-story-conversation"
          >
            <IconMessage size={14} aria-hidden /> {t("stories.openConversation")}
          </Anchor>
        )}
        {(supervisor || (member && story.status === "draft")) && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconTrash size={14} />}
            onClick={onDelete}
            loading={remove.isPending}
            data-testid="story-delete"
          >
            {t("stories.delete")}
          </Button>
        )}
      </Group>
      <section aria-label={t("stories.conversationLabel")} className="rl-story-text">
        <Text size="xs" c="gray.7" tt="uppercase" fw={600} mb={6}>
          {t("stories.conversationLabel")}
        </Text>
        {story.text.split(/\n{2,}/).map((paragraph, index) => {
          const speaker = SPEAKER.exec(paragraph);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text
            <Text key={index} size="sm" className="rl-story-paragraph">
              {speaker ? (
                <>
                  <strong>{speaker[1]}</strong>
                  {speaker[2]}
                  {paragraph.slice(speaker[0].length)}
                </>
              ) : (
                paragraph
              )}
            </Text>
          );
        })}
      </section>
      {dialog}
    </Stack>
  );
}
