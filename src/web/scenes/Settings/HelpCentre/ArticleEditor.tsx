import {
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { HelpLocale, TArticle } from "../../../../shared/articles.ts";
import { articleMarkdown } from "../../../../shared/markdown.ts";
import { useConfirm } from "../../../components/useConfirm.tsx";
import {
  useArticle,
  useArticleCategories,
  useArticleRevisions,
  useDeleteArticle,
  useSaveArticle,
} from "../../../hooks/api/articles.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";
import { sanitizeArticleHtml } from "../../../lib/sanitize.ts";

const markdown = articleMarkdown();

/** Markdown made inert HTML, as the public page shows it. */
function ArticlePreview({ html, label }: { html: string; label: string }) {
  const inert = { __html: html };
  return (
    <Box
      className="rl-article-preview"
      data-testid="article-preview"
      aria-label={label}
      role="region"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify (sanitizeArticleHtml)
      dangerouslySetInnerHTML={inert}
    />
  );
}

export interface EditorTarget {
  id: string | null;
  /** For a new article: its language and the original it translates. */
  locale?: HelpLocale;
  translationOf?: TArticle | null;
}

/**
 * Write or change an article: Markdown beside its preview (sanitised as the public page is),
 * the original beside a translation, publish and unpublish, category, history.
 */
export function ArticleEditor({
  target,
  canEdit,
  onClose,
  onOpen,
}: {
  target: EditorTarget;
  canEdit: boolean;
  onClose: () => void;
  onOpen: (target: EditorTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const loaded = useArticle(target.id);
  const article = loaded.data ?? null;
  if (target.id && !article) {
    return (
      <Modal opened onClose={onClose} title={t("helpCentre.editor.loading")} size="xl">
        <Text>{t("helpCentre.editor.loading")}</Text>
      </Modal>
    );
  }
  return (
    <EditorForm
      key={article?.updatedAt ?? "new"}
      article={article}
      target={target}
      canEdit={canEdit}
      onClose={onClose}
      onOpen={onOpen}
      language={i18n.language}
    />
  );
}

function EditorForm({
  article,
  target,
  canEdit,
  onClose,
  onOpen,
  language,
}: {
  article: TArticle | null;
  target: EditorTarget;
  canEdit: boolean;
  onClose: () => void;
  onOpen: (target: EditorTarget) => void;
  language: string;
}) {
  const { t } = useTranslation();
  const categories = useArticleCategories();
  const save = useSaveArticle();
  const remove = useDeleteArticle();
  const revisions = useArticleRevisions(article?.id ?? null);
  const [confirm, dialog] = useConfirm();
  const original = target.translationOf ?? null;
  const [locale, setLocale] = useState<HelpLocale>(
    article?.locale ?? target.locale ?? (original?.locale === "fr" ? "en" : "fr"),
  );
  const [title, setTitle] = useState(article?.title ?? original?.title ?? "");
  const [body, setBody] = useState(article?.body ?? original?.body ?? "");
  const [categoryId, setCategoryId] = useState<string | null>(
    article?.categoryId ?? original?.categoryId ?? null,
  );
  const preview = useMemo(() => sanitizeArticleHtml(markdown.render(body)), [body]);
  // The other language's version, shown beside the text being translated.
  const otherId = article?.translations[0]?.id ?? original?.id ?? null;
  const other = useArticle(otherId);
  const otherHtml = useMemo(
    () => (other.data ? sanitizeArticleHtml(markdown.render(other.data.body)) : ""),
    [other.data],
  );
  const otherLocale: HelpLocale = locale === "fr" ? "en" : "fr";
  const hasOther = Boolean(article?.translations.some((tr) => tr.locale === otherLocale));

  const submit = (status?: "draft" | "published") =>
    save.mutate(
      {
        id: article?.id,
        body: {
          locale,
          title: title.trim(),
          body,
          categoryId,
          ...(status ? { status } : {}),
          ...(!article && original ? { translationOf: original.id } : {}),
        },
      },
      {
        onSuccess: (saved) => {
          notifySuccess(
            t(
              saved.status === "published"
                ? "helpCentre.editor.savedPublished"
                : "helpCentre.editor.savedDraft",
            ),
          );
          if (!article) onOpen({ id: saved.id });
        },
        onError: notifyError,
      },
    );

  const categoryName = (name: { fr: string; en: string }) =>
    language === "en" ? name.en : name.fr;
  const heading = article
    ? t("helpCentre.editor.editTitle", { title: article.title })
    : original
      ? t("helpCentre.editor.translateTitle", { title: original.title })
      : t("helpCentre.editor.newTitle");

  return (
    <Modal
      opened
      onClose={onClose}
      title={heading}
      size="100%"
      closeButtonProps={{ "aria-label": t("helpCentre.editor.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Group gap="xs">
            {article && (
              <Badge
                color={article.status === "published" ? "teal.9" : "gray.7"}
                data-testid="article-status"
              >
                {t(`helpCentre.status.${article.status}`)}
              </Badge>
            )}
            {article?.url && (
              <Text size="sm">
                <a href={article.url} target="_blank" rel="noreferrer">
                  {t("helpCentre.editor.publicPage")}
                </a>
              </Text>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t("helpCentre.editor.language")}
              data={[
                { value: "fr", label: t("helpCentre.locales.fr") },
                { value: "en", label: t("helpCentre.locales.en") },
              ]}
              value={locale}
              onChange={(value) => value && setLocale(value as HelpLocale)}
              allowDeselect={false}
              disabled={Boolean(article) || Boolean(original) || !canEdit}
            />
            <TextInput
              label={t("helpCentre.editor.title")}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              maxLength={200}
              required
              readOnly={!canEdit}
              data-testid="article-title"
              data-autofocus
            />
            <Select
              label={t("helpCentre.editor.category")}
              placeholder={t("helpCentre.editor.noCategory")}
              data={(categories.data ?? []).map((category) => ({
                value: category.id,
                label: categoryName(category.name),
              }))}
              value={categoryId}
              onChange={setCategoryId}
              clearable
              disabled={!canEdit}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: other.data ? 3 : 2 }}>
            {other.data && (
              <Stack gap={4} data-testid="article-original">
                <Text size="sm" fw={600}>
                  {t("helpCentre.editor.otherVersion", {
                    language: t(`helpCentre.locales.${other.data.locale}`),
                  })}
                </Text>
                <Title order={3} size="h5">
                  {other.data.title}
                </Title>
                <ArticlePreview html={otherHtml} label={other.data.title} />
              </Stack>
            )}
            <Textarea
              label={t("helpCentre.editor.body")}
              description={t("helpCentre.editor.bodyHelp")}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              autosize
              minRows={14}
              maxRows={30}
              readOnly={!canEdit}
              data-testid="article-body"
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t("helpCentre.editor.preview")}
              </Text>
              <ArticlePreview html={preview} label={t("helpCentre.editor.preview")} />
            </Stack>
          </SimpleGrid>
          {canEdit && (
            <Group justify="space-between">
              <Group gap="xs">
                <Button type="submit" loading={save.isPending} data-testid="article-save">
                  {article ? t("helpCentre.editor.save") : t("helpCentre.editor.saveDraft")}
                </Button>
                {article?.status !== "published" ? (
                  <Button
                    variant="light"
                    color="green"
                    onClick={() => submit("published")}
                    data-testid="article-publish"
                  >
                    {t("helpCentre.editor.publish")}
                  </Button>
                ) : (
                  <Button
                    variant="light"
                    color="gray"
                    onClick={() => submit("draft")}
                    data-testid="article-unpublish"
                  >
                    {t("helpCentre.editor.unpublish")}
                  </Button>
                )}
                {article && !hasOther && (
                  <Button
                    variant="default"
                    onClick={() => onOpen({ id: null, translationOf: article })}
                    data-testid="article-translate"
                  >
                    {t("helpCentre.editor.translate", {
                      language: t(`helpCentre.locales.${otherLocale}`),
                    })}
                  </Button>
                )}
              </Group>
              {article && (
                <Button
                  variant="subtle"
                  color="red"
                  loading={remove.isPending}
                  onClick={async () => {
                    const sure = await confirm({
                      title: t("helpCentre.editor.delete"),
                      message: t("helpCentre.editor.deleteConfirm", { title: article.title }),
                      confirmLabel: t("helpCentre.editor.delete"),
                      danger: true,
                    });
                    if (!sure) return;
                    remove.mutate(article.id, {
                      onSuccess: () => {
                        notifySuccess(t("helpCentre.editor.deleted"));
                        onClose();
                      },
                      onError: notifyError,
                    });
                  }}
                >
                  {t("helpCentre.editor.delete")}
                </Button>
              )}
            </Group>
          )}
          {article && (revisions.data?.length ?? 0) > 0 && (
            <Box component="details">
              <Box component="summary" style={{ cursor: "pointer" }}>
                {t("helpCentre.editor.history", { count: revisions.data?.length ?? 0 })}
              </Box>
              <Stack gap={2} mt="xs" component="ol">
                {revisions.data?.map((revision) => (
                  <Text key={revision.id} size="sm" component="li">
                    {new Date(revision.createdAt).toLocaleString(language)} — {revision.title} ·{" "}
                    {t(`helpCentre.status.${revision.status}`)}
                    {revision.editor ? ` · ${revision.editor.name}` : ""}
                  </Text>
                ))}
              </Stack>
            </Box>
          )}
        </Stack>
      </form>
      {dialog}
    </Modal>
  );
}
