import { Anchor, Button, Group, Loader, Text, Title } from "@mantine/core";
import { IconExternalLink, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { TUnsortedIdea } from "../../../shared/ideas.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useIdeas, useUnsortedIdeas } from "../../hooks/api/ideas.ts";
import { useMe } from "../../hooks/api/session.ts";
import { IdeaBoard } from "./IdeaBoard.tsx";
import { IdeaDrawer } from "./IdeaDrawer.tsx";
import { type IdeaDraft, IdeaFormModal } from "./IdeaFormModal.tsx";
import { UnsortedQueue } from "./UnsortedQueue.tsx";
import "./ideas.css";

const BLANK: IdeaDraft = { title: "", description: "", kind: "product" };

/**
 * The ideas board: suggestions waiting to be sorted (with the idea each resembles), then every
 * idea in a column per status with its customers' count. `?idea=<id>` opens the idea page.
 */
export function IdeasScene() {
  const { t } = useTranslation();
  const { user, account } = useMe();
  const canManage = user.role === "admin" || user.role === "supervisor";
  const ideas = useIdeas();
  const unsorted = useUnsortedIdeas();
  const [params, setParams] = useSearchParams();
  const open = params.get("idea");
  const [draft, setDraft] = useState<IdeaDraft | null>(null);
  const openIdea = (id: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set("idea", id);
      else next.delete("idea");
      return next;
    });
  const fromSuggestion = (item: TUnsortedIdea) =>
    setDraft({
      title: item.conversation.subject ?? item.conversation.excerpt.slice(0, 80),
      description: item.conversation.excerpt,
      kind: item.conversation.category === "marketing_idea" ? "marketing" : "product",
      conversationId: item.conversation.id,
    });

  return (
    <div className="rl-page" data-testid="ideas-scene">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="sm">
        <div style={{ maxWidth: 720 }}>
          <Title order={1} size="h3">
            {t("ideas.title")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("ideas.help")}
          </Text>
        </div>
        <Group gap="sm">
          <Anchor
            href={`/ideas/${account.slug}`}
            target="_blank"
            rel="noopener"
            size="sm"
            data-testid="ideas-public-link"
          >
            <Group gap={4} wrap="nowrap">
              {t("ideas.publicPage")}
              <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setDraft(BLANK)}
            data-testid="idea-new"
          >
            {t("ideas.new")}
          </Button>
        </Group>
      </Group>
      {unsorted.isError && <ErrorState error={unsorted.error} onRetry={() => unsorted.refetch()} />}
      {unsorted.data && (
        <UnsortedQueue items={unsorted.data} ideas={ideas.data ?? []} onNewIdea={fromSuggestion} />
      )}
      {ideas.isPending && <Loader size="sm" />}
      {ideas.isError && <ErrorState error={ideas.error} onRetry={() => ideas.refetch()} />}
      {ideas.data && <IdeaBoard ideas={ideas.data} onOpen={openIdea} />}
      {open && (
        <IdeaDrawer
          ideaId={open}
          ideas={ideas.data ?? []}
          canManage={canManage}
          onClose={() => openIdea(null)}
        />
      )}
      {draft && (
        <IdeaFormModal
          draft={draft}
          canPublish={canManage}
          onClose={() => setDraft(null)}
          onCreated={(id) => {
            setDraft(null);
            openIdea(id);
          }}
        />
      )}
    </div>
  );
}
