import {
  Badge,
  Button,
  Center,
  Divider,
  Drawer,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconTrash, IconUserCheck } from "@tabler/icons-react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TContactListItem } from "../../../../shared/contacts.ts";
import type { TEmailQuarantineDetail } from "../../../../shared/emailQuarantine.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useConfirm } from "../../../components/useConfirm.tsx";
import {
  useAssignQuarantined,
  useDiscardQuarantined,
  useQuarantined,
} from "../../../hooks/api/emailQuarantine.ts";
import { formatBytes, formatDateTime } from "../../../lib/format.ts";
import { describeError, notifySuccess } from "../../../lib/notify.ts";
import { ContactPicker } from "../../Contacts/ContactPicker.tsx";
import { reasonKey } from "./reasons.ts";

/** What the mail said about itself, as received: plain text, never interpreted. */
function Facts({ item }: { item: TEmailQuarantineDetail }) {
  const { t, i18n } = useTranslation();
  const rows: Array<[string, string]> = [
    [t("emailQuarantine.columns.sender"), item.sender ?? t("emailQuarantine.noSender")],
    [t("emailQuarantine.envelopeSender"), item.envelope.sender || "—"],
    [t("emailQuarantine.channel"), `${item.channel.name} · ${item.channel.address ?? ""}`],
    [t("emailQuarantine.columns.receivedAt"), formatDateTime(item.receivedAt, i18n.language)],
    [t("emailQuarantine.size"), formatBytes(item.size, i18n.language)],
  ];
  return (
    <Table withRowBorders={false} verticalSpacing={4} layout="fixed">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={150} fw={500} c="gray.7" fz="sm">
              {label}
            </Table.Th>
            <Table.Td fz="sm" className="rl-wrap">
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** File the mail under an existing contact, or under the address the admin knows it is from. */
function AssignForm({ item, onDone }: { item: TEmailQuarantineDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const assign = useAssignQuarantined();
  const [mode, setMode] = useState<"contact" | "email">("contact");
  const [contact, setContact] = useState<TContactListItem | null>(null);
  const [email, setEmail] = useState("");
  const ready = mode === "contact" ? contact !== null : /^\S+@\S+\.\S+$/.test(email.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const to = mode === "contact" && contact ? { contactId: contact.id } : { email: email.trim() };
    assign.mutate(
      { id: item.id, to },
      {
        onSuccess: () => {
          notifySuccess(t("emailQuarantine.assigned"));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label={t("emailQuarantine.assignTitle")}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("emailQuarantine.assignTitle")}
        </Title>
        <SegmentedControl
          w="fit-content"
          size="xs"
          value={mode}
          onChange={(value) => setMode(value as "contact" | "email")}
          data={[
            { value: "contact", label: t("emailQuarantine.toContact") },
            { value: "email", label: t("emailQuarantine.toEmail") },
          ]}
          aria-label={t("emailQuarantine.assignMode")}
        />
        {mode === "contact" ? (
          <ContactPicker
            value={contact}
            onChange={setContact}
            label={t("emailQuarantine.contact")}
            placeholder={t("emailQuarantine.contactPlaceholder")}
            testId="quarantine-contact"
          />
        ) : (
          <TextInput
            label={t("emailQuarantine.email")}
            description={t("emailQuarantine.emailHelp")}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            data-testid="quarantine-email"
          />
        )}
        {assign.error && (
          <Text size="sm" c="red" role="alert">
            {describeError(assign.error)}
          </Text>
        )}
        <Group>
          <Button
            type="submit"
            leftSection={<IconUserCheck size={16} />}
            disabled={!ready}
            loading={assign.isPending}
            data-testid="quarantine-assign"
          >
            {t("emailQuarantine.assign")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One quarantined mail: what it says, inert, and the decision to take. */
export function QuarantineDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const item = useQuarantined(id);
  const discard = useDiscardQuarantined();
  const [confirm, dialog] = useConfirm();
  const [shownId, setShownId] = useState(id);
  useEffect(() => {
    if (id) setShownId(id);
  }, [id]);
  const data = item.data?.id === shownId ? item.data : undefined;

  const onDiscard = async () => {
    if (!data) return;
    const sure = await confirm({
      title: t("emailQuarantine.discardTitle"),
      message: t("emailQuarantine.discardMessage"),
      confirmLabel: t("emailQuarantine.discard"),
      danger: true,
    });
    if (!sure) return;
    discard.mutate(data.id, {
      onSuccess: () => {
        notifySuccess(t("emailQuarantine.discarded"));
        onClose();
      },
    });
  };

  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={data?.subject ?? t("emailQuarantine.noSubject")}
      closeButtonProps={{ "aria-label": t("actions.close") }}
      data-testid="quarantine-drawer"
    >
      {item.isError ? (
        <ErrorState error={item.error} onRetry={() => item.refetch()} />
      ) : !data ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : (
        <Stack gap="md">
          <Group gap="xs">
            <Badge variant="dot" color="orange">
              {t(reasonKey(data.reason))}
            </Badge>
            <Badge variant="outline" color="gray.7">
              {t(`emailQuarantine.statuses.${data.status}`)}
            </Badge>
          </Group>
          <Facts item={data} />
          <Paper withBorder p="sm" radius="sm" bg="gray.0">
            <Text
              component="pre"
              size="sm"
              m={0}
              style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontFamily: "inherit" }}
              aria-label={t("emailQuarantine.text")}
              data-testid="quarantine-text"
            >
              {data.text || t("emailQuarantine.noText")}
            </Text>
          </Paper>
          {data.status === "pending" ? (
            <>
              <Divider />
              <AssignForm item={data} onDone={onClose} />
              <Divider />
              <Group justify="space-between">
                <Text size="sm" c="gray.7" maw={360}>
                  {t("emailQuarantine.discardHelp")}
                </Text>
                <Button
                  variant="light"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={onDiscard}
                  loading={discard.isPending}
                  data-testid="quarantine-discard"
                >
                  {t("emailQuarantine.discard")}
                </Button>
              </Group>
            </>
          ) : data.conversationId ? (
            <Button
              component={Link}
              to={`/inbox/all/${data.conversationId}`}
              variant="light"
              w="fit-content"
            >
              {t("emailQuarantine.openConversation")}
            </Button>
          ) : null}
        </Stack>
      )}
      {dialog}
    </Drawer>
  );
}
