import {
  Alert,
  Badge,
  Blockquote,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { IdeaStatus, TIdeaRecipient } from "../../../shared/ideas.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useIdeaStatusPreview, useUpdateIdea } from "../../hooks/api/ideas.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

function RecipientState({ recipient }: { recipient: TIdeaRecipient }) {
  const { t } = useTranslation();
  if (recipient.alreadyTold) {
    return (
      <Badge size="sm" variant="light" color="gray">
        {t("ideas.tell.alreadyTold")}
      </Badge>
    );
  }
  if (recipient.skippedReason) {
    return (
      <Text size="xs" c="orange.9">
        {t("ideas.tell.skipped", { reason: recipient.skippedReason })}
      </Text>
    );
  }
  return (
    <Badge size="sm" variant="outline" color="teal.9">
      {t("ideas.tell.willTell")}
    </Badge>
  );
}

/**
 * Before a status change is saved: who will be told, on which channel and in which language,
 * and the message in French and in English. Saving is the confirmation.
 */
export function TellCustomersModal(props: {
  ideaId: string;
  change: { status: IdeaStatus; statusNote: string };
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const preview = useIdeaStatusPreview(props.ideaId, props.change);
  const update = useUpdateIdea();
  const plan = preview.data;
  const toTell = (plan?.recipients ?? []).filter((r) => !r.alreadyTold && !r.skippedReason);
  const save = () =>
    update.mutate(
      {
        id: props.ideaId,
        body: { status: props.change.status, statusNote: props.change.statusNote.trim() || null },
      },
      {
        onSuccess: () => {
          notifySuccess(t("ideas.detail.saved"));
          props.onSaved();
        },
        onError: notifyError,
      },
    );
  const statusLabel = t(`ideas.status.${props.change.status}`);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t("ideas.tell.title", { status: statusLabel })}
      size="xl"
      closeButtonProps={{ "aria-label": t("actions.close") }}
    >
      <Stack gap="sm" data-testid="tell-customers">
        {preview.isPending && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t("ideas.tell.loading")}</Text>
          </Group>
        )}
        {preview.isError && <ErrorState error={preview.error} onRetry={() => preview.refetch()} />}
        {plan && !plan.announced && <Alert color="gray">{t("ideas.tell.silent")}</Alert>}
        {plan?.announced && (
          <>
            <Text size="sm">{t("ideas.tell.intro")}</Text>
            {plan.recipients.length === 0 ? (
              <Text size="sm" c="gray.7">
                {t("ideas.tell.none")}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={520}>
                <Table striped data-testid="tell-recipients">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("ideas.tell.who")}</Table.Th>
                      <Table.Th>{t("ideas.tell.channel")}</Table.Th>
                      <Table.Th>{t("ideas.tell.language")}</Table.Th>
                      <Table.Th>{t("ideas.tell.state")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {plan.recipients.map((recipient) => (
                      <Table.Tr key={recipient.contact.id} data-testid="tell-recipient">
                        <Table.Td>{recipient.contact.name ?? "—"}</Table.Td>
                        <Table.Td>
                          {recipient.channel
                            ? `${t(`channelKinds.${recipient.channel.kind}`, {
                                defaultValue: recipient.channel.kind,
                              })} · ${recipient.channel.name}`
                            : "—"}
                        </Table.Td>
                        <Table.Td>{t(`ideas.tell.languages.${recipient.language}`)}</Table.Td>
                        <Table.Td>
                          <RecipientState recipient={recipient} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {(["fr", "en"] as const).map((language) => (
              <div key={language}>
                <Text size="sm" fw={600}>
                  {t("ideas.tell.message", { language: t(`ideas.tell.languages.${language}`) })}
                </Text>
                <Blockquote
                  p="sm"
                  mt={4}
                  color="gray"
                  lang={language}
                  style={{ whiteSpace: "pre-line" }}
                  data-testid={`tell-message-${language}`}
                >
                  {plan.messages[language]}
                </Blockquote>
              </div>
            ))}
          </>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onClose}>
            {t("ideas.form.cancel")}
          </Button>
          <Button
            onClick={save}
            loading={update.isPending}
            disabled={!plan}
            data-testid="tell-confirm"
          >
            {plan?.announced && toTell.length > 0
              ? t("ideas.tell.confirm", { count: toTell.length })
              : t("ideas.tell.confirmSilent")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
