import { Anchor, Badge, Button, Group, Select, Stack, Text, Title } from "@mantine/core";
import { IconBulb, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TIdea, TUnsortedIdea } from "../../../shared/ideas.ts";
import { useLinkIdea } from "../../hooks/api/ideas.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

/**
 * Suggestions no idea holds yet, each with the idea Relais finds most similar: one click adds
 * it there, another makes it a new idea, or the agent picks another idea.
 */
export function UnsortedQueue(props: {
  items: TUnsortedIdea[];
  ideas: TIdea[];
  onNewIdea: (item: TUnsortedIdea) => void;
}) {
  const { t } = useTranslation();
  const link = useLinkIdea();
  const add = (ideaId: string, conversationId: string) => {
    const title = props.ideas.find((idea) => idea.id === ideaId)?.title ?? "";
    link.mutate(
      { id: ideaId, conversationId },
      {
        onSuccess: () => notifySuccess(t("ideas.unsorted.added", { title })),
        onError: notifyError,
      },
    );
  };
  return (
    <section
      className="rl-ideas-unsorted"
      aria-labelledby="ideas-unsorted-title"
      data-testid="ideas-unsorted"
    >
      <Group gap="xs" mb={4}>
        <Title order={2} size="h5" id="ideas-unsorted-title">
          {t("ideas.unsorted.title")}
        </Title>
        <Badge size="sm" variant="light" color="gray" radius="xl">
          {props.items.length}
        </Badge>
      </Group>
      <Text size="sm" c="gray.7" mb="sm">
        {t("ideas.unsorted.help")}
      </Text>
      {props.items.length === 0 ? (
        <Text size="sm">{t("ideas.unsorted.empty")}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {props.items.map((item) => {
            const { conversation, suggestion } = item;
            const others = props.ideas
              .filter((idea) => idea.id !== suggestion?.idea.id)
              .map((idea) => ({ value: idea.id, label: idea.title }));
            return (
              <li key={conversation.id} className="rl-unsorted-item" data-testid="unsorted-item">
                <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
                  <div style={{ minWidth: 0, flex: "1 1 320px" }}>
                    <Group gap={8} wrap="wrap">
                      <Text size="sm" fw={600}>
                        {conversation.contact.name ?? "—"}
                      </Text>
                      <Badge size="xs" variant="outline" color="grape.9">
                        {t(`ideas.unsorted.category.${conversation.category}`, {
                          defaultValue: conversation.category,
                        })}
                      </Badge>
                      <Anchor component={Link} to={`/inbox/all/${conversation.id}`} size="xs">
                        {t("ideas.unsorted.open", { number: conversation.number })}
                      </Anchor>
                    </Group>
                    <Text size="sm" mt={4} className="rl-unsorted-excerpt">
                      {conversation.excerpt}
                    </Text>
                  </div>
                  <Stack gap={6} align="flex-end" style={{ flex: "0 1 320px" }}>
                    {suggestion ? (
                      <>
                        <Text size="xs" c="gray.8" ta="right" data-testid="unsorted-proposal">
                          {t("ideas.unsorted.proposed", { title: suggestion.idea.title })}
                        </Text>
                        <Button
                          size="xs"
                          leftSection={<IconBulb size={14} />}
                          onClick={() => add(suggestion.idea.id, conversation.id)}
                          loading={
                            link.isPending && link.variables?.conversationId === conversation.id
                          }
                          data-testid="unsorted-confirm"
                        >
                          {t("ideas.unsorted.confirm")}
                        </Button>
                      </>
                    ) : (
                      <Text size="xs" c="gray.8">
                        {t("ideas.unsorted.noMatch")}
                      </Text>
                    )}
                    <Group gap={6} justify="flex-end" wrap="wrap">
                      {others.length > 0 && (
                        <Select
                          size="xs"
                          w={180}
                          aria-label={t("ideas.unsorted.other")}
                          placeholder={t("ideas.unsorted.otherShort")}
                          data={others}
                          value={null}
                          onChange={(value) => value && add(value, conversation.id)}
                          searchable
                        />
                      )}
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconPlus size={14} />}
                        onClick={() => props.onNewIdea(item)}
                        data-testid="unsorted-new"
                      >
                        {t("ideas.unsorted.newIdea")}
                      </Button>
                    </Group>
                  </Stack>
                </Group>
              </li>
            );
          })}
        </Stack>
      )}
    </section>
  );
}
