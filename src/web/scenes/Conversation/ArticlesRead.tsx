import { List, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { TArticleRead } from "../../../shared/articles.ts";
import { apiData } from "../../lib/api.ts";

/**
 * The customer panel's help-centre section: the articles the customer opened in the chat widget
 * (before or while writing), so the agent knows what they already tried. Nothing when none.
 */
export function ArticlesRead({ conversationId }: { conversationId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const read = useQuery({
    queryKey: ["conversation", conversationId, "articles-read"],
    queryFn: ({ signal }) =>
      apiData<TArticleRead[]>("GET", `/api/v1/conversations/${conversationId}/articles-read`, {
        signal,
      }),
    enabled: Boolean(conversationId),
  });
  const rows = read.data ?? [];
  if (rows.length === 0) return null;
  return (
    <>
      <Text className="rl-panel-title">{t("helpCentre.read.title")}</Text>
      <List size="sm" data-testid="articles-read">
        {rows.map((row) => (
          <List.Item key={row.id}>
            {row.title}{" "}
            <Text span size="xs" c="dimmed">
              ({new Date(row.readAt).toLocaleString(i18n.language)})
            </Text>
          </List.Item>
        ))}
      </List>
    </>
  );
}
