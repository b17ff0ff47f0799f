import { Badge, Group, Text, Title } from "@mantine/core";
import { IconUsers, IconWorld } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { IDEA_STATUSES, type TIdea } from "../../../shared/ideas.ts";

/** The ideas in one column per status, most customers first; a card opens the idea. */
export function IdeaBoard({ ideas, onOpen }: { ideas: TIdea[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="rl-ideas-board" aria-label={t("ideas.board")} data-testid="ideas-board">
      {IDEA_STATUSES.map((status) => {
        const column = ideas.filter((idea) => idea.status === status);
        return (
          <section
            key={status}
            className="rl-ideas-column"
            aria-labelledby={`ideas-col-${status}`}
            data-testid={`ideas-column-${status}`}
          >
            <Group justify="space-between" mb={8} wrap="nowrap">
              <Title order={3} size="h6" id={`ideas-col-${status}`}>
                {t(`ideas.status.${status}`)}
              </Title>
              <Badge size="sm" variant="light" color="gray" radius="xl">
                {column.length}
              </Badge>
            </Group>
            {column.length === 0 ? (
              <Text size="xs" c="gray.7">
                {t("ideas.empty")}
              </Text>
            ) : (
              <ul>
                {column.map((idea) => (
                  <li key={idea.id}>
                    <button
                      type="button"
                      className="rl-idea-card"
                      onClick={() => onOpen(idea.id)}
                      data-testid="idea-card"
                    >
                      <Text size="sm" fw={600} className="rl-idea-card-title">
                        {idea.title}
                      </Text>
                      <Group gap={6} mt={4} wrap="wrap">
                        <Group gap={3} wrap="nowrap">
                          <IconUsers size={14} aria-hidden />
                          <Text size="xs" c="gray.8" data-testid="idea-votes">
                            {t("ideas.votes", { count: idea.votes })}
                          </Text>
                        </Group>
                        <Badge size="xs" variant="light" color="gray">
                          {t(`ideas.kind.${idea.kind}`)}
                        </Badge>
                        {idea.public && (
                          <Badge
                            size="xs"
                            variant="outline"
                            color="teal.9"
                            leftSection={<IconWorld size={10} aria-hidden />}
                          >
                            {t("ideas.public")}
                          </Badge>
                        )}
                      </Group>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </section>
  );
}
