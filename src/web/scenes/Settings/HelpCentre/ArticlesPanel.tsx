import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { IconFolderPlus, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/ErrorState.tsx";
import {
  useArticleCategories,
  useArticles,
  useCreateArticleCategory,
} from "../../../hooks/api/articles.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";
import { ArticleEditor, type EditorTarget } from "./ArticleEditor.tsx";

function CategoryForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateArticleCategory();
  const [fr, setFr] = useState("");
  const [en, setEn] = useState("");
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("helpCentre.categories.create")}
      size="sm"
      closeButtonProps={{ "aria-label": t("helpCentre.editor.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name: { fr: fr.trim(), en: en.trim() } },
            {
              onSuccess: () => {
                notifySuccess(t("helpCentre.categories.created"));
                onClose();
              },
              onError: notifyError,
            },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("helpCentre.categories.nameFr")}
            value={fr}
            onChange={(e) => setFr(e.currentTarget.value)}
            required
            maxLength={120}
            data-autofocus
            data-testid="category-fr"
          />
          <TextInput
            label={t("helpCentre.categories.nameEn")}
            value={en}
            onChange={(e) => setEn(e.currentTarget.value)}
            required
            maxLength={120}
            data-testid="category-en"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="category-save">
              {t("helpCentre.categories.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The articles, searchable, each opening the editor; new articles and categories. */
export function ArticlesPanel({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState("");
  const articles = useArticles(q);
  const categories = useArticleCategories();
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [addingCategory, setAddingCategory] = useState(false);
  if (articles.isError)
    return <ErrorState error={articles.error} onRetry={() => articles.refetch()} />;
  const categoryName = (id: string | null) => {
    const category = categories.data?.find((c) => c.id === id);
    if (!category) return "";
    return i18n.language === "en" ? category.name.en : category.name.fr;
  };
  return (
    <Stack gap="md" data-testid="articles-panel">
      <Group justify="space-between">
        <TextInput
          aria-label={t("helpCentre.articles.search")}
          placeholder={t("helpCentre.articles.search")}
          leftSection={<IconSearch size={14} />}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          w={320}
        />
        {canEdit && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconFolderPlus size={14} />}
              onClick={() => setAddingCategory(true)}
              data-testid="category-new"
            >
              {t("helpCentre.categories.create")}
            </Button>
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setEditing({ id: null })}
              data-testid="article-new"
            >
              {t("helpCentre.articles.create")}
            </Button>
          </Group>
        )}
      </Group>
      {articles.isLoading ? (
        <Loader size="sm" />
      ) : (articles.data ?? []).length === 0 ? (
        <Text c="dimmed">{t("helpCentre.articles.empty")}</Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("helpCentre.articles.title")}</Table.Th>
              <Table.Th>{t("helpCentre.articles.language")}</Table.Th>
              <Table.Th>{t("helpCentre.articles.status")}</Table.Th>
              <Table.Th>{t("helpCentre.articles.category")}</Table.Th>
              <Table.Th ta="right">{t("helpCentre.articles.views")}</Table.Th>
              <Table.Th ta="right">{t("helpCentre.articles.helpful")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(articles.data ?? []).map((article) => (
              <Table.Tr key={article.id} data-article-row={article.title}>
                <Table.Td>
                  <UnstyledButton
                    onClick={() => setEditing({ id: article.id })}
                    className="rl-link-button"
                  >
                    <Anchor component="span" size="sm">
                      {article.title}
                    </Anchor>
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" size="sm">
                    {article.locale.toUpperCase()}
                  </Badge>
                  {article.translations.map((tr) => (
                    <Badge key={tr.id} variant="outline" size="sm" ml={4} title={tr.title}>
                      {tr.locale.toUpperCase()}
                    </Badge>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Badge color={article.status === "published" ? "teal.9" : "gray.7"} size="sm">
                    {t(`helpCentre.status.${article.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{categoryName(article.categoryId)}</Text>
                </Table.Td>
                <Table.Td ta="right">{article.views}</Table.Td>
                <Table.Td ta="right">
                  {article.helpful} / {article.helpful + article.notHelpful}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <ArticleEditor
          target={editing}
          canEdit={canEdit}
          onClose={() => setEditing(null)}
          onOpen={setEditing}
        />
      )}
      {addingCategory && <CategoryForm onClose={() => setAddingCategory(false)} />}
    </Stack>
  );
}
