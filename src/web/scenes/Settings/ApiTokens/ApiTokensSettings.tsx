import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CopyField } from "../../../components/CopyField.tsx";
import { useConfirm } from "../../../components/useConfirm.tsx";
import {
  type ApiToken,
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
} from "../../../hooks/api/account.ts";
import { formatDateTime, formatRelative } from "../../../lib/format.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";

/** Everyone's own personal API tokens: create one (shown once), see its last use, revoke it. */
export function ApiTokensSettings() {
  const { t, i18n } = useTranslation();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [confirm, confirmDialog] = useConfirm();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        setName("");
        setCreated({ name: token.name, token: token.token });
      },
      onError: notifyError,
    });
  };

  const askRevoke = async (token: ApiToken) => {
    const yes = await confirm({
      title: t("apiTokens.revokeTitle"),
      message: t("apiTokens.revokeMessage", { name: token.name }),
      confirmLabel: t("apiTokens.revoke"),
      danger: true,
    });
    if (!yes) return;
    revoke.mutate(token.id, {
      onSuccess: () => notifySuccess(t("apiTokens.revoked")),
      onError: notifyError,
    });
  };

  const rows = tokens.data ?? [];
  return (
    <Stack gap="md" maw={820} data-testid="api-tokens-settings">
      <Text size="sm" className="rl-wrap">
        {t("apiTokens.intro")}{" "}
        <Anchor href="/api/v1/docs" target="_blank" rel="noreferrer">
          {t("apiTokens.docs")}
        </Anchor>
      </Text>
      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t("apiTokens.name")}
            placeholder={t("apiTokens.namePlaceholder")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={100}
            required
            data-testid="api-token-name"
            style={{ flex: "1 1 240px" }}
          />
          <Button
            type="submit"
            leftSection={<IconKey size={16} />}
            loading={create.isPending}
            disabled={!name.trim()}
            data-testid="api-token-create"
          >
            {t("apiTokens.create")}
          </Button>
        </Group>
      </form>
      {rows.length === 0 && !tokens.isLoading ? (
        <Text size="sm" c="dimmed">
          {t("apiTokens.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" data-testid="api-token-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("apiTokens.columns.name")}</Table.Th>
                <Table.Th>{t("apiTokens.columns.created")}</Table.Th>
                <Table.Th>{t("apiTokens.columns.lastUsed")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("apiTokens.columns.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((token) => (
                <Table.Tr key={token.id} data-token-id={token.id}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td>
                    <time dateTime={token.createdAt}>
                      {formatDateTime(token.createdAt, i18n.language)}
                    </time>
                  </Table.Td>
                  <Table.Td data-testid="api-token-last-used">
                    {token.lastUsedAt ? (
                      <time
                        dateTime={token.lastUsedAt}
                        title={formatDateTime(token.lastUsedAt, i18n.language)}
                      >
                        {formatRelative(token.lastUsedAt, i18n.language)}
                      </time>
                    ) : (
                      <Text span size="sm" c="dimmed">
                        {t("apiTokens.never")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      aria-label={t("apiTokens.revokeLabel", { name: token.name })}
                      onClick={() => void askRevoke(token)}
                      data-testid="api-token-revoke"
                    >
                      {t("apiTokens.revoke")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={<Text fw={600}>{t("apiTokens.createdTitle")}</Text>}
        size="lg"
        centered
        closeButtonProps={{ "aria-label": t("actions.close") }}
      >
        <Stack gap="sm" data-testid="api-token-created">
          <Alert color="yellow" variant="light">
            {t("apiTokens.createdHelp")}
          </Alert>
          <Text size="sm" fw={500}>
            {created?.name}
          </Text>
          {created && <CopyField value={created.token} testId="api-token-secret" />}
          <Group justify="flex-end">
            <Button onClick={() => setCreated(null)} data-testid="api-token-done">
              {t("apiTokens.done")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {confirmDialog}
    </Stack>
  );
}
